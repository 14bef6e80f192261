"""My work's order, the pages' query counts, and what the registry shows of the plan."""

import os
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actionplan.models import Activity, Milestone, Reflection, Status
from actionplan.selectors import my_work
from actionplan.tool import (
    actionplan_annual_parts,
    actionplan_dashboard_panel,
    actionplan_progress,
    actionplan_report_section,
)
from sel_planner.districts.registry import ANNUAL_SECTIONS
from tests.conftest import count_page_queries

from ..factories import MembershipFactory
from .helpers import activity, annual_goal, milestone, plan


def _url(cast, name, **kwargs):
    return reverse(
        f"actionplan:{name}",
        kwargs={"district": cast.district.slug, "cycle": cast.cycle.slug, **kwargs},
    )


def test_my_work_lists_overdue_first_then_by_due_date(cast):
    today = date(2026, 12, 1)
    mile = milestone(annual_goal(cast.cycle))
    later = activity(mile, action="later", due=today + timedelta(days=20), owner=cast.member)
    soon = activity(mile, action="soon", due=today + timedelta(days=2), owner=cast.member)
    very_late = activity(
        mile, action="very late", due=today - timedelta(days=30), owner=cast.member
    )
    late = activity(mile, action="late", due=today - timedelta(days=3), owner=cast.member)
    done_past = activity(
        mile, action="done", due=today - timedelta(days=60), owner=cast.member, status=Status.DONE
    )
    undated = activity(mile, action="carried, no date yet", due=None, owner=cast.member)
    activity(mile, action="someone else's", due=today - timedelta(days=90), owner=cast.lead)
    order = list(my_work(cycle=cast.cycle, user=cast.member, today=today))
    assert order == [very_late, late, done_past, soon, later, undated]
    assert [a.overdue_rank for a in order] == [0, 0, 1, 1, 1, 1]


def test_my_work_page_marks_overdue_and_offers_the_reminder_switch(cast):
    mile = milestone(annual_goal(cast.cycle))
    activity(
        mile, action="Overdue step", due=timezone.localdate() - timedelta(days=1), owner=cast.member
    )
    page = cast.client("member").get(_url(cast, "my_work")).content.decode()
    assert "Overdue step" in page and "overdue" in page
    assert 'name="weekly_digest"' in page and "checked" in page
    empty = cast.client("lead").get(_url(cast, "my_work")).content.decode()
    assert "You own no key activities in this cycle." in empty


def test_reminders_can_be_turned_off_and_on(cast):
    from actionplan.services import reminders_wanted

    client = cast.client("viewer")
    client.post(_url(cast, "reminders"), {})
    assert not reminders_wanted(user=cast.viewer, district=cast.district)
    assert reminders_wanted(user=cast.viewer, district=cast.other_district)
    client.post(_url(cast, "reminders"), {"weekly_digest": "on"})
    assert reminders_wanted(user=cast.viewer, district=cast.district)


def _grow(cast, activities: int, people: int = 0):
    """A plan with `activities` key activities; each quarter has the member and `people` more
    district members responsible for it."""
    extra = [
        MembershipFactory(district=cast.district, user__full_name=f"Member {index:02d}").user
        for index in range(people)
    ]
    annual = annual_goal(cast.cycle)
    miles = [
        milestone(annual, quarter=q, members=[cast.member, *extra], owner_name="SEL Coach")
        for q in (1, 2, 3, 4)
    ]
    for index in range(activities):
        activity(
            miles[index % 4], action=f"Step {index}", owner=cast.member, status=Status.IN_PROGRESS
        )
    Reflection.objects.create(
        cycle=cast.cycle, annual_goal=annual, point="midyear", progress="met", evidence="data"
    )
    return annual


@pytest.mark.parametrize("page", ["home", "annual", "my_work", "dashboard"])
def test_query_count_is_the_same_with_1_or_100_activities(cast, page):
    def url(annual):
        if page == "dashboard":
            return reverse(
                "districts:dashboard", kwargs={"district": "riverbend", "cycle": "2026-27"}
            )
        return _url(cast, page, code=annual.code) if page == "annual" else _url(cast, page)

    client = cast.client("member")
    small = _grow(cast, 1)
    few = count_page_queries(client, url(small))
    Activity.objects.all().delete()
    Milestone.objects.all().delete()
    small.delete()
    large = _grow(cast, 100, people=30)
    assert Activity.objects.count() == 100
    assert Milestone.members.through.objects.count() == 4 * 31
    assert count_page_queries(client, url(large)) == few


