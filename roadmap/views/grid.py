"""Section 2: district priorities, the roadmap grid, its rows and their targets."""

from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sel_planner.districts.access import Need, access_cycle
from sel_planner.districts.pages import cycle_object, page_context

from .. import services
from ..forms.grid import RoadmapForm, RoadmapRowForm, TargetForm
from ..models import MAX_YEARS, RoadmapRow, Target
from ..selectors import goal_time_frame, roadmap_for_cycle, roadmap_grid
from ._common import save_to_section, to_section


@require_GET
def grid(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    return render(
        request,
        "roadmap/grid.html",
        page_context(cycle, section="grid", **roadmap_grid(cycle=cycle)),
    )


@require_http_methods(["GET", "POST"])
def roadmap_edit(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    form = RoadmapForm(request.POST or None, instance=roadmap_for_cycle(cycle=cycle))
    context = page_context(cycle, section="grid", form=form)
    if request.method == "POST" and form.is_valid():
        section = "rollout" if request.GET.get("next") == "rollout" else "grid"
        return save_to_section(request, cycle, form, _("Saved."), section)
    return render(request, "roadmap/roadmap_form.html", context)


@require_http_methods(["GET", "POST"])
def row_edit(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    goal = cycle_object(cycle, cycle.goals_goal_set.select_related("priority"), code)
    first_year = roadmap_for_cycle(cycle=cycle).first_year
    time_frame = goal_time_frame(goal=goal, first_year=first_year)
    row = cycle.roadmap_roadmaprow_set.filter(goal=goal).first() or RoadmapRow(
        cycle=cycle, goal=goal, years=max(1, min(MAX_YEARS, time_frame))
    )
    kwargs = {"first_year": first_year, "time_frame": time_frame}
    form = RoadmapRowForm(request.POST or None, instance=row, **kwargs)
    context = page_context(cycle, section="grid", form=form, goal=goal, time_frame=time_frame)
    if request.method == "POST" and form.is_valid():
        success = _("The goal's roadmap spans %(n)s years.") % {"n": form.instance.years}
        return save_to_section(request, cycle, form, success, "grid", f"goal-{goal.code}")
    return render(request, "roadmap/row_form.html", context)


def _save_target(request, cycle, form, row):
    context = page_context(cycle, section="grid", form=form, goal=row.goal, target=form.instance)
    if request.method == "POST" and form.is_valid():
        return save_to_section(
            request, cycle, form, _("Target saved."), "grid", f"goal-{row.goal.code}"
        )
    return render(request, "roadmap/target_form.html", context)


@require_http_methods(["GET", "POST"])
def target_add(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    row = cycle_object(cycle, cycle.roadmap_roadmaprow_set.select_related("goal__priority"), code)
    position = row.targets.count()
    target = Target(cycle=cycle, row=row, position=position, unit=row.goal.target_unit)
    initial = {"column": request.GET.get("column", "year-1")}
    form = TargetForm(request.POST or None, instance=target, row=row, initial=initial)
    return _save_target(request, cycle, form, row)


@require_http_methods(["GET", "POST"])
def target_edit(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    target = cycle_object(
        cycle, cycle.roadmap_target_set.select_related("row__goal__priority"), code
    )
    form = TargetForm(request.POST or None, instance=target, row=target.row)
    return _save_target(request, cycle, form, target.row)


@require_POST
def target_delete(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    target = cycle_object(cycle, cycle.roadmap_target_set.select_related("row__goal"), code)
    target.delete()
    messages.success(request, _("The target was removed; its history is kept."))
    return to_section(cycle, "grid", f"goal-{target.row.goal.code}")


@require_POST
def refresh_current(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    row = cycle_object(cycle, cycle.roadmap_roadmaprow_set.select_related("goal"), code)
    count = services.roadmap_refresh_current_status(row=row)
    if count:
        messages.success(
            request,
            _("The current status now lists last year's targets: check each against the results."),
        )
    else:
        messages.error(request, _("This roadmap has no targets from last year to start from."))
    return to_section(cycle, "grid", f"goal-{row.goal.code}")
