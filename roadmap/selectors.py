"""Reads of the roadmap that pages, the registry hooks and later tools share."""

import re
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import (
    F,
    FilteredRelation,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from goals.selectors import goals_for_cycle
from inventory.models import Program
from rubric.models import Assessment, Consensus, Item
from sel_planner.charts import rollout_chart, trajectory_chart, trajectory_points
from sel_planner.districts.models import School
from sel_planner.districts.quantities import school_year, show_quantity

from .models import MAX_YEARS, MIN_YEARS, ReflectionRow, Roadmap, RoadmapRow, Target


def roadmap_of(*, cycle) -> Roadmap | None:
    return Roadmap.objects.filter(cycle=cycle).first()


def roadmap_for_cycle(*, cycle) -> Roadmap:
    """The cycle's roadmap (every cycle has one from its setup), or an unsaved one with the
    cycle's own year as Year 1 for a cycle made without it."""
    return roadmap_of(cycle=cycle) or Roadmap(cycle=cycle, first_year=cycle.end_date.year)


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
    result: dict[int, list[Target]] = {
        pk: [] for pk in cycle.goals_goal_set.values_list("pk", flat=True)
    }
    for target in this_years_targets(cycle=cycle):
        result.setdefault(target.row.goal_id, []).append(target)
    return result


def this_years_targets(*, cycle):
    """The cycle's Year k targets in one query, each with its row, goal and priority and `.k`."""
    first_year = Coalesce(
        Subquery(Roadmap.objects.filter(cycle=cycle).values("first_year")[:1]),
        Value(cycle.end_date.year),
    )
    return (
        Target.objects.filter(cycle=cycle, stage=Target.Stage.YEAR)
        .annotate(k=Value(cycle.end_date.year + 1) - first_year)
        .filter(year=F("k"), row__years__gte=F("k"))
        .select_related("row__goal__priority")
        .order_by(
            "row__goal__priority__position", "row__goal__created_at", "position", "created_at"
        )
    )


@dataclass
class Cell:
    stage: str
    year: int | None
    label: str
    school_year: str
    targets: list
    in_range: bool = True

    @property
    def column(self) -> str:
        """The cell's name in forms and links: current, year-1 … year-5 or long_term."""
        return f"year-{self.year}" if self.stage == "year" else self.stage


@dataclass
class GridRow:
    goal: object
    row: RoadmapRow | None
    current: Cell
    years: list[Cell]
    long_term: Cell
    time_frame: int
    baseline: str = ""
    target: str = ""
    target_school_year: str = ""


def roadmap_grid(*, cycle) -> dict:
    """The grid: one row per long-term goal, columns Current Status, Year 1..N and Long term goal.

    N is the most years any row spans; a row's cells past its own years are `in_range=False`.
    A fixed number of queries whatever the number of goals.
    """
    roadmap = roadmap_of(cycle=cycle)
    first_year = roadmap.first_year if roadmap is not None else cycle.end_date.year
    goals = goals_for_cycle(cycle=cycle)
    # Each goal's roadmap row (if any) with its targets in grid order.
    rows_with_targets = RoadmapRow.objects.prefetch_related("targets")
    prefetch_related_objects(goals, Prefetch("roadmap_row", queryset=rows_with_targets))
    rows = []
    for goal in goals:
        row = getattr(goal, "roadmap_row", None)
        by_cell = defaultdict(list)
        for target in row.targets.all() if row else []:
            by_cell[(target.stage, target.year)].append(target)
        rows.append((goal, row, by_cell))
    span = max([row.years for _goal, row, _cells in rows if row] or [MIN_YEARS])
    columns = [
        {
            "k": k,
            "label": _("Year %(k)s") % {"k": k},
            "school_year": school_year(first_year + k - 1),
        }
        for k in range(1, span + 1)
    ]
    grid_rows = [
        GridRow(
            goal=goal,
            row=row,
            current=Cell("current", None, _("Current Status"), "", by_cell[("current", None)]),
            years=[
                Cell(
                    "year",
                    c["k"],
                    c["label"],
                    c["school_year"],
                    by_cell[("year", c["k"])],
                    in_range=row is not None and c["k"] <= row.years,
                )
                for c in columns
            ],
            long_term=Cell(
                "long_term", None, _("Long term goal"), "", by_cell[("long_term", None)]
            ),
            time_frame=goal_time_frame(goal=goal, first_year=first_year),
            baseline=show_quantity(goal.baseline_value, goal.baseline_unit, goal.baseline_text),
            target=show_quantity(goal.target_value, goal.target_unit, goal.target_text),
            target_school_year=school_year(goal.target_year) if goal.target_year else "",
        )
        for goal, row, by_cell in rows
    ]
    return {
        "roadmap": roadmap,
        "first_year": first_year,
        "this_year": year_number(cycle=cycle, first_year=first_year),
        "columns": columns,
        "rows": grid_rows,
    }


def rubric_latest_scores(*, district, codes) -> dict[str, dict]:
    """For each cited item code of the current rubric, the item and its latest consensus score
    (with the assessment's title and cycle when there is one): two queries."""
    # By the outer item and the district's few assessments, the subquery looks the scores up in
    # the (assessment, item) index rather than reading every district's scores for the item.
    agreed = Consensus.objects.filter(
        assessment__in=Assessment.objects.filter(cycle__district=district).values("pk"),
        item=OuterRef("pk"),
    ).order_by("-assessment__cycle__start_date", "-assessment__opens_on", "-created_at")
    items = list(
        Item.objects.filter(focus_area__framework__is_current=True, code__in=set(codes)).annotate(
            latest=Subquery(agreed.values("pk")[:1])
        )
    )
    scores = Consensus.objects.select_related("assessment__cycle").in_bulk(
        [item.latest for item in items if item.latest is not None]
    )
    latest: dict[str, dict] = {}
    for item in items:
        latest[item.code] = {"item": item, "score": None}
        consensus = scores.get(item.latest)
        if consensus is not None:
            latest[item.code] |= {
                "score": consensus.score,
                "assessment": consensus.assessment.title,
                "cycle": consensus.assessment.cycle.label,
            }
    return latest


def cited_programs(*, cycle, codes, programs=None) -> dict[str, object]:
    """The cycle's inventory programs by code, among the codes cited: one query, or none when
    the cycle's `programs` are given (as a report has them already).

    Each program is the cycle's own copy, so its cells (Currently Active?, Achieve Intended
    Goals?) and its next-step decision are the latest the inventory holds. Codes of programs
    removed since they were cited are left out.
    """
    wanted = {str(code) for code in codes}
    if not wanted:
        return {}
    if programs is None:
        programs = Program.objects.filter(cycle=cycle, code__in=wanted)
    return {str(p.code): p for p in programs if str(p.code) in wanted}


UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def name_cited_programs(page, *, cycle, obj) -> None:
    """In a page of a reflection row's history, name the cited programs instead of their codes.

    Programs removed from the inventory since are still named from the inventory's history.
    One query whatever the number of entries; none for the history of another kind of record.
    """
    if not isinstance(obj, ReflectionRow):
        return
    label = str(ReflectionRow._meta.get_field("programs").verbose_name)
    changes = [
        change
        for record in page.object_list
        for change in record.changes
        if change["field"] == label
    ]
    codes = {code for change in changes for code in UUID.findall(change["old"] + change["new"])}
    if not codes:
        return
    names = dict(
        Program.history.filter(cycle=cycle, code__in=codes)
        .order_by("history_date", "history_id")
        .values_list("code", "name")
    )
    names = {str(code): name for code, name in names.items()}
    for change in changes:
        for side in ("old", "new"):
            found = UUID.findall(change[side])
            if found or change[side] == "[]":
                shown = [
                    names.get(code) or _("a program no longer in the inventory") for code in found
                ]
                change[side] = ", ".join(shown) or "—"


def reflection_by_goal(*, cycle, programs=None) -> list[dict]:
    """Each long-term goal of the cycle with its data reflection rows, their cited rubric items'
    scores (`row.cited`) and their cited inventory programs (`row.cited_programs`), these found
    among `programs` when the cycle's programs are given."""
    goals = goals_for_cycle(cycle=cycle)
    rows = list(ReflectionRow.objects.filter(cycle=cycle).select_related("goal__priority"))
    scores = rubric_latest_scores(
        district=cycle.district, codes=[code for row in rows for code in row.rubric_items]
    )
    programs = cited_programs(
        cycle=cycle, codes=[code for row in rows for code in row.programs], programs=programs
    )
    per_goal = defaultdict(list)
    for row in rows:
        row.cited = [scores[code] for code in row.rubric_items if code in scores]
        row.cited_programs = [programs[code] for code in row.programs if code in programs]
        per_goal[row.goal_id].append(row)
    return [{"goal": goal, "rows": per_goal[goal.pk]} for goal in goals]


def rollout_plan(*, cycle, years: int, first_year: int) -> dict:
    """The district's schools with their roll-out year,
    and the cumulative count of schools per year."""
    # Each school with its roll-out of the cycle (at most one), joined in the same query.
    schools = list(
        cycle.district.schools.annotate(
            planned=FilteredRelation("roadmap_rollouts", condition=Q(roadmap_rollouts__cycle=cycle))
        ).select_related("planned")
    )
    for school in schools:
        school.rollout = getattr(school, "planned", None)  # unset when the school has none
    levels = School.Level.choices
    counts = []
    for k in range(0, years + 1):
        started = [s for s in schools if s.rollout and s.rollout.year <= k]
        counts.append(
            {
                "k": k,
                "label": _("Year %(k)s") % {"k": k} if k else _("Current Status"),
                "school_year": school_year(first_year + k - 1) if k else "",
                "total": len(started),
                "by_level": [
                    {
                        "level": value,
                        "label": label,
                        "count": sum(1 for s in started if s.level == value),
                    }
                    for value, label in levels
                ],
            }
        )
    return {
        "schools": schools,
        "counts": counts,
        "levels": levels,
        "total_schools": len(schools),
        "unplanned": [s for s in schools if s.rollout is None],
        "beyond": [s for s in schools if s.rollout and s.rollout.year > years],
    }


def pictures_context(cycle) -> dict:
    """The grid with each goal's trajectory and the roll-out coverage,
    ready for the page or a report."""
    grid = roadmap_grid(cycle=cycle)
    for row in grid["rows"]:
        row.points = trajectory_points(row)
        row.chart = trajectory_chart(row.points)
    years = max([row.row.years for row in grid["rows"] if row.row] or [3])
    plan = rollout_plan(cycle=cycle, years=years, first_year=grid["first_year"])
    return {**grid, "plan": plan, "rollout_chart": rollout_chart(plan)}