def test_progress_dashboard_report_and_annual_parts(cast):
    annual, _mile, _act = plan(cast.cycle, owner=cast.member)
    progress = actionplan_progress(cast.cycle)
    assert (progress.done, progress.total) == (0, 1)
    assert "four quarters" in progress.next_step
    for quarter in (2, 3, 4):
        milestone(annual, quarter=quarter)
    assert actionplan_progress(cast.cycle).done == 1
    panel = actionplan_dashboard_panel(cast.cycle)
    assert [row["activities"] for row in panel.context["quarters"]] == [1, 0, 0, 0]
    section = actionplan_report_section(cast.cycle)
    assert section.template == "actionplan/report_section.html"
    assert [column["quarter"].number for column in section.context["rows"][0]["grid"]] == [
        1,
        2,
        3,
        4,
    ]
    parts = {part.section: part for part in actionplan_annual_parts(cast.cycle)}
    assert set(parts) == {"goals", "summary", "learnings", "engagement", "data"}
    assert set(parts) <= {key for key, _label in ANNUAL_SECTIONS}
    assert {key for key, part in parts.items() if part.public} == {"goals", "summary", "learnings"}
    report = cast.client("lead").get(
        reverse("districts:dashboard", kwargs={"district": "riverbend", "cycle": "2026-27"})
    )
    assert "Quarter 1: 0 of 1 key activities done" in report.content.decode()


def test_an_empty_plan_has_no_report_section_or_panel(cast):
    assert actionplan_report_section(cast.cycle) is None
    assert actionplan_dashboard_panel(cast.cycle) is None
    assert actionplan_annual_parts(cast.cycle) == []
    assert "Write the long-term SMARTIE goals first" in actionplan_progress(cast.cycle).next_step


def test_the_public_learnings_part_names_nobody(cast):
    from django.template.loader import render_to_string

    from actionplan.models import Improvement

    annual, _mile, _act = plan(cast.cycle, owner=cast.member)
    Improvement.objects.create(
        cycle=cast.cycle, annual_goal=annual, decision="focus", key_learnings="Collaborate first."
    )
    for part in actionplan_annual_parts(cast.cycle):
        html = render_to_string(part.template, part.context)
        if part.public:
            assert cast.member.display_name not in html and cast.member.email not in html
    learnings = next(p for p in actionplan_annual_parts(cast.cycle) if p.section == "learnings")
    assert "Collaborate first." in render_to_string(learnings.template, learnings.context)


def test_seed_demo_fills_the_workbooks_example(db):
    from django.core.management import call_command

    from actionplan.models import AnnualGoal

    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    goals = list(AnnualGoal.objects.filter(cycle__slug="2026-27").order_by("position"))
    assert len(goals) == 2
    elementary, middle = goals
    assert elementary.year_target.startswith("All 5 elementary schools")
    assert middle.rationale.startswith("Because annual school climate survey results")
    assert sorted(middle.milestones.values_list("quarter", flat=True)) == [1, 2, 3, 4]
    statuses = list(Activity.objects.filter(cycle=middle.cycle).values_list("status", flat=True))
    assert len(statuses) == 8
    assert statuses.count(Status.DONE) == 2 and statuses.count(Status.AT_RISK) == 1
    quarters = Milestone.objects.filter(annual_goal=middle).order_by("quarter")
    responsible = [sorted(m.members.values_list("email", flat=True)) for m in quarters]
    assert responsible == [
        ["lead@riverbend.example", "member@riverbend.example"],
        *[["member@riverbend.example"]] * 3,
    ]
    assert middle.reflections.get().point == Reflection.Point.MIDYEAR


@pytest.mark.parametrize("kind", ["activity", "milestone"])
def test_note_pages_cost_the_same_with_1_or_100_notes(cast, kind):
    from actionplan.models import ProgressNote

    _annual, mile, act = plan(cast.cycle, owner=cast.member)
    target = {"activity": act, "milestone": mile}[kind]
    client = cast.client("member")

    def add(start, stop):
        for index in range(start, stop):
            ProgressNote.objects.create(
                cycle=cast.cycle,
                author=cast.member,
                noted_on=date(2026, 9, 1) + timedelta(days=index),
                text=f"Note {index}",
                **{kind: target},
            )

    add(0, 1)
    few = count_page_queries(client, _url(cast, kind, code=target.code))
    add(1, 100)
    page = client.get(_url(cast, kind, code=target.code)).content.decode()
    assert "Page 1 of 5" in page and "Note 99" in page and "Note 0<" not in page
    assert count_page_queries(client, _url(cast, kind, code=target.code)) == few


def test_quarter_progress_counts_done_and_at_risk_and_leaves_dropped_out(cast):
    from actionplan.selectors import quarter_progress

    annual = annual_goal(cast.cycle)
    first = milestone(annual, quarter=1, status=Status.DONE)
    for status in (Status.DONE, Status.DONE, Status.AT_RISK, Status.DROPPED):
        activity(first, status=status)
    milestone(annual, quarter=3, status=Status.DROPPED)
    rows = quarter_progress(cycle=cast.cycle)
    q1, q2, q3, _q4 = rows
    assert (q1["milestones"], q1["milestones_done"], q1["activities"]) == (1, 1, 3)
    assert (q1["activities_done"], q1["at_risk"], q1["percent"]) == (2, 1, 67)
    assert (q2["milestones"], q2["activities"], q3["milestones"]) == (0, 0, 0)
    assert [row["quarter"].number for row in rows] == [1, 2, 3, 4]
