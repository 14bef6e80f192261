"""The task queue end to end: a real Celery worker process taking a task from real Redis."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from sel_planner.celery import app as celery_app
from sel_planner.reports.tasks import diagnostic_ping

from .conftest import require_service

ROOT = Path(__file__).resolve().parent.parent


def _broker_reachable() -> bool:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        return False


@pytest.fixture
def worker(settings):
    if not settings.CELERY_BROKER_URL:
        require_service("CELERY_BROKER_URL is not set: no Redis broker to send tasks through")
    if not _broker_reachable():
        require_service(f"the Celery broker at {settings.CELERY_BROKER_URL} is unreachable")
    queue = f"diagnostic-{uuid.uuid4().hex[:8]}"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "sel_planner",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "-Q",
            queue,
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env={**os.environ},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    celery_app.conf.task_always_eager = False
    try:
        yield queue
    finally:
        celery_app.conf.task_always_eager = True
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def test_diagnostic_task_runs_in_a_real_worker(worker):
    result = diagnostic_ping.apply_async(args=[21], queue=worker)
    answer = result.get(timeout=60)
    assert answer["echo"] == 42
    assert answer["hostname"]
    assert result.status == "SUCCESS"


def test_tasks_are_acknowledged_late_with_time_limits():
    assert celery_app.conf.task_acks_late is True
    assert celery_app.conf.task_reject_on_worker_lost is True
    assert celery_app.conf.task_time_limit == settings.CELERY_TASK_TIME_LIMIT > 0
    assert 0 < celery_app.conf.task_soft_time_limit < celery_app.conf.task_time_limit


def test_without_a_broker_tasks_run_in_process():
    assert diagnostic_ping.apply(args=[5]).get()["echo"] == 10
