"""Section 1: the data reflection on progress toward each long-term goal."""

from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sel_planner.districts.access import Need, access_cycle
from sel_planner.districts.pages import cycle_object, page_context

from ..forms.reflection import ReflectionRowForm
from ..models import ReflectionRow
from ..selectors import reflection_by_goal
from ._common import code_param, save_to_section, to_section


@require_GET
def reflection(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    return render(
        request,
        "roadmap/reflection.html",
        page_context(cycle, section="reflection", goals=reflection_by_goal(cycle=cycle)),
    )


def _save_row(request, cycle, form, *, created: bool):
    context = page_context(cycle, section="reflection", form=form)
    if request.method == "POST" and form.is_valid():
        success = _("Row added.") if created else _("Row saved.")
        return save_to_section(
            request, cycle, form, success, "reflection", f"row-{form.instance.code}"
        )
    return render(request, "roadmap/reflection_form.html", context)


@require_http_methods(["GET", "POST"])
def reflection_add(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    goal = cycle.goals_goal_set.filter(code=code_param(request, "goal")).first()
    initial = {"goal": goal.pk if goal else None}
    form = ReflectionRowForm(request.POST or None, cycle=cycle, initial=initial)
    return _save_row(request, cycle, form, created=True)


@require_http_methods(["GET", "POST"])
def reflection_edit(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    row = cycle_object(cycle, ReflectionRow, code)
    form = ReflectionRowForm(request.POST or None, instance=row, cycle=cycle)
    return _save_row(request, cycle, form, created=False)


@require_http_methods(["GET", "POST"])
def reflection_delete(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    row = cycle_object(cycle, ReflectionRow, code)
    if request.method == "POST":
        row.delete()
        messages.success(request, _("The row was removed; its history is kept."))
        return to_section(cycle, "reflection")
    return render(
        request,
        "roadmap/reflection_delete.html",
        page_context(cycle, section="reflection", row=row),
    )
