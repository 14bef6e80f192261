"""What a report shares across the tools: each shared read runs once, and reads what the
tools' own selectors read."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from actionplan.selectors import (
    annual_goals_for_cycle,
    annual_goals_with_plan,
    quarter_progress,
    quarter_progress_of,
)
from inventory.models import Category, Interview, Program
from inventory.selectors import build_on_among, build_on_rows, interview_counts
from inventory.services import program_create
from sel_planner.districts import registry
from sel_planner.districts.models import PlanningCycle
from tests.factories import InterviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("seed_demo", stdout=io.StringIO())
    return PlanningCycle.objects.get(district__slug="riverbend", slug="2026-27")


def test_a_shared_read_runs_once_in_a_report_and_every_time_outside(cast):
    calls = []

    def read():
        calls.append(1)
        return ["rows"]

    with registry.shared_reads(cast.cycle):
        first = registry.shared_read(cast.cycle, "test.rows", read)
        with registry.shared_reads(cast.cycle):
            again = registry.shared_read(cast.cycle, "test.rows", read)
    assert first is again and len(calls) == 1
    registry.shared_read(cast.cycle, "test.rows", read)
    registry.shared_read(cast.cycle, "test.rows", read)
    assert len(calls) == 3
    assert "_shared_reads" not in cast.cycle.__dict__


def _interview_counts_grouped(cycle) -> list[dict]:
    rows = cycle.inventory_interview_set.values("source", "category").annotate(n=Count("pk"))
    by_category = dict.fromkeys(Category.values, 0)
    survey = 0
    for row in rows.order_by():
        if row["source"] == Interview.Source.SURVEY:
            survey += row["n"]
        elif row["category"]:
            by_category[row["category"]] += row["n"]
    counts = [{"label": Category(c).label, "count": n} for c, n in by_category.items() if n]
    return counts + ([{"label": "Online survey responses", "count": survey}] if survey else [])


@pytest.mark.parametrize("label", ["2026-27", "2025-26"])
def test_interviews_are_counted_per_category_and_survey(demo, label):
    cycle = PlanningCycle.objects.get(district=demo.district, label=label)
    InterviewFactory(cycle=cycle, source=Interview.Source.SURVEY, category="school")
    assert interview_counts(cycle=cycle) == _interview_counts_grouped(cycle)
    assert interview_counts(cycle=demo)


@pytest.mark.parametrize("part", ["report_section", "annual_parts"])
def test_a_report_reads_each_tool_once_per_cycle(demo, part):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def gather():
        return [getattr(tool, part)(demo) for tool in registry.tools()]

    with registry.shared_reads(demo):
        with CaptureQueriesContext(connection) as once:
            gather()
        # Within the same report, the reads the tools share are not made again.
        with CaptureQueriesContext(connection) as twice:
            gather()
    statements = [query["sql"] for query in once]
    assert len(statements) == len(set(statements)), "a read repeated within one report"
    assert len(twice) < len(once)


def test_the_rubric_section_shows_the_cycles_last_closed_assessment(demo):
    from rubric.tool import TOOL

    closed = PlanningCycle.objects.get(district=demo.district, label="2025-26")
    last = closed.rubric_assessment_set.filter(status="closed").order_by("opens_on").last()
    assert TOOL.report_section(closed).context["assessment"] == last
    assert TOOL.report_section(demo) is None  # this year's assessment is still open


def _plan_shape(goals) -> list:
    return [
        (
            goal.pk,
            [r.pk for r in goal.reflections.all()],
            getattr(goal, "improvement", None),
            [
                (m.pk, [u.pk for u in m.members.all()], [a.pk for a in m.activities.all()])
                for m in goal.milestones.all()
            ],
        )
        for goal in goals
    ]


def test_the_plan_read_for_a_report_is_the_pages_read(demo):
    expected = _plan_shape(annual_goals_for_cycle(cycle=demo))
    plan = _plan_shape(annual_goals_with_plan(cycle=demo))
    assert plan == expected
    assert all(activities for *_goal, milestones in plan for _m, _u, activities in milestones)
    counted = annual_goals_with_plan(cycle=demo, activities=False)
    assert [(g.pk, [m.pk for m in g.milestones.all()]) for g in counted] == [
        (pk, [m for m, _u, _a in milestones]) for pk, _r, _i, milestones in expected
    ]


def test_quarters_counted_from_the_milestones_are_those_of_the_query(demo):
    goals = annual_goals_with_plan(cycle=demo, activities=False)
    milestones = [m for goal in goals for m in goal.milestones.all()]
    assert quarter_progress_of(cycle=demo, milestones=milestones) == quarter_progress(cycle=demo)
    assert any(row["activities_done"] for row in quarter_progress(cycle=demo))


def test_programs_to_build_on_come_in_the_order_of_the_query(demo):
    undated = program_create(cycle=demo, name="An undated next step", grades="K-5")
    undated.decision = "expand"
    undated.save(update_fields=["decision"])
    programs = list(
        Program.objects.filter(cycle=demo).select_related("responsible").order_by("name_key")
    )
    picked = build_on_among(programs)
    assert [p.pk for p in picked] == [p.pk for p in build_on_rows(cycle=demo)]
    assert undated in picked and any(p.deadline for p in picked)
