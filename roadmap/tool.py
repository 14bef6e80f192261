from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from sel_planner.districts.registry import (
    AnnualPart,
    Progress,
    ReportSection,
    WorkbookTool,
    register,
)


def roadmap_progress(cycle) -> Progress:
    """Goals with a data reflection row, and goals with targets for every year of their roadmap."""
    from .models import ReflectionRow, RoadmapRow, Target

    goals = list(cycle.goals_goal_set.values_list("pk", flat=True))
    reflected = set(
        ReflectionRow.objects.filter(cycle=cycle).values_list("goal_id", flat=True).distinct()
    )
    rows = {row.goal_id: row.years for row in RoadmapRow.objects.filter(cycle=cycle)}
    filled = {}
    for goal_id, year in (
        Target.objects.filter(cycle=cycle, stage=Target.Stage.YEAR)
        .values_list("row__goal_id", "year")
        .distinct()
    ):
        filled.setdefault(goal_id, set()).add(year)
    planned = {
        goal_id
        for goal_id, years in rows.items()
        if filled.get(goal_id, set()) >= set(range(1, years + 1))
    }
    if not goals:
        step = _("Write the long-term SMARTIE goals first: the roadmap has a row for each.")
    elif len(reflected) < len(goals):
        step = _("Reflect on the data about each goal's current progress (Section 1).")
    elif len(planned) < len(goals):
        step = _("Set targets for each year of each goal's roadmap (Section 2).")
    else:
        step = _("Every goal has annual targets: use this year's in the action plan.")
    done = len(reflected & set(goals)) + len(planned & set(goals))
    return Progress(
        done=done, total=max(2, 2 * len(goals)), next_step=step, started=bool(reflected or rows)
    )


def roadmap_report_section(cycle) -> ReportSection | None:
    from .selectors import pictures_context, reflection_by_goal

    reflection = reflection_by_goal(cycle=cycle)
    if not any(entry["rows"] for entry in reflection) and not cycle.roadmap_roadmaprow_set.exists():
        return None
    return ReportSection(
        template="roadmap/report_section.html",
        context={"reflection": reflection, **pictures_context(cycle)},
    )


def _this_years_targets(cycle) -> tuple[int, list[dict]]:
    from .selectors import first_year_of, roadmap_of, roadmap_targets_for_year, year_number

    targets = roadmap_targets_for_year(cycle=cycle)
    k = year_number(
        cycle=cycle, first_year=first_year_of(cycle=cycle, roadmap=roadmap_of(cycle=cycle))
    )
    goals = cycle.goals_goal_set.select_related("priority")
    return k, [{"goal": goal, "targets": targets.get(goal.pk, [])} for goal in goals]


def roadmap_dashboard_panel(cycle) -> ReportSection | None:
    k, goals = _this_years_targets(cycle)
    if not any(entry["targets"] for entry in goals):
        return None
    return ReportSection(
        template="roadmap/_dashboard_panel.html",
        context={"year": k, "goals": goals, "cycle_label": cycle.label},
    )


def roadmap_annual_parts(cycle) -> list[AnnualPart]:
    from .data_sources import DATA_SOURCES, DataKind
    from .models import ReflectionRow

    parts = []
    k, goals = _this_years_targets(cycle)
    if any(entry["targets"] for entry in goals):
        parts.append(
            AnnualPart(
                section="progress",
                template="roadmap/annual_progress.html",
                context={"year": k, "goals": goals, "cycle_label": cycle.label},
                public=True,
            )  # fmt: skip
        )
    used, typed = set(), set()
    for keys, other in ReflectionRow.objects.filter(cycle=cycle).values_list(
        "data_sources", "data_source_other"
    ):
        used.update(keys or [])
        if other:
            typed.add(other)
    if used or typed:
        kinds = [
            {
                "label": kind.label,
                "sources": [label for key, label, k_ in DATA_SOURCES if k_ == kind and key in used],
            }
            for kind in DataKind
        ]
        parts.append(
            AnnualPart(
                section="data",
                template="roadmap/annual_data.html",
                context={"kinds": [k_ for k_ in kinds if k_["sources"]], "typed": sorted(typed)},
            )  # fmt: skip
        )
    return parts


def roadmap_carry_forward(*, source, target, links):
    from .services import roadmap_carry_forward as carry

    carry(source=source, target=target, links=links)


TOOL = register(
    WorkbookTool(
        slug="roadmap",
        title=_lazy("Long-term roadmap"),
        order=5,
        question=_lazy("How do we get from where we are now to where we want to be?"),
        description=_lazy(
            "Develop a three- to five-year SEL implementation roadmap for how the district’s long-term SEL goals and shared vision will be achieved."
        ),
        estimated_time=_lazy("2 hours per section, or about 4 hours total"),
        materials=_lazy(
            "Districtwide vision and long-term SEL SMARTIE goals, data to help assess progress toward goals, completed SEL program and initiative inventory and implementation rubric, districtwide strategic plan or other guiding documents"
        ),
        url_name="roadmap:home",
        progress=roadmap_progress,
        report_section=roadmap_report_section,
        dashboard_panel=roadmap_dashboard_panel,
        annual_parts=roadmap_annual_parts,
        carry_forward=roadmap_carry_forward,
    )
)
