"""Launching the next cycle: every tool's records carried forward,
the old cycle intact and closed."""

from datetime import date

import pytest
from django.core.management import call_command
from django.forms.models import model_to_dict

from goals.models import Goal, GoalsWorkspace, Priority
from sel_planner.districts.models import PlanningCycle
from sel_planner.districts.services import CycleAlreadyLaunched, cycle_launch_next
from vision.models import Draft, Vision


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=None)
    return PlanningCycle.objects.get(district__slug="riverbend", slug="2026-27")


def _launch(cycle):
    return cycle_launch_next(
        cycle=cycle, label="2027-28", start_date=date(2027, 8, 1), end_date=date(2028, 7, 31)
    )


def _snapshot(cycle):
    """Every field of every vision and goals record of the cycle, to show nothing of it changes."""
    return [
        (model._meta.label, model_to_dict(obj), obj.version, obj.updated_at)
        for model in (Vision, Draft, GoalsWorkspace, Priority, Goal)
        for obj in model.objects.filter(cycle=cycle).order_by("pk")
    ]


def test_launch_copies_vision_and_goals_pointing_to_their_originals(demo):
    before = _snapshot(demo)
    new = _launch(demo)

    assert new.carried_from == demo
    assert new.phase == PlanningCycle.Phase.PLAN
    demo.refresh_from_db()
    assert demo.phase == PlanningCycle.Phase.CLOSED
    assert _snapshot(demo) == before

    old_final = demo.vision_draft_set.get(is_final=True)
    new_final = new.vision_draft_set.get(is_final=True)
    assert new_final.carried_from == old_final
    assert new_final.statement == old_final.statement
    vision = Vision.objects.get(cycle=new)
    assert vision.starting_point == Vision.Start.REVISIT
    assert vision.existing_statement == old_final.statement
    # Only the final vision moves on; the drafts that led to it stay in their year.
    assert new.vision_draft_set.count() == 1

    old_goals = list(demo.goals_goal_set.order_by("pk"))
    new_goals = list(new.goals_goal_set.select_related("carried_from", "priority"))
    assert len(new_goals) == len(old_goals) > 0
    for goal in new_goals:
        original = goal.carried_from
        assert original.cycle == demo
        assert goal.statement == original.statement
        assert goal.status == original.status
        assert goal.priority.cycle == new
        assert goal.priority.carried_from == original.priority
    # Private reflections stay in the year they were written in.
    assert not new.goals_reflection_set.exists()


def test_launch_passes_links_from_earlier_tools_to_later_ones(demo, monkeypatch):
    from sel_planner.districts import registry

    seen = {}
    roadmap = registry.get_tool("roadmap")

    def spy(*, source, target, links):
        seen.update(links)

    monkeypatch.setitem(
        registry._tools,
        "roadmap",
        registry.WorkbookTool(**{**roadmap.__dict__, "carry_forward": spy}),
    )
    new = _launch(demo)
    for goal in demo.goals_goal_set.all():
        assert seen[("goals.Goal", goal.pk)].cycle == new
        assert seen[("goals.Goal", goal.pk)].carried_from == goal


def test_launching_twice_is_refused_and_changes_nothing(demo):
    _launch(demo)
    demo.refresh_from_db()
    demo.phase = PlanningCycle.Phase.REFLECT
    demo.save()
    count = PlanningCycle.objects.count()
    with pytest.raises(CycleAlreadyLaunched, match="already been launched"):
        cycle_launch_next(
            cycle=demo, label="2028-29", start_date=date(2028, 8, 1), end_date=date(2029, 7, 31)
        )
    assert PlanningCycle.objects.count() == count


def test_a_failing_tool_leaves_no_half_launched_cycle(demo, monkeypatch):
    from sel_planner.districts import registry

    roadmap = registry.get_tool("roadmap")

    def broken(*, source, target, links):
        raise RuntimeError("disk full")

    monkeypatch.setitem(
        registry._tools,
        "roadmap",
        registry.WorkbookTool(**{**roadmap.__dict__, "carry_forward": broken}),
    )
    count = PlanningCycle.objects.count()
    goals = Goal.objects.count()
    with pytest.raises(RuntimeError):
        _launch(demo)
    assert PlanningCycle.objects.count() == count
    assert Goal.objects.count() == goals
    demo.refresh_from_db()
    assert demo.phase != PlanningCycle.Phase.CLOSED
