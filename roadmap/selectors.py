"""Reads of the roadmap that pages, the registry hooks and later tools share."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch

from goals.forms.goals import school_year

from .models import MAX_YEARS, MIN_YEARS, ReflectionRow, Roadmap, RoadmapRow, SchoolRollout, Target


def roadmap_of(*, cycle) -> Roadmap | None:
    return Roadmap.objects.filter(cycle=cycle).first()


def first_year_of(*, cycle, roadmap: Roadmap | None) -> int:
    """The end year of the roadmap's Year 1: the cycle's own year until a roadmap is saved."""
    return roadmap.first_year if roadmap is not None else cycle.end_date.year


def year_number(*, cycle, first_year: int) -> int:
    """Which roadmap year the cycle's own school year is: 1 in the roadmap's first cycle."""
    return cycle.end_date.year - first_year + 1


def goal_time_frame(*, goal, first_year: int) -> int:
    """How many roadmap years fit before the goal's target year (MAX_YEARS when it has none)."""
    if not goal.target_year:
        return MAX_YEARS
    return max(0, goal.target_year - first_year + 1)


def roadmap_targets_for_year(*, cycle) -> dict[int, list[Target]]:
    """This year's targets: for each long-term goal pk of the cycle, its roadmap's Year k targets.

    k is the cycle's own school year counted from the roadmap's first year (1 in the cycle the
    roadmap was made in, 2 in the next cycle it was carried into, and so on). Every goal of the
    cycle is a key; the list is empty when the goal has no roadmap row yet, or k lies outside
    the row's years. Targets come in grid order and have `.text`, `.kind` (a Target.Kind),
    `.value` (Decimal or None) and `.unit`. Two queries whatever the number of goals.
    """
    roadmap = roadmap_of(cycle=cycle)
    k = year_number(cycle=cycle, first_year=first_year_of(cycle=cycle, roadmap=roadmap))
    result: dict[int, list[Target]] = {
        pk: [] for pk in cycle.goals_goal_set.values_list("pk", flat=True)
    }
    if not 1 <= k <= MAX_YEARS:
        return result
    targets = Target.objects.filter(
        cycle=cycle, stage=Target.Stage.YEAR, year=k, row__years__gte=k
    ).select_related("row")
    for target in targets:
        result.setdefault(target.row.goal_id, []).append(target)
    return result


@dataclass
class Cell:
    stage: str
    year: int | None
    label: str
    school_year: str
    targets: list
    in_range: bool = True


@dataclass
class GridRow:
    goal: object
    row: RoadmapRow | None
    current: Cell
    years: list[Cell]
    long_term: Cell
    time_frame: int


def roadmap_grid(*, cycle) -> dict:
    """The grid: one row per long-term goal, columns Current Status, Year 1..N and Long term goal.

    N is the most years any row spans; a row's cells past its own years are `in_range=False`.
    A fixed number of queries whatever the number of goals.
    """
    from django.utils.translation import gettext as _

    roadmap = roadmap_of(cycle=cycle)
    first_year = first_year_of(cycle=cycle, roadmap=roadmap)
    goals = list(
        cycle.goals_goal_set.select_related("priority").prefetch_related(
            Prefetch(
                "roadmap_row",
                queryset=RoadmapRow.objects.prefetch_related(
                    Prefetch("targets", queryset=Target.objects.order_by("position", "created_at"))
                ),
            )
        )
    )
    rows = []
    for goal in goals:
        row = getattr(goal, "roadmap_row", None)
        by_cell = defaultdict(list)
        for target in row.targets.all() if row else []:
            by_cell[(target.stage, target.year)].append(target)
        rows.append((goal, row, by_cell))
    span = max([row.years for _goal, row, _cells in rows if row] or [MIN_YEARS])
    grid_rows = []
    for goal, row, by_cell in rows:
        years = row.years if row else 0
        grid_rows.append(
            GridRow(
                goal=goal,
                row=row,
                current=Cell("current", None, _("Current Status"), "", by_cell[("current", None)]),
                years=[
                    Cell(
                        "year",
                        k,
                        _("Year %(k)s") % {"k": k},
                        school_year(first_year + k - 1),
                        by_cell[("year", k)],
                        in_range=k <= years,
                    )
                    for k in range(1, span + 1)
                ],
                long_term=Cell(
                    "long_term", None, _("Long term goal"), "", by_cell[("long_term", None)]
                ),
                time_frame=goal_time_frame(goal=goal, first_year=first_year),
            )
        )
    columns = [
        {
            "k": k,
            "label": _("Year %(k)s") % {"k": k},
            "school_year": school_year(first_year + k - 1),
        }
        for k in range(1, span + 1)
    ]
    return {
        "roadmap": roadmap,
        "first_year": first_year,
        "this_year": year_number(cycle=cycle, first_year=first_year),
        "columns": columns,
        "rows": grid_rows,
    }


def reflection_rows_for_cycle(*, cycle):
    return list(
        ReflectionRow.objects.filter(cycle=cycle)
        .select_related("goal", "goal__priority")
        .prefetch_related("rubric_items")
    )


def rollouts_for_cycle(*, cycle):
    return list(SchoolRollout.objects.filter(cycle=cycle).select_related("school"))
