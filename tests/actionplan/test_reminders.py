"""The weekly digest: who gets which activities, and the task through a real Celery worker."""

import os
import subprocess
import sys
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection

from actionplan.models import Status
from actionplan.services import reminder_digests, reminder_send_digests, reminder_set
from actionplan.tasks import send_weekly_digest
from sel_planner.celery import app as celery_app
from sel_planner.districts.models import Membership, PlanningCycle, Role
from tests.conftest import require_service

from .helpers import activity, annual_goal, milestone

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 12, 1)


def _setup(cast):
    mile = milestone(annual_goal(cast.cycle))
    rows = {
        "overdue": activity(
            mile, action="overdue", due=TODAY - timedelta(days=5), owner=cast.member
        ),
        "soon": activity(mile, action="soon", due=TODAY + timedelta(days=7), owner=cast.member),
        "later": activity(mile, action="later", due=TODAY + timedelta(days=8), owner=cast.member),
        "done": activity(
            mile,
            action="done",
            due=TODAY - timedelta(days=1),
            owner=cast.member,
            status=Status.DONE,
        ),
        "dropped": activity(
            mile, action="dropped", due=TODAY, owner=cast.member, status=Status.DROPPED
        ),
        "lead": activity(mile, action="lead's", due=TODAY, owner=cast.lead),
    }
    return rows


def _digests():
    return {
        (d["user"].email, d["district"].slug): [a.action for a in d["activities"]]
        for d in reminder_digests(today=TODAY)
    }


def test_due_within_a_week_and_overdue_open_activities_only(cast):
    _setup(cast)
    assert _digests() == {
        ("member@a.example", "riverbend"): ["overdue", "soon"],
        ("lead@a.example", "riverbend"): ["lead's"],
    }


def test_opted_out_people_are_skipped_in_that_district_only(cast):
    _setup(cast)
    Membership.objects.create(user=cast.member, district=cast.other_district, role=Role.MEMBER)
    other = milestone(annual_goal(cast.other_cycle))
    activity(other, action="lakeside step", due=TODAY, owner=cast.member)
    reminder_set(user=cast.member, district=cast.district, weekly_digest=False)
    digests = _digests()
    assert ("member@a.example", "riverbend") not in digests
    assert digests[("member@a.example", "lakeside")] == ["lakeside step"]


def test_other_districts_are_never_mixed_into_one_digest(cast):
    _setup(cast)
    Membership.objects.create(user=cast.member, district=cast.other_district, role=Role.MEMBER)
    activity(
        milestone(annual_goal(cast.other_cycle)),
        action="lakeside step",
        due=TODAY,
        owner=cast.member,
    )
    digests = _digests()
    assert digests[("member@a.example", "riverbend")] == ["overdue", "soon"]
    assert digests[("member@a.example", "lakeside")] == ["lakeside step"]
    sent = reminder_send_digests(today=TODAY)
    assert len(mail.outbox) == len(sent) == 3
    riverbend = next(
        m for m in mail.outbox if "Riverbend" in m.subject and m.to == ["member@a.example"]
    )
    assert "overdue" in riverbend.body and "lakeside step" not in riverbend.body


def test_closed_cycles_and_former_members_get_no_reminders(cast):
    _setup(cast)
    Membership.objects.filter(user=cast.lead).delete()
    cast.cycle.phase = PlanningCycle.Phase.CLOSED
    cast.cycle.save()
    assert _digests() == {}


def _broker_reachable() -> bool:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        return False


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor != "postgresql":
        require_service("the worker needs a database it can share with the test: set DATABASE_URL")
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker(settings, transactional_db):
    if not settings.CELERY_BROKER_URL:
        require_service("CELERY_BROKER_URL is not set: no Redis broker to send tasks through")
    if not _broker_reachable():
        require_service(f"the Celery broker at {settings.CELERY_BROKER_URL} is unreachable")
    queue = f"digest-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
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
        env=env,
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


def test_the_weekly_digest_runs_in_a_real_worker(cast, worker):
    from django.utils import timezone

    today = timezone.localdate()
    mile = milestone(annual_goal(cast.cycle))
    due = activity(mile, action="due", due=today + timedelta(days=1), owner=cast.member)
    activity(mile, action="far", due=today + timedelta(days=30), owner=cast.member)
    other = activity(
        milestone(annual_goal(cast.other_cycle)), action="b", due=today, owner=cast.outsider
    )
    reminder_set(user=cast.lead, district=cast.district, weekly_digest=False)
    activity(mile, action="lead's", due=today, owner=cast.lead)
    result = send_weekly_digest.apply_async(queue=worker)
    sent = result.get(timeout=90)
    assert result.status == "SUCCESS"
    assert sorted((s["email"], s["district"], s["activities"]) for s in sent) == sorted(
        [
            ("member@a.example", "riverbend", [str(due.code)]),
            ("outsider@b.example", "lakeside", [str(other.code)]),
        ]
    )


def test_the_digest_is_on_the_beat_schedule():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["actionplan-weekly-digest"]
    assert entry["task"] == send_weekly_digest.name == "actionplan.send_weekly_digest"
    assert entry["schedule"].day_of_week == {1}
