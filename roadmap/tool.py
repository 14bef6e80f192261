from django.db.models import Count, F, Q
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from inventory.models import Program
from inventory.selectors import programs_for_report
from sel_planner.districts.registry import (
    AnnualPart,
    Progress,
    ReportSection,
    WorkbookTool,
    register,
)

from .data_sources import DATA_SOURCES, DataKind
from .models import ReflectionRow
from .selectors import pictures_context, reflection_by_goal, this_years_targets
from .services import roadmap_carry_forward
from .services import roadmap_cycle_setup as setup


def roadmap_citations(obj) -> list[dict]:
    """Data reflection rows citing an inventory program (by code) beside their gap analysis."""
    if not isinstance(obj, Program):
        return []
    code = str(obj.code)
    rows = ReflectionRow.objects.filter(cycle_id=obj.cycle_id).select_related("goal__priority")
    items = [f"{row.goal.priority.phrase}: {row.outcome}" for row in rows if code in row.programs]
    if not items:
        return []
    return [{"kind": capfirst(ReflectionRow._meta.verbose_name_plural), "items": items}]


def roadmap_progress(cycle) -> Progress:
    """Goals with a data reflection row, and goals with targets for every year of their roadmap."""
    goals = list(
        cycle.goals_goal_set.annotate(
            n_reflection=Count("roadmap_reflection_rows", distinct=True),
            span=F("roadmap_row__years"),
            n_filled=Count(
                "roadmap_row__targets__year",
                filter=Q(
                    roadmap_row__targets__stage="year",
                    roadmap_row__targets__year__lte=F("roadmap_row__years"),
                ),
                distinct=True,
            ),
        ).values_list("n_reflection", "span", "n_filled")
    )
    reflected = sum(1 for n, _span, _filled in goals if n)
    planned = sum(1 for _n, span, filled in goals if span and filled >= span)
    if not goals:
        step = _("Write the long-term SMARTIE goals first: the roadmap has a row for each.")
    elif reflected < len(goals):
        step = _("Reflect on the data about each goal's current progress (Section 1).")
    elif planned < len(goals):
        step = _("Set targets for each year of each goal's roadmap (Section 2).")
    else:
        step = _("Every goal has annual targets: use this year's in the action plan.")
    started = any(n or span for n, span, _filled in goals)
    return Progress(
        done=reflected + planned, total=max(2, 2 * len(goals)), next_step=step, started=started
    )


def roadmap_report_section(cycle) -> ReportSection | None:
    # The inventory's section has read the cycle's programs: the cited ones are among them.
    reflection = reflection_by_goal(cycle=cycle, programs=programs_for_report(cycle=cycle))
    if not any(entry["rows"] for entry in reflection) and not cycle.roadmap_roadmaprow_set.exists():
        return None
    return ReportSection(
        template="roadmap/report_section.html",
        context={"reflection": reflection, **pictures_context(cycle)},
    )


def _this_years_targets(cycle) -> dict:
    """This year's number and its targets grouped by goal, in one query; no goals without any."""
    goals: dict = {}
    k = 0
    for target in this_years_targets(cycle=cycle):
        k = target.k
        goal = target.row.goal
        goals.setdefault(goal.pk, {"goal": goal, "targets": []})["targets"].append(target)
    return {"year": k, "goals": list(goals.values()), "cycle_label": cycle.label}


def roadmap_dashboard_panel(cycle) -> ReportSection | None:
    context = _this_years_targets(cycle)
    if not context["goals"]:
        return None
    return ReportSection(template="roadmap/_dashboard_panel.html", context=context)


def roadmap_annual_parts(cycle) -> list[AnnualPart]:
    parts = []
    context = _this_years_targets(cycle)
    if context["goals"]:
        parts.append(AnnualPart("progress", "roadmap/annual_progress.html", context, public=True))
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
        context = {"kinds": [k_ for k_ in kinds if k_["sources"]], "typed": sorted(typed)}
        parts.append(AnnualPart("data", "roadmap/annual_data.html", context))
    return parts


def roadmap_cycle_setup(cycle):
    setup(cycle=cycle)


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
        cycle_setup=roadmap_cycle_setup,
        citations=roadmap_citations,
    )
)
