"""Reports through a real Celery worker and Redis, with PostgreSQL so the worker sees the rows.

Locally: CELERY_BROKER_URL=redis://127.0.0.1:6379/<n> and DATABASE_URL=postgres://...; without
them these tests skip (and fail under REQUIRE_SERVICES=1).
"""

import io
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from unittest import mock
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from sel_planner.celery import app as celery_app
from sel_planner.districts.models import PlanningCycle
from sel_planner.reports import services
from sel_planner.reports.models import ReportJob
from sel_planner.reports.tasks import generate_report

from ..conftest import require_service
from .support import assert_demo_annual_report, assert_workbook_record, ensure_rubric_framework

pytestmark = pytest.mark.services

ROOT = Path(__file__).resolve().parents[2]
# Short enough for a test to wait out, in the same order as in production.
VISIBILITY_TIMEOUT, HARD_LIMIT, SOFT_LIMIT = 20, 16, 14


def _broker_reachable() -> bool:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        return False


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{quote(db['USER'])}{password}@{db['HOST'] or 'localhost'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


class Workers:
    """Starts and stops worker processes taking tasks from one queue."""

    def __init__(self, env, queue):
        self.env = env
        self.queue = queue
        self.processes = []

    def start(self, *, section_delay: float = 0) -> subprocess.Popen:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "sel_planner",
                "worker",
                "--pool=prefork",
                "--concurrency=1",
                "-Q",
                self.queue,
                "--without-gossip",
                "--without-mingle",
                "--loglevel=WARNING",
            ],
            cwd=ROOT,
            env={**self.env, "REPORTS_SECTION_DELAY": str(section_delay)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, so that a kill takes the pool too
        )
        self.processes.append(process)
        return process

    def kill(self, process) -> None:
        """The machine goes away: the worker and its pool die at once, acknowledging nothing."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=20)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture
def workers(transactional_db, settings):
    if not settings.CELERY_BROKER_URL:
        require_service("CELERY_BROKER_URL is not set: no Redis broker to send tasks through")
    if connection.vendor != "postgresql":
        require_service(
            "DATABASE_URL is not PostgreSQL: a worker process cannot see the test's rows"
        )
    if not _broker_reachable():
        require_service(f"the Celery broker at {settings.CELERY_BROKER_URL} is unreachable")
    # A queue of this test's own, so that no other worker (nor an earlier, interrupted run's
    # leftover message) meets its jobs.
    queue = f"reports-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "MEDIA_ROOT": settings.STORAGES["default"]["OPTIONS"]["location"],
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        "CELERY_TASK_TIME_LIMIT": str(HARD_LIMIT),
        "CELERY_TASK_SOFT_TIME_LIMIT": str(SOFT_LIMIT),
    }
    celery_app.conf.task_always_eager = False
    pool = Workers(env, queue)

    def delay(job_id):
        return generate_report.apply_async(args=[job_id], queue=queue)

    try:
        with mock.patch.object(generate_report, "delay", delay):
            yield pool
    finally:
        celery_app.conf.task_always_eager = True
        pool.stop_all()


@pytest.fixture
def demo_cycle(workers):
    ensure_rubric_framework()
    call_command("seed_demo", stdout=io.StringIO())
    return PlanningCycle.objects.select_related("district").get(
        district__slug="riverbend", slug="2026-27"
    )


def _wait_for(job, condition, *, timeout: float) -> ReportJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if condition(job):
            return job
        time.sleep(0.25)
    pytest.fail(f"job {job.pk} stayed {job.status} at {job.progress_done}/{job.progress_total}")


def _files() -> list[Path]:
    root = Path(settings.STORAGES["default"]["OPTIONS"]["location"]) / "reports"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_a_real_worker_prints_the_demo_annual_report_and_workbook(workers, demo_cycle):
    workers.start()
    annual, _new = services.report_request(cycle=demo_cycle, kind="annual")
    workbook, _new = services.report_request(cycle=demo_cycle, kind="workbook")
    for job in (annual, workbook):
        _wait_for(job, lambda j: j.is_finished, timeout=120)
        assert job.status == "done", job.error
        assert job.progress_done == job.progress_total
    assert_demo_annual_report(annual.file.read(), demo_cycle)
    assert_workbook_record(workbook.file.read())
    assert len(_files()) == 2


def test_a_job_whose_worker_is_killed_completes_once_after_a_new_worker_starts(workers, demo_cycle):
    first = workers.start(section_delay=1.0)
    job, _new = services.report_request(cycle=demo_cycle, kind="annual")
    _wait_for(job, lambda j: j.status == "running" and j.progress_done >= 2, timeout=90)
    workers.kill(first)
    job.refresh_from_db()
    assert (job.status, job.attempts, bool(job.file)) == ("running", 1, False)
    assert _files() == []
    workers.start()
    # Redis hands the unacknowledged task out again once its visibility timeout has passed.
    _wait_for(job, lambda j: j.status == "done", timeout=VISIBILITY_TIMEOUT + 90)
    assert job.attempts == 2
    time.sleep(3)
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("done", 2), "completed exactly once"
    assert [p.name for p in _files()] == [f"{job.code}.pdf"]
    assert_demo_annual_report(job.file.read(), demo_cycle)
