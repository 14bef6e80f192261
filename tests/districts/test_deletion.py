"""What a confirmation page lists before a removal: read in one query, as the collector finds it."""

import io

import pytest
from django.core.management import call_command

from goals.models import Goal, Priority
from inventory.models import Program
from sel_planner.districts import deletion
from sel_planner.districts.models import PlanningCycle, School

pytestmark = pytest.mark.django_db


def _by_collector(obj, monkeypatch) -> dict:
    with monkeypatch.context() as patch:
        patch.setattr(deletion, "_deletion_plan", lambda model: None)
        return deletion.linked_records(obj)


@pytest.fixture
def demo():
    call_command("seed_demo", stdout=io.StringIO())
    return PlanningCycle.objects.get(district__slug="riverbend", slug="2026-27")


def test_the_listing_is_what_the_collector_finds(demo, monkeypatch):
    records = [
        *Goal.objects.filter(cycle=demo),
        *Priority.objects.filter(cycle=demo),
        *Program.objects.filter(cycle=demo)[:3],
        *School.objects.filter(district=demo.district)[:3],
        demo,
        demo.district,
    ]
    kinds = set()
    for obj in records:
        listed = deletion.linked_records(obj)
        assert listed == _by_collector(obj, monkeypatch), obj
        kinds |= {group["kind"] for side in listed.values() for group in side}
    # The comparison covered cascades through several tools, through tables, and refusals.
    assert {"Roadmap targets", "Activities", "Program-goal relationships", "Goals"} <= kinds
    assert any(deletion.linked_records(p)["protected"] for p in Priority.objects.filter(cycle=demo))


def test_a_goal_with_its_plan_is_listed_in_one_query(demo, django_assert_num_queries):
    goal = Goal.objects.filter(cycle=demo, annual_goals__milestones__activities__isnull=False)[0]
    with django_assert_num_queries(1):
        listed = deletion.linked_records(goal)
    assert {"Annual goals", "Milestones", "Activities", "Roadmap rows"} <= {
        group["kind"] for group in listed["removed"]
    }


def test_rows_read_as_text_come_back_with_their_values(demo):
    goal = Goal.objects.filter(cycle=demo, annual_goals__milestones__activities__isnull=False)[0]
    removed, _protected = deletion._read_together(goal, deletion._deletion_plan(Goal))
    assert len(removed) > 20
    for instance in removed:
        model = type(instance)
        stored = model._base_manager.get(pk=instance.pk)
        for field in model._meta.concrete_fields:
            read, kept = getattr(instance, field.attname), getattr(stored, field.attname)
            assert (read, type(read)) == (kept, type(kept)), (model, field.name)
