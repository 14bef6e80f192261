from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from roadmap.data_sources import data_source_labels
from sel_planner.districts.registry import (
    AnnualPart,
    Progress,
    ReportSection,
    WorkbookTool,
    register,
)

from .key_activities import key_activities
from .selectors import annual_goals_with_plan, plan_grid, quarter_progress, quarter_progress_of
from .services import actionplan_carry_forward


def actionplan_progress(cycle) -> Progress:
    """Long-term goals whose annual goals all have a four-quarter plan,
    out of all long-term goals."""
    goals = list(
        cycle.goals_goal_set.order_by()
        .annotate(
            annual=Count("annual_goals", distinct=True),
            quarters=Count("annual_goals__milestones", distinct=True),
        )
        .values_list("annual", "quarters")
    )
    missing = sum(1 for annual, _quarters in goals if not annual)
    planned = sum(1 for annual, quarters in goals if annual and quarters == 4 * annual)
    if not goals:
        step = _("Write the long-term SMARTIE goals first (Tool 2).")
    elif missing:
        step = _("%(n)s long-term goal(s) have no annual goal yet.") % {"n": missing}
    elif planned < len(goals):
        step = _("Give each annual goal a milestone in each of the four quarters.")
    else:
        step = _("Do the plan, then reflect on progress at mid-year and end of year.")
    return Progress(
        done=planned,
        total=max(1, len(goals)),
        next_step=step,
        started=missing < len(goals),
    )


def _plan_rows(cycle, *, activities: bool = True):
    return [
        {
            "goal": annual_goal,
            "grid": plan_grid(annual_goal=annual_goal, cycle=cycle),
            "reflections": sorted(
                annual_goal.reflections.all(), key=lambda r: r.point != "midyear"
            ),
            "improvement": getattr(annual_goal, "improvement", None),
        }
        for annual_goal in annual_goals_with_plan(cycle=cycle, activities=activities)
    ]


def actionplan_report_section(cycle) -> ReportSection | None:
    rows = _plan_rows(cycle)
    if not rows:
        return None
    for row in rows:
        for column in row["grid"]:
            milestone = column["milestone"]
            column["data"] = data_source_labels(milestone.data_sources) if milestone else []
    return ReportSection(
        template="actionplan/report_section.html",
        context={"rows": rows, "key_activities": key_activities()},
    )


def actionplan_dashboard_panel(cycle) -> ReportSection | None:
    rows = quarter_progress(cycle=cycle)
    if not any(row["activities"] or row["milestones"] for row in rows):
        return None
    return ReportSection(template="actionplan/dashboard_panel.html", context={"quarters": rows})


def actionplan_annual_parts(cycle) -> list[AnnualPart]:
    # The annual report names no activities or people: the plan is read without them.
    rows = _plan_rows(cycle, activities=False)
    if not rows:
        return []
    # The rows hold every annual goal with its reflections and milestones already fetched.
    reflections = [r for row in rows for r in row["reflections"]]
    groups = {
        group: sum(getattr(r, f"with_{group}") for r in reflections)
        for group in ["students", "families", "staff", "partners"]
    }
    milestones = [milestone for row in rows for milestone in row["goal"].milestones.all()]
    sources = {label for m in milestones for label in data_source_labels(m.data_sources)}
    sources |= {m.data_other for m in milestones if m.data_other}
    return [
        AnnualPart("goals", "actionplan/annual/goals.html", {"rows": rows}, public=True),
        AnnualPart(
            "summary",
            "actionplan/annual/summary.html",
            {"quarters": quarter_progress_of(cycle=cycle, milestones=milestones), "rows": rows},
            public=True,
        ),
        AnnualPart("learnings", "actionplan/annual/learnings.html", {"rows": rows}, public=True),
        AnnualPart(
            "engagement",
            "actionplan/annual/engagement.html",
            {"groups": groups, "reflections": len(reflections)},
        ),
        AnnualPart("data", "actionplan/annual/data.html", {"sources": sorted(sources)}),
    ]


TOOL = register(
    WorkbookTool(
        slug="actionplan",
        title=_lazy("Annual goals and action plan"),
        order=6,
        question=_lazy("How do we get from where we are now to where we want to be?"),
        description=_lazy(
            "Develop goals and an action plan for a single year of districtwide SEL implementation, then reflect, improve and begin the next cycle."
        ),
        estimated_time=_lazy("Section 1: 2 hours per goal Section 2: 3-4 hours per goal"),
        materials=_lazy(
            "Districtwide SEL SMARTIE goals and completed long-term SEL implementation roadmap, district-specific guidance or templates for action-planning."
        ),
        url_name="actionplan:home",
        progress=actionplan_progress,
        report_section=actionplan_report_section,
        dashboard_panel=actionplan_dashboard_panel,
        annual_parts=actionplan_annual_parts,
        carry_forward=actionplan_carry_forward,
    )
)
