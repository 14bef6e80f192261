from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from sel_planner.districts.registry import (
    AnnualPart,
    Progress,
    ReportSection,
    WorkbookTool,
    register,
)

from .models import CommitteeRole, Draft, Response, Theme, Vision
from .selectors import final_and_summary
from .services import vision_carry_forward, vision_setup


def vision_steps(cycle) -> list[tuple[str, bool]]:
    """Each of the five workbook steps with whether the committee has done it, in one query."""
    return _vision_flags(cycle)[0]


def _vision_flags(cycle) -> tuple[list[tuple[str, bool]], str | None]:
    """The five steps and the final vision statement (or None), in one query."""

    def in_cycle(model, *filters):
        return Exists(model.objects.filter(*filters, cycle=OuterRef("pk")))

    flags = (
        type(cycle)
        .objects.filter(pk=cycle.pk)
        .values(
            vision=in_cycle(Vision),
            committee=in_cycle(CommitteeRole, ~Q(members=None) | ~Q(other_people="")),
            stakeholders=in_cycle(Response),
            synthesis=in_cycle(Theme),
            drafts=in_cycle(Draft),
            feedback=in_cycle(Draft, Q(is_final=True)),
            final=Subquery(
                Draft.objects.filter(cycle=OuterRef("pk"), is_final=True).values("statement")[:1]
            ),
        )
        .get()
    )
    keys = ("committee", "stakeholders", "synthesis", "drafts", "feedback")
    steps = [(key, bool(flags["vision"] and flags[key])) for key in keys]
    return steps, flags["final"]


def vision_progress(cycle) -> Progress:
    steps, final = _vision_flags(cycle)
    done = sum(1 for _key, ok in steps if ok)
    names = {
        "committee": _("Step 1: fill in the committee's roles."),
        "stakeholders": _("Step 2: record what stakeholders said."),
        "synthesis": _("Step 3: synthesize the responses into themes."),
        "drafts": _("Step 4: draft the vision statement."),
        "feedback": _("Step 5: gather feedback and finalize the vision."),
    }
    pending = [key for key, ok in steps if not ok]
    if final is not None:
        step = _("The vision is final.")
        details = (final,)
    else:
        step = names[pending[0]] if pending else _("Mark the final vision.")
        details = ()
    return Progress(done=done, total=len(steps), next_step=step, details=details, started=done > 0)


def vision_report_section(cycle) -> ReportSection | None:
    final, summary = final_and_summary(cycle=cycle)
    roles = list(cycle.vision_committeerole_set.prefetch_related("members"))
    if final is None and not roles:
        return None
    return ReportSection(
        template="vision/report_section.html",
        context={"final": final, "roles": roles, "summary": summary},
    )


def _cycle_setup(cycle):
    vision_setup(cycle=cycle)


def vision_annual_parts(cycle) -> list[AnnualPart]:
    """The final vision (overview) and how many stakeholders shaped it (engagement); both public."""
    parts = []
    final, summary = final_and_summary(cycle=cycle)
    if final is not None:
        context = {
            "statement": final.statement,
            "approving_body": final.approving_body,
            "approved_on": final.approved_on,
        }
        parts.append(AnnualPart("overview", "vision/annual_overview.html", context, public=True))
    groups = cycle.vision_stakeholdergroup_set.filter(will_engage=True).annotate(
        n_sessions=Count("sessions", distinct=True)
    )
    rows = [
        {"name": group.name, "status": group.get_status_display(), "sessions": group.n_sessions}
        for group in groups
    ]
    if rows or summary["sessions"] or summary["responses"]:
        context = {"summary": summary, "groups": rows}
        parts.append(
            AnnualPart("engagement", "vision/annual_engagement.html", context, public=True)
        )
    return parts


TOOL = register(
    WorkbookTool(
        slug="vision",
        title=_lazy("Shared vision"),
        order=1,
        question=_lazy("Where do we want to go?"),
        description=_lazy(
            "Develop a shared vision that clarifies what the district is striving toward and reflects what it values as critical to students' education: the anchor for SEL-related goals, plans, resources and continuous improvement."
        ),
        estimated_time=_lazy(
            "Active committee meeting time is likely 6-10 hours, plus additional time for stakeholder communication and any facilitated stakeholder input sessions."
        ),
        materials=_lazy(
            "Existing district vision, mission statement, core values, or other documentation of district priorities."
        ),
        url_name="vision:home",
        progress=vision_progress,
        report_section=vision_report_section,
        carry_forward=vision_carry_forward,
        annual_parts=vision_annual_parts,
        cycle_setup=_cycle_setup,
    )
)
