from decimal import Decimal

from roadmap.models import Target
from roadmap.selectors import roadmap_targets_for_year

from ..factories import CycleFactory
from .helpers import make_goal, make_roadmap, make_row, make_target


def test_this_years_targets_are_year_one_in_the_roadmaps_first_cycle(cast):
    make_roadmap(cast.cycle)
    goal, other = make_goal(cast.cycle), make_goal(cast.cycle, n=1)
    row = make_row(goal)
    make_target(row, text="50% now")
    first = make_target(row, year=1, text="60% of students", value=Decimal(60), unit="%")
    make_target(row, year=1, text="Expand to 5 schools", kind=Target.Kind.ROLLOUT)
    make_target(row, year=2, text="70%")

    targets = roadmap_targets_for_year(cycle=cast.cycle)

    assert set(targets) == {goal.pk, other.pk}
    assert [t.text for t in targets[goal.pk]] == ["60% of students", "Expand to 5 schools"]
    assert targets[goal.pk][0].pk == first.pk
    assert targets[goal.pk][0].value == Decimal(60) and targets[goal.pk][0].unit == "%"
    assert targets[goal.pk][1].kind == Target.Kind.ROLLOUT
    assert targets[other.pk] == []


def test_k_moves_on_with_the_cycles_year(cast):
    later = CycleFactory(district=cast.district, label="2027-28")
    roadmap = make_roadmap(later)
    roadmap.first_year = later.end_date.year - 1
    roadmap.save()
    row = make_row(make_goal(later))
    make_target(row, year=1, text="Year one")
    make_target(row, year=2, text="Year two")

    targets = roadmap_targets_for_year(cycle=later)

    assert [t.text for t in targets[row.goal_id]] == ["Year two"]


def test_a_year_past_the_rows_years_has_no_targets(cast):
    roadmap = make_roadmap(cast.cycle)
    roadmap.first_year = cast.cycle.end_date.year - 3
    roadmap.save()
    row = make_row(make_goal(cast.cycle), years=3)
    make_target(row, year=3, text="Year three")
    make_target(row, year=4, text="Left over from a longer plan")

    assert roadmap_targets_for_year(cycle=cast.cycle)[row.goal_id] == []


def test_without_a_roadmap_the_cycle_is_year_one(cast):
    row = make_row(make_goal(cast.cycle))
    make_target(row, year=1, text="Start")

    assert [t.text for t in roadmap_targets_for_year(cycle=cast.cycle)[row.goal_id]] == ["Start"]
