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
from roadmap.models import Roadmap
from sel_planner.districts import registry
from sel_planner.districts.models import PlanningCycle
from sel_planner.districts.reads import prefetch_joined
from vision.selectors import engagement_summary, final_draft

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
def test_the_cycle_view_reads_every_tools_figures_in_one_query(
    demo, label, django_assert_num_queries
):
    cycle = PlanningCycle.objects.get(district=demo.district, label=label)
    Interview.objects.create(cycle=cycle, source=Interview.Source.SURVEY, category="school")
    with django_assert_num_queries(1):
        view = registry.cycle_view(cycle)
    assert getattr(view, "vision_final", None) == final_draft(cycle=cycle)
    assert {k: getattr(view, f"vision_{k}") for k in engagement_summary(cycle=cycle)} == (
        engagement_summary(cycle=cycle)
    )
    assert view.goals_reflections == cycle.goals_reflection_set.count()
    assert view.rubric_closed == cycle.rubric_assessment_set.filter(status="closed").count()
    assert getattr(view, "roadmap_record", None) == Roadmap.objects.filter(cycle=cycle).first()
    assert interview_counts(cycle=cycle) == _interview_counts_grouped(cycle)


def test_the_demo_has_what_the_view_tests(demo):
    view = registry.cycle_view(demo)
    assert view.vision_final and view.roadmap_record and view.vision_sessions
    assert interview_counts(cycle=demo)
    closed = PlanningCycle.objects.get(district=demo.district, label="2025-26")
    assert registry.cycle_view(closed).rubric_closed == 2


def test_the_rubric_section_shows_the_cycles_last_closed_assessment(demo):
    from rubric.tool import TOOL

    closed = PlanningCycle.objects.get(district=demo.district, label="2025-26")
    last = closed.rubric_assessment_set.filter(status="closed").order_by("opens_on").last()
    assert TOOL.report_section(closed).context["assessment"] == last
    assert TOOL.report_section(demo) is None  # this year's assessment is still open


def test_joined_related_rows_are_those_prefetch_related_gives(demo, django_assert_num_queries):
    program_create(cycle=demo, name="A program at no school yet", grades="K-5")
    program_create(cycle=demo, name="A program at two", grades="K-5").schools.set(
        demo.district.schools.all()[:2]
    )
    programs = Program.objects.filter(cycle=demo).order_by("name_key")
    expected = [
        (p.pk, [s.pk for s in p.schools.all()]) for p in programs.prefetch_related("schools")
    ]
    with django_assert_num_queries(1):
        joined = [
            (p.pk, [s.pk for s in p.schools.all()]) for p in prefetch_joined(programs, "schools")
        ]
    assert joined == expected
    assert any(not schools for _pk, schools in expected)
    assert any(len(schools) > 1 for _pk, schools in expected)


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


def test_the_plan_read_for_a_report_is_the_pages_read(demo, django_assert_num_queries):
    expected = _plan_shape(annual_goals_for_cycle(cycle=demo))
    with django_assert_num_queries(3):
        plan = _plan_shape(annual_goals_with_plan(cycle=demo))
    assert plan == expected
    assert all(activities for *_goal, milestones in plan for _m, _u, activities in milestones)


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
