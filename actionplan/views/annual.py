"""Section 1: the annual SMARTIE goals, and the action plan page of each."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from goals.smartie import smartie_check, statement_check
from roadmap.selectors import roadmap_targets_for_year
from sel_planner.districts.access import Need, access_cycle
from sel_planner.districts.pages import cycle_object, page_context

from .. import selectors
from ..forms.annual import AnnualGoalForm, RationaleForm
from ..models import AnnualGoal, Reflection
from ._common import save_to_annual


@require_GET
def home(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    goals = cycle.goals_goal_set.select_related("priority")
    annual = selectors.annual_goals_overview(cycle=cycle)
    targets = roadmap_targets_for_year(cycle=cycle)
    rows = [
        (goal, [a for a in annual if a.goal_id == goal.pk], targets.get(goal.pk, []))
        for goal in goals
    ]
    return render(
        request,
        "actionplan/home.html",
        page_context(cycle, rows=rows, progress=selectors.quarter_progress(cycle=cycle)),
    )


def _targets_text(cycle, goal) -> str:
    targets = roadmap_targets_for_year(cycle=cycle).get(goal.pk, []) if goal else []
    return "\n".join(t.text for t in targets)


@require_http_methods(["GET", "POST"])
def annual_create(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    goal = cycle_object(cycle, cycle.goals_goal_set.select_related("priority"), code)
    initial = {"goal": goal, "year_target": _targets_text(cycle, goal)}
    form = AnnualGoalForm(request.POST or None, cycle=cycle, initial=initial)
    context = page_context(cycle, goal=goal)
    if request.method == "POST" and form.is_valid():
        return save_to_annual(request, cycle, form, _("Annual goal saved."))
    return _annual_form(request, context, form)


@require_http_methods(["GET", "POST"])
def annual_edit(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    annual_goal = cycle_object(
        cycle, cycle.actionplan_annualgoal_set.select_related("goal__priority"), code
    )
    form = AnnualGoalForm(request.POST or None, instance=annual_goal, cycle=cycle)
    context = page_context(cycle, goal=annual_goal.goal, annual_goal=annual_goal)
    if request.method == "POST" and form.is_valid():
        return save_to_annual(request, cycle, form, _("Annual goal saved."))
    return _annual_form(request, context, form)


def _annual_form(request, context, form):
    """The form beside the SMARTIE check of what it holds (a guide, never a gate)."""
    check, statement = smartie_check(form.instance), statement_check(form.instance)
    context |= {"check": check, "statement_check": statement, "form": form}
    return render(request, "actionplan/annual_form.html", context)


@require_GET
def annual_detail(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle)
    annual_goal = cycle_object(cycle, selectors.annual_goals_for_cycle(cycle=cycle), code)
    reflections = {r.point: r for r in annual_goal.reflections.all()}
    return render(
        request,
        "actionplan/annual.html",
        page_context(
            cycle,
            annual_goal=annual_goal,
            grid=selectors.plan_grid(annual_goal=annual_goal, cycle=cycle),
            targets=roadmap_targets_for_year(cycle=cycle).get(annual_goal.goal_id, []),
            check=smartie_check(annual_goal),
            statement_check=statement_check(annual_goal),
            left_ids=selectors.departed_owner_ids(cycle=cycle, annual_goal=annual_goal),
            reflections=[(point, reflections.get(point.value)) for point in Reflection.Point],
            improvement=getattr(annual_goal, "improvement", None),
        ),
    )


@require_http_methods(["GET", "POST"])
def rationale_edit(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    annual_goal = cycle_object(cycle, AnnualGoal, code)
    form = RationaleForm(request.POST or None, instance=annual_goal)
    context = page_context(cycle, annual_goal=annual_goal, title=_("Rationale for Milestones:"))
    if request.method == "POST" and form.is_valid():
        return save_to_annual(request, cycle, form, _("Rationale saved."))
    return render(request, "actionplan/form_page.html", {**context, "form": form})


@require_http_methods(["GET", "POST"])
def annual_delete(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    annual_goal = cycle_object(cycle, AnnualGoal, code)
    if request.method == "POST":
        annual_goal.delete()
        messages.success(
            request, _("The annual goal and its plan were removed; the history is kept.")
        )
        return redirect("actionplan:home", district=district, cycle=cycle.slug)
    counts = selectors.annual_goal_counts(annual_goal=annual_goal)
    return render(
        request,
        "actionplan/annual_delete.html",
        page_context(cycle, annual_goal=annual_goal, counts=counts),
    )
