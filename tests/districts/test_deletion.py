"""What a confirmation page lists before a removal: what goes with the record, what refuses it."""

import io

import pytest
from django.core.management import call_command

from goals.models import Goal, Priority
from sel_planner.districts import deletion
from sel_planner.districts.models import PlanningCycle
from tests.factories import PriorityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("seed_demo", stdout=io.StringIO())
    return PlanningCycle.objects.get(district__slug="riverbend", slug="2026-27")


def test_a_goal_is_listed_with_its_plan_and_roadmap(demo):
    goal = Goal.objects.filter(cycle=demo, annual_goals__milestones__activities__isnull=False)[0]
    listed = deletion.linked_records(goal)
    removed = {group["kind"]: group["items"] for group in listed["removed"]}
    assert {"Annual goals", "Milestones", "Activities", "Roadmap rows"} <= set(removed)
    assert sorted(str(a) for a in goal.annual_goals.all()) == removed["Annual goals"]
    assert listed["protected"] == []
    # History rows are kept whatever happens, so they are not listed.
    assert not any(kind.startswith("Historical") for kind in removed)


def test_a_priority_with_a_goal_lists_what_refuses_its_removal(demo):
    priority = Priority.objects.filter(cycle=demo, goal__isnull=False)[0]
    listed = deletion.linked_records(priority)
    assert {"kind": "Goals", "items": [str(priority.goal)]} in listed["protected"]


def test_a_record_nothing_points_to_lists_nothing(demo):
    priority = PriorityFactory(cycle=demo)
    assert deletion.linked_records(priority) == {"removed": [], "protected": []}
