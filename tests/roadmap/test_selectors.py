from datetime import date
from decimal import Decimal

from roadmap.models import Target
from roadmap.selectors import roadmap_targets_for_year, rubric_latest_scores

from ..factories import AssessmentFactory, CycleFactory, agree_all, current_framework
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


def test_a_cited_items_score_is_the_districts_latest_consensus(cast):
    framework = current_framework()
    # A label and a name may hold anything, the separator of the subquery's result included.
    earlier = CycleFactory(district=cast.district, label="2025|26", start_date=date(2025, 8, 1))
    old_start = AssessmentFactory(cycle=earlier, framework=framework)
    old_end = AssessmentFactory(
        cycle=earlier,
        framework=framework,
        kind="end",
        opens_on=date(2026, 6, 1),
        closes_on=date(2026, 6, 30),
    )
    now = AssessmentFactory(
        cycle=cast.cycle, framework=framework, kind="other", name="Winter | 2|end"
    )
    agree_all(old_start, cast.lead, score=1)
    agree_all(old_end, cast.lead, score=3, **{"3-C": 4})
    agree_all(now, cast.lead, **{"3-B": 2, "3-C": None, "1-A": None})
    # Another district's later scores never count.
    elsewhere = AssessmentFactory(cycle=cast.other_cycle, framework=framework)
    agree_all(elsewhere, cast.lead, score=4)

    latest = rubric_latest_scores(district=cast.district, codes=["3-B", "3-C", "1-A", "9-Z"])

    assert set(latest) == {"3-B", "3-C", "1-A"}
    assert (
        latest["3-B"]["item"].title == "Adopt and implement evidence-based programs and practices"
    )
    assert (latest["3-B"]["score"], latest["3-B"]["assessment"]) == (2, "Winter | 2|end")
    assert latest["3-B"]["cycle"] == "2026-27"
    assert (latest["3-C"]["score"], latest["3-C"]["assessment"]) == (4, "End of the year")
    assert latest["3-C"]["cycle"] == "2025|26"
    assert (latest["1-A"]["score"], latest["1-A"]["cycle"]) == (3, "2025|26")


def test_an_item_nobody_has_agreed_on_is_cited_without_a_score(cast):
    latest = rubric_latest_scores(district=cast.district, codes=["2-A"])

    assert latest["2-A"]["score"] is None and "assessment" not in latest["2-A"]
    assert latest["2-A"]["item"].code == "2-A"
