"""The audit log: exports, report downloads, role changes and removals, read by leads."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sel_planner.districts.models import AuditAction, AuditEvent, Membership, Role
from sel_planner.districts.services import audit_record

from ..factories import GoalFactory, MembershipFactory, ReportJobFactory

AUDIT_URL = "/d/riverbend/audit/"


def _events(cast):
    return list(AuditEvent.objects.filter(district=cast.district).order_by("pk"))


def _done_job(cycle):
    return ReportJobFactory(cycle=cycle, progress_total=8, done=True)


def _job_url(job, name):
    return reverse(
        f"reports:{name}",
        kwargs={"district": "riverbend", "cycle": job.cycle.slug, "code": job.code},
    )


def test_a_role_change_is_recorded_with_who_and_what(cast):
    membership = cast.member.memberships.get()
    url = reverse(
        "districts:member_role", kwargs={"district": "riverbend", "code": membership.code}
    )
    cast.client("lead").post(url, {"role": Role.VIEWER})
    [event] = _events(cast)
    assert event.action == AuditAction.ROLE_CHANGE
    assert event.actor == cast.lead
    assert event.details == {
        "by": "lead@a.example",
        "member": "member@a.example",
        "old_role": "member",
        "new_role": "viewer",
    }
    assert event.summary() == "member@a.example: Committee member → Viewer"


def test_a_refused_role_change_records_nothing(cast):
    membership = cast.lead.memberships.get()
    url = reverse(
        "districts:member_role", kwargs={"district": "riverbend", "code": membership.code}
    )
    cast.client("lead").post(url, {"role": Role.MEMBER})
    assert _events(cast) == []


def test_a_member_removal_is_recorded(cast):
    membership = cast.viewer.memberships.get()
    url = reverse(
        "districts:member_remove", kwargs={"district": "riverbend", "code": membership.code}
    )
    cast.client("lead").post(url)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    [event] = _events(cast)
    assert (event.action, event.details["member"], event.details["role"]) == (
        "member_remove",
        "viewer@a.example",
        "viewer",
    )


def test_a_school_removal_is_recorded(cast):
    url = reverse(
        "districts:school_delete", kwargs={"district": "riverbend", "code": cast.school.code}
    )
    cast.client("lead").post(url)
    [event] = _events(cast)
    assert event.action == AuditAction.SCHOOL_REMOVE
    assert event.summary() == "Lincoln Elementary"


def test_a_goal_removal_is_recorded(cast):
    from goals.models import Goal

    goal = GoalFactory(cycle=cast.cycle, statement="Belonging grows")
    url = reverse(
        "goals:goal_delete",
        kwargs={"district": "riverbend", "cycle": cast.cycle.slug, "code": goal.code},
    )
    cast.client("lead").post(url)
    assert not Goal.objects.filter(pk=goal.pk).exists()
    [event] = _events(cast)
    assert event.action == AuditAction.GOAL_REMOVE
    assert event.details["goal"] == "Belonging grows"
    assert event.details["code"] == str(goal.code)


def test_report_download_and_deletion_are_recorded(cast):
    job = _done_job(cast.cycle)
    assert cast.client("viewer").get(_job_url(job, "download")).status_code == 200
    cast.client("lead").post(_job_url(job, "job_delete"))
    download, deletion = _events(cast)
    assert (download.action, download.actor) == (AuditAction.REPORT_DOWNLOAD, cast.viewer)
    assert download.details["report"] == "riverbend-2026-27-annual.pdf"
    assert (deletion.action, deletion.actor) == (AuditAction.REPORT_DELETE, cast.lead)


def test_a_refused_download_records_nothing(cast):
    job = _done_job(cast.other_cycle)
    url = reverse(
        "reports:download", kwargs={"district": "riverbend", "cycle": "2026-27", "code": job.code}
    )
    assert cast.client("lead").get(url).status_code == 404
    assert AuditEvent.objects.count() == 0


def test_leads_read_the_log_newest_first_and_only_their_districts(cast):
    audit_record(
        district=cast.district,
        actor=cast.lead,
        action=AuditAction.SCHOOL_REMOVE,
        school="Old School",
    )
    audit_record(
        district=cast.district,
        actor=cast.member,
        action=AuditAction.REPORT_DOWNLOAD,
        report="riverbend-2026-27-annual.pdf",
        cycle="2026-27",
    )
    audit_record(
        district=cast.other_district,
        actor=cast.outsider,
        action=AuditAction.SCHOOL_REMOVE,
        school="Lakeside Secret School",
    )
    response = cast.client("lead").get(AUDIT_URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.index("member@a.example") < body.index("lead@a.example")
    assert "Old School" in body and "riverbend-2026-27-annual.pdf (cycle 2026-27)" in body
    assert "Lakeside Secret School" not in body
    settings_page = cast.client("lead").get("/d/riverbend/settings/").content.decode()
    assert f'href="{AUDIT_URL}"' in settings_page


@pytest.mark.parametrize("who", ["member", "viewer"])
def test_only_leads_read_the_log(cast, who):
    assert cast.client(who).get(AUDIT_URL).status_code == 403
    assert cast.client("outsider").get(AUDIT_URL).status_code == 404


def test_an_empty_log_says_what_will_appear(cast):
    body = cast.client("lead").get(AUDIT_URL).content.decode()
    assert "Nothing recorded yet" in body


def test_the_log_is_paginated_and_costs_the_same_queries_however_long(cast):
    client = cast.client("lead")
    audit_record(
        district=cast.district, actor=cast.lead, action=AuditAction.SCHOOL_REMOVE, school="S0"
    )

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    small = queries(AUDIT_URL)
    for index in range(120):
        member = MembershipFactory(district=cast.district, role=Role.MEMBER).user
        audit_record(
            district=cast.district,
            actor=member,
            action=AuditAction.SCHOOL_REMOVE,
            school=f"School {index}",
        )
    assert queries(AUDIT_URL) == small
    body = client.get(AUDIT_URL).content.decode()
    assert "Page 1 of 3" in body
    assert "School 119" in body and "School 0<" not in body
    assert "S0" in client.get(AUDIT_URL + "?page=3").content.decode()
