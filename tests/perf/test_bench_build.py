"""The benchmark's builder fills a district the way seed_demo fills the demo district."""

from bench.build import build
from bench.names import district_slug, lead_email
from sel_planner.districts.models import Membership, PlanningCycle, Role
from sel_planner.districts.registry import tools


def test_builder_fills_every_tool_of_every_cycle(db):
    build(districts=1, cycles=2, members=7, first=7, log=lambda line: None)

    cycles = list(
        PlanningCycle.objects.filter(district__slug=district_slug(7)).order_by("start_date")
    )
    assert [(c.slug, c.phase) for c in cycles] == [("2025-26", "closed"), ("2026-27", "plan")]
    roles = Membership.objects.filter(district__slug=district_slug(7)).values_list(
        "role", flat=True
    )
    assert sorted(roles) == sorted([Role.LEAD] + [Role.MEMBER] * 2 + [Role.VIEWER] * 4)
    assert Membership.objects.get(user__email=lead_email(7)).role == Role.LEAD
    for cycle in cycles:
        empty = {tool.slug for tool in tools() if tool.progress(cycle).state == "not_started"}
        # As in the demo district, this year's rubric is open: rated in part, nothing agreed yet.
        expected = {"rubric"} if cycle.phase == "plan" else set()
        assert empty == expected, f"{cycle}: tools left empty: {empty}"
    assert cycles[0].rubric_assessment_set.filter(status="closed").count() == 2
    current = cycles[1].rubric_assessment_set.get(status="open")
    assert current.ratings.exists()
