"""Reports waiting or being prepared: limits per person and per district, and repeated requests.

Jobs requested in these tests stay queued: the test transaction never commits, so the task is
never sent.
"""

import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from sel_planner.reports import services
from sel_planner.reports.models import ReportJob

from ..conftest import require_service
from ..factories import CycleFactory, DistrictFactory, MembershipFactory, ReportJobFactory

HOME = "/d/riverbend/2026-27/reports/"


def _post(client, **data):
    return client.post(f"{HOME}request/", data, follow=True)


def _job_url(job):
    kwargs = {"district": job.cycle.district.slug, "cycle": job.cycle.slug, "code": job.code}
    return reverse("reports:job", kwargs=kwargs)


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_a_person_is_refused_a_third_pending_report_and_told_where_the_first_two_are(cast):
    client = cast.client("viewer")
    other_district = CycleFactory(district=DistrictFactory(slug="hillside"))
    ahead = ReportJobFactory(cycle=other_district, kind="annual")
    _post(client, kind="annual")
    _post(client, kind="tool", tool="goals")
    response = _post(client, kind="workbook")
    assert response.redirect_chain == [(HOME, 302)]
    assert ReportJob.objects.filter(requested_by=cast.viewer).count() == 2
    assert not ReportJob.objects.filter(kind="workbook").exists()
    assert _messages(response) == [
        "You already have 2 reports waiting or being prepared: Annual stakeholder report "
        "(number 2 in the queue), Long-term SMARTIE goals (number 3 in the queue). "
        "Ask for another once one of them is ready."
    ]
    assert "number 2 in the queue" in response.content.decode(), "shown on the reports page"
    ahead.status = ReportJob.Status.RUNNING
    ahead.started_at = timezone.now()
    ahead.save()
    assert (
        "Annual stakeholder report (number 1 in the queue)"
        in _messages(_post(client, kind="workbook"))[0]
    ), "a job being prepared is no longer waiting ahead in the queue"


def test_the_district_is_refused_more_pending_reports_than_it_may_have(cast, settings):
    settings.REPORTS_PENDING_PER_DISTRICT = 3
    ReportJobFactory(cycle=cast.cycle, kind="annual", requested_by=cast.lead)
    running = ReportJobFactory(
        cycle=cast.cycle, kind="workbook", status="running", started_at=timezone.now()
    )
    _post(cast.client("member"), kind="tool", tool="vision")
    response = _post(cast.client("viewer"), kind="tool", tool="goals")
    assert ReportJob.objects.filter(cycle=cast.cycle).count() == 3
    assert response.redirect_chain == [(HOME, 302)]
    message = _messages(response)[0]
    assert message.startswith("The district already has 3 reports waiting or being prepared:")
    assert "Workbook record (being prepared now)" in message
    assert "Annual stakeholder report (number 1 in the queue)" in message
    running.status = ReportJob.Status.DONE
    running.file.name = "reports/x.pdf"
    running.save()
    assert _post(cast.client("viewer"), kind="tool", tool="goals").redirect_chain[0][0] != HOME
    assert ReportJob.objects.filter(tool="goals").count() == 1, "a finished job frees a place"


def test_the_limits_count_only_jobs_a_worker_has_still_to_finish(cast, settings):
    settings.REPORTS_PENDING_PER_PERSON = 1
    long_ago = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 120)
    ReportJobFactory(
        cycle=cast.cycle,
        kind="annual",
        requested_by=cast.viewer,
        status="running",
        started_at=long_ago,
    )
    ReportJobFactory(cycle=cast.cycle, kind="workbook", requested_by=cast.viewer, status="failed")
    response = _post(cast.client("viewer"), kind="workbook")
    assert response.redirect_chain[0][0] != HOME
    assert ReportJob.objects.filter(kind="workbook").count() == 2, "stalled and failed are free"
    assert ReportJob.objects.filter(kind="workbook", status="queued").get().requested_by == (
        cast.viewer
    )


def test_the_same_report_asked_again_while_pending_leads_to_the_first_job(cast):
    _post(cast.client("viewer"), kind="tool", tool="goals")
    job = ReportJob.objects.get()
    again = _post(cast.client("member"), kind="tool", tool="goals")
    assert again.redirect_chain == [(_job_url(job), 302)]
    assert _messages(again) == ["This report was already requested: here is how far it got."]
    assert ReportJob.objects.count() == 1
    other_tool = _post(cast.client("member"), kind="tool", tool="vision")
    assert ReportJob.objects.count() == 2 and other_tool.redirect_chain[0][0] != _job_url(job)
    job.status, job.error = ReportJob.Status.FAILED, "broken"
    job.save()
    _post(cast.client("member"), kind="tool", tool="goals")
    assert ReportJob.objects.filter(tool="goals").count() == 2, "a failed one is asked anew"


