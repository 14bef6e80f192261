"""Building blocks of the roadmap tests: goals with a time frame, rows and targets."""

from decimal import Decimal

from roadmap.models import Roadmap, RoadmapRow, Target
from tests.factories import GoalFactory


def make_goal(cycle, *, n=0, years_out=5, **fields):
    defaults = {
        "statement": f"Goal {n + 1}: students grow.",
        "target_year": cycle.end_date.year + years_out,
        "baseline_value": Decimal(50),
        "baseline_unit": "%",
        "target_value": Decimal(90),
        "target_unit": "%",
    }
    priority = {"priority__phrase": f"Priority {n + 1}", "priority__position": n}
    return GoalFactory(cycle=cycle, **priority, **{**defaults, **fields})


def make_roadmap(cycle, **fields):
    """The cycle's roadmap (made with the cycle) with `fields` set."""
    Roadmap.objects.filter(cycle=cycle).update(**fields)
    return Roadmap.objects.get(cycle=cycle)


def make_row(goal, *, years=3):
    return RoadmapRow.objects.create(cycle=goal.cycle, goal=goal, years=years)


def make_target(
    row, *, year=None, stage=None, text="A target", kind="outcome", value=None, unit=""
):
    stage = stage or (Target.Stage.YEAR if year else Target.Stage.CURRENT)
    return Target.objects.create(
        cycle=row.cycle,
        row=row,
        stage=stage,
        year=year,
        text=text,
        kind=kind,
        value=value,
        unit=unit,
    )
