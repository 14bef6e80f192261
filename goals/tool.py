from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from sel_planner.districts.registry import (
    AnnualPart,
    Progress,
    ReportSection,
    WorkbookTool,
    register,
)

from .selectors import goals_for_cycle, reflection_count
from .services import goals_carry_forward, goals_cycle_setup


def goals_progress(cycle) -> Progress:
    """Approved goals out of the priorities (three at least), with each priority's status."""
    priorities = list(cycle.goals_priority_set.select_related("goal"))
    approved = sum(1 for p in priorities if hasattr(p, "goal") and p.goal.status == "approved")
    if not priorities:
        step = _("Break the shared vision down into three to five key SEL priorities.")
    elif any(not hasattr(p, "goal") for p in priorities):
        step = _("Write a SMARTIE goal for each priority.")
    elif approved < len(priorities):
        step = _("Review the goals and approve them.")
    else:
        step = _("Every goal is approved: share them with stakeholders.")
    details = tuple(
        f"{p.phrase}: {p.goal.get_status_display() if hasattr(p, 'goal') else _('no goal yet')}"
        for p in priorities
    )
    return Progress(
        done=approved,
        total=max(3, len(priorities)),
        next_step=step,
        details=details,
        started=bool(priorities),
    )


def goals_report_section(cycle) -> ReportSection | None:
    goals = [goal for goal in goals_for_cycle(cycle=cycle) if goal.status == "approved"]
    if not goals:
        return None
    rows = [{"goal": goal, **goal.shown_quantities()} for goal in goals]
    return ReportSection(template="goals/report_section.html", context={"goals": rows})


def _cycle_setup(cycle):
    goals_cycle_setup(cycle=cycle)


def goals_annual_parts(cycle) -> list[AnnualPart]:
    """Each approved goal statement (goals, public), its baseline and target (progress), and how
    many committee members answered the reflection and check-in (engagement, public)."""
    parts = []
    reflections = reflection_count(cycle=cycle)
    if reflections:
        context = {"reflections": reflections}
        parts.append(AnnualPart("engagement", "goals/annual_engagement.html", context, public=True))
    goals = [goal for goal in goals_for_cycle(cycle=cycle) if goal.status == "approved"]
    if not goals:
        return parts
    rows = [
        {
            "priority": goal.priority.phrase,
            "statement": goal.statement,
            **goal.shown_quantities(),
        }
        for goal in goals
    ]
    return [
        *parts,
        AnnualPart("goals", "goals/annual_goals.html", {"goals": rows}, public=True),
        AnnualPart("progress", "goals/annual_progress.html", {"goals": rows}),
    ]


TOOL = register(
    WorkbookTool(
        slug="goals",
        title=_lazy("Long-term SMARTIE goals"),
        order=2,
        question=_lazy("Where do we want to go?"),
        description=_lazy(
            "Develop long-term goals for districtwide SEL implementation: key priorities drawn from the shared vision, each with a SMARTIE goal."
        ),
        estimated_time=_lazy("4-6 hours"),
        materials=_lazy(
            "Your district’s shared vision (either an overarching vision or an SEL-specific vision)."
        ),
        url_name="goals:home",
        progress=goals_progress,
        report_section=goals_report_section,
        carry_forward=goals_carry_forward,
        cycle_setup=_cycle_setup,
        annual_parts=goals_annual_parts,
    )
)