def test_a_repeated_request_is_not_refused_by_the_limit(cast, settings):
    settings.REPORTS_PENDING_PER_PERSON = 1
    client = cast.client("viewer")
    _post(client, kind="annual")
    job = ReportJob.objects.get()
    assert _post(client, kind="annual").redirect_chain == [(_job_url(job), 302)]


def test_the_same_report_of_another_cycle_or_language_is_another_job(cast):
    services.report_request(cycle=cast.cycle, kind="annual", user=cast.lead)
    services.report_request(cycle=cast.cycle, kind="annual", language="es", user=cast.lead)
    next_year = CycleFactory(district=cast.district, label="2027-28")
    services.report_request(cycle=next_year, kind="annual", user=cast.member)
    assert ReportJob.objects.count() == 3


def test_a_retry_beyond_the_limit_is_refused_with_the_message(cast, settings):
    settings.REPORTS_PENDING_PER_PERSON = 1
    failed = ReportJobFactory(
        cycle=cast.cycle, kind="annual", requested_by=cast.viewer, status="failed", error="x"
    )
    _post(cast.client("viewer"), kind="workbook")
    response = cast.client("viewer").post(
        reverse(
            "reports:job_retry",
            kwargs={"district": "riverbend", "cycle": cast.cycle.slug, "code": failed.code},
        ),
        follow=True,
    )
    assert response.status_code == 200
    assert _messages(response)[0].startswith("You already have 1 reports waiting")
    failed.refresh_from_db()
    assert failed.status == ReportJob.Status.FAILED


def test_the_command_line_is_not_limited(cast, settings):
    settings.REPORTS_PENDING_PER_DISTRICT = 1
    services.report_request(cycle=cast.cycle, kind="annual", user=cast.lead)
    job, created = services.report_request(cycle=cast.cycle, kind="workbook")
    assert created and job.requested_by is None
    with pytest.raises(services.ReportLimitReached):
        services.report_request(cycle=cast.cycle, kind="tool", tool_slug="goals", user=cast.member)


# At the same moment

KINDS = [("annual", ""), ("workbook", ""), ("tool", "vision"), ("tool", "goals")]
KINDS += [("tool", "inventory"), ("tool", "rubric"), ("tool", "roadmap"), ("tool", "actionplan")]


def _race(requests) -> tuple[list, list]:
    """Run each (cycle, kind, tool, user) request in its own thread, all released at once."""
    created, refused, errors = [], [], []
    start = threading.Barrier(len(requests))

    def request(cycle, kind, tool, user):
        try:
            start.wait()
            job, new = services.report_request(cycle=cycle, kind=kind, tool_slug=tool, user=user)
            if new:
                created.append(job.pk)
        except services.ReportLimitReached:
            refused.append(kind)
        except BaseException as error:  # reported by the test, in the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=request, args=args) for args in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == []
    return created, refused


@pytest.fixture
def racing(transactional_db, cast):
    if connection.vendor != "postgresql":
        require_service("The race test needs PostgreSQL (row locks): set DATABASE_URL")
    with mock.patch("sel_planner.reports.tasks.generate_report.delay"):
        yield cast


def test_requests_at_the_same_moment_never_pass_the_limits(racing, settings):
    cast = racing
    settings.REPORTS_PENDING_PER_PERSON, settings.REPORTS_PENDING_PER_DISTRICT = 2, 5
    created, refused = _race([(cast.cycle, kind, tool, cast.viewer) for kind, tool in KINDS])
    assert (len(created), len(refused)) == (2, 6)
    people = [MembershipFactory(district=cast.district).user for _ in KINDS]
    created, refused = _race(
        [(cast.cycle, kind, tool, person) for (kind, tool), person in zip(KINDS, people)]
    )
    assert ReportJob.objects.pending().filter(cycle__district=cast.district).count() == 5
    assert len(created) == 3, "the district's 5 places, 2 of them taken before"


def test_the_same_request_at_the_same_moment_makes_one_job(racing):
    cast = racing
    people = [cast.lead, cast.member, cast.viewer, cast.lead]
    created, refused = _race([(cast.cycle, "annual", "", person) for person in people])
    assert (len(created), refused) == (1, [])
    assert ReportJob.objects.count() == 1
