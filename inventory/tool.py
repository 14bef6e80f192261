from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from sel_planner.districts.models import PlanningCycle
from sel_planner.districts.registry import (
    AnnualPart,
    Progress,
    ReportSection,
    WorkbookTool,
    register,
)

from . import selectors, services
from .models import COLUMNS, Interview, InventoryWorkspace, Program


def _count(queryset):
    counted = queryset.filter(cycle=OuterRef("pk")).order_by().values("cycle")
    return Coalesce(Subquery(counted.annotate(n=Count("pk")).values("n")), 0)


def _progress_counts(cycle) -> dict:
    """Interviews, programs, programs decided and whether the inventory is complete,
    in one query."""
    return (
        PlanningCycle.objects.filter(pk=cycle.pk)
        .annotate(
            interviews=_count(Interview.objects),
            programs=_count(Program.objects),
            decided=_count(Program.objects.exclude(decision="")),
            completed=Exists(
                InventoryWorkspace.objects.filter(cycle=OuterRef("pk"), completed_on__isnull=False)
            ),
        )
        .values("interviews", "programs", "decided", "completed")
        .get()
    )


def inventory_progress(cycle) -> Progress:
    """Four steps: people interviewed, programs in the table, decisions made,
    inventory completed."""
    counts = _progress_counts(cycle)
    interviews, programs, decided = counts["interviews"], counts["programs"], counts["decided"]
    steps = [
        interviews > 0,
        programs > 0,
        programs > 0 and decided == programs,
        counts["completed"],
    ]
    if not steps[0]:
        step = _("List the people to speak with and hold the first interview.")
    elif not steps[1]:
        step = _("Add the programs mentioned in the interviews to the inventory table.")
    elif not steps[2]:
        step = _(
            "Discuss each program and decide whether to expand, maintain, reinstate or phase it out."
        )
    elif not steps[3]:
        step = _("Mark the inventory complete.")
    else:
        step = _("The inventory is complete: check progress on next steps at team meetings.")
    details = (
        ngettext("%(n)d interview", "%(n)d interviews", interviews) % {"n": interviews},
        ngettext("%(n)d program, %(d)d decided", "%(n)d programs, %(d)d decided", programs)
        % {"n": programs, "d": decided},
    )
    return Progress(
        done=sum(steps),
        total=4,
        next_step=step,
        details=details,
        started=bool(interviews or programs),
    )


def inventory_report_section(cycle) -> ReportSection | None:
    programs = selectors.programs_for_report(cycle=cycle)
    if not programs:
        return None
    rows = [
        [selectors.organisation_text(p) if f == "organisation" else getattr(p, f) for f in COLUMNS]
        for p in programs
    ]
    return ReportSection(
        template="inventory/report_section.html",
        context={
            "headers": [selectors.column_label(f) for f in COLUMNS],
            "rows": rows,
            "build_on": selectors.build_on_among(programs),
        },
    )


def inventory_dashboard_panel(cycle) -> ReportSection:
    overdue, upcoming = selectors.deadlines(cycle=cycle)
    last, due = selectors.last_completed(cycle=cycle)
    return ReportSection(
        template="inventory/dashboard_panel.html",
        context={"overdue": overdue, "upcoming": upcoming, "last_completed": last, "reminder": due},
    )


def inventory_annual_parts(cycle) -> list[AnnualPart]:
    counts = selectors.interview_counts(cycle=cycle)
    if not counts:
        return []
    return [
        AnnualPart(
            section="engagement",
            template="inventory/annual_engagement.html",
            context={"counts": counts, "total": sum(c["count"] for c in counts)},
            public=True,
        )
    ]


def _cycle_setup(cycle) -> None:
    services.inventory_cycle_setup(cycle=cycle)


TOOL = register(
    WorkbookTool(
        slug="inventory",
        title=_lazy("Program and initiative inventory"),
        order=3,
        question=_lazy("Where are we now, and where have we been?"),
        description=_lazy(
            "Learn about past and current SEL-related work being implemented across the district, to establish the baseline of SEL implementation before creating or revising an action plan."
        ),
        estimated_time=_lazy(
            "45-60 minutes per interview or focus group in section 1, plus 3-6 hours for organizing notes, synthesizing, and developing next steps in sections 2 and 3."
        ),
        materials=_lazy(
            "Long-term SMARTIE goals for SEL, data that indicates which schools or departments are already using SEL programs and practices"
        ),
        url_name="inventory:home",
        progress=inventory_progress,
        report_section=inventory_report_section,
        dashboard_panel=inventory_dashboard_panel,
        annual_parts=inventory_annual_parts,
        carry_forward=services.inventory_carry_forward,
        cycle_setup=_cycle_setup,
    )
)
