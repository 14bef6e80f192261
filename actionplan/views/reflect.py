"""Reflect on progress (rubric 4-A), make improvements (4-B), launch the next cycle."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sel_planner.districts.access import Need, access_cycle
from sel_planner.districts.pages import cycle_object, page_context
from sel_planner.districts.services import CycleAlreadyLaunched, cycle_launch_next

from .. import selectors
from ..forms.reflect import ImprovementForm, LaunchForm, ReflectionForm
from ..models import AnnualGoal, Improvement, Reflection
from ._common import save_to_annual


@require_http_methods(["GET", "POST"])
def reflection_edit(request, district, cycle, code, point):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    annual_goal = cycle_object(cycle, AnnualGoal, code)
    if point not in Reflection.Point.values:
        raise Http404
    reflection = annual_goal.reflections.filter(point=point).first() or Reflection(
        cycle=cycle, annual_goal=annual_goal, point=point
    )
    form = ReflectionForm(request.POST or None, instance=reflection)
    context = page_context(cycle, annual_goal=annual_goal, reflection=reflection)
    if request.method == "POST" and form.is_valid():
        return save_to_annual(request, cycle, form, _("Reflection saved."), annual_goal)
    return render(request, "actionplan/reflection_form.html", {**context, "form": form})


@require_http_methods(["GET", "POST"])
def improvement_edit(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    annual_goal = cycle_object(cycle, AnnualGoal, code)
    improvement = getattr(annual_goal, "improvement", None) or Improvement(
        cycle=cycle, annual_goal=annual_goal
    )
    form = ImprovementForm(request.POST or None, instance=improvement)
    context = page_context(
        cycle, annual_goal=annual_goal, reflections=annual_goal.reflections.all()
    )
    if request.method == "POST" and form.is_valid():
        return save_to_annual(request, cycle, form, _("Improvement decision saved."), annual_goal)
    return render(request, "actionplan/improvement_form.html", {**context, "form": form})


@require_http_methods(["GET", "POST"])
def launch(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    form = LaunchForm(request.POST or None, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        try:
            new_cycle = cycle_launch_next(cycle=cycle, **form.cleaned_data)
        except CycleAlreadyLaunched as refused:
            messages.error(request, refused.messages[0])
            return redirect("actionplan:launch", district=district, cycle=cycle.slug)
        except ValidationError as invalid:
            form.add_error(None, invalid)
        else:
            messages.success(
                request,
                _("Cycle %(new)s is open; %(old)s is closed and stays readable.")
                % {"new": new_cycle.label, "old": cycle.label},
            )
            return redirect(new_cycle.get_absolute_url())
    return render(
        request,
        "actionplan/launch.html",
        page_context(
            cycle,
            form=form,
            launched=cycle.district.cycles.filter(carried_from=cycle).first(),
            open_activities=selectors.open_activity_count(cycle=cycle),
            goals=selectors.annual_goals_for_cycle(cycle=cycle).count(),
        ),
    )
