"""The roll-out plan: which of the district's schools start implementing in which year."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sel_planner.districts.access import Need, access_cycle
from sel_planner.districts.pages import cycle_object, page_context

from ..forms.rollout import RolloutForm
from ..models import SchoolRollout
from ..selectors import roadmap_for_cycle, roadmap_of, rollout_plan
from ._common import code_param, save_to_section, to_section

SCHOOLS_PER_PAGE = 50


def _span(cycle) -> tuple[int, int]:
    """The roadmap's years (the longest row) and its Year 1."""
    years = [row.years for row in cycle.roadmap_roadmaprow_set.all()]
    return max(years or [3]), roadmap_for_cycle(cycle=cycle).first_year


@require_GET
def rollout(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    years, first_year = _span(cycle)
    plan = rollout_plan(cycle=cycle, years=years, first_year=first_year)
    page = Paginator(plan["schools"], SCHOOLS_PER_PAGE).get_page(request.GET.get("page"))
    context = page_context(
        cycle, section="rollout", plan=plan, page=page, roadmap=roadmap_of(cycle=cycle)
    )
    return render(request, "roadmap/rollout.html", context)


def _save(request, cycle, rollout_obj):
    years, first_year = _span(cycle)
    kwargs = {"cycle": cycle, "years": years, "first_year": first_year}
    initial = {"school": cycle.district.schools.filter(code=code_param(request, "school")).first()}
    form = RolloutForm(request.POST or None, instance=rollout_obj, initial=initial, **kwargs)
    context = page_context(cycle, section="rollout", form=form, rollout=rollout_obj)
    if request.method == "POST" and form.is_valid():
        return save_to_section(request, cycle, form, _("Roll-out plan saved."), "rollout")
    return render(request, "roadmap/rollout_form.html", context)


@require_http_methods(["GET", "POST"])
def rollout_add(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    return _save(request, cycle, SchoolRollout(cycle=cycle))


@require_http_methods(["GET", "POST"])
def rollout_edit(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    rollout_obj = cycle_object(
        cycle, cycle.roadmap_schoolrollout_set.select_related("school"), code
    )
    return _save(request, cycle, rollout_obj)


@require_POST
def rollout_delete(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    cycle_object(cycle, SchoolRollout, code).delete()
    messages.success(
        request, _("The school was taken out of the roll-out plan; its history is kept.")
    )
    return to_section(cycle, "rollout")
