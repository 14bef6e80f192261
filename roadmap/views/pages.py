"""The tool's front page, the pictures, and each record's history."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sel_planner.districts.access import Need, access_cycle, is_lead
from sel_planner.districts.history import history_page, history_restore

from .. import models
from ..selectors import (
    name_cited_programs,
    pictures_context,
    roadmap_grid,
    roadmap_targets_for_year,
)
from ._common import cycle_object, page_context

HISTORY_KINDS = {
    "roadmap": models.Roadmap,
    "reflection": models.ReflectionRow,
    "row": models.RoadmapRow,
    "target": models.Target,
    "rollout": models.SchoolRollout,
}


@require_GET
def home(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    grid = roadmap_grid(cycle=cycle)
    this_year = roadmap_targets_for_year(cycle=cycle)
    for row in grid["rows"]:
        row.this_year = this_year.get(row.goal.pk, [])
    return render(request, "roadmap/home.html", page_context(cycle, section="home", **grid))


@require_GET
def pictures(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    return render(
        request,
        "roadmap/pictures.html",
        page_context(cycle, section="pictures", **pictures_context(cycle)),
    )


def _history_object(cycle, kind, code):
    model = HISTORY_KINDS.get(kind)
    if model is None:
        raise Http404
    return cycle_object(cycle, model.objects, code)


@require_GET
def history(request, district, cycle, kind, code):
    cycle = access_cycle(request.user, district, cycle)
    obj = _history_object(cycle, kind, code)
    restore = None
    if is_lead(cycle) and not cycle.is_closed:

        def restore(history_id):
            kwargs = {"district": district, "cycle": cycle.slug, "kind": kind, "code": code}
            return reverse("roadmap:history_restore", kwargs={**kwargs, "history_id": history_id})

    page = history_page(obj, page_number=request.GET.get("page"), restore_url=restore)
    if isinstance(obj, models.ReflectionRow):
        name_cited_programs(page, cycle=cycle)
    return render(request, "roadmap/history.html", page_context(cycle, object=obj, page=page))


@require_POST
def history_restore_view(request, district, cycle, kind, code, history_id):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    obj = _history_object(cycle, kind, code)
    if not obj.history.filter(history_id=history_id).exists():
        raise Http404
    history_restore(obj=obj, history_id=history_id)
    messages.success(request, _("The earlier version was restored."))
    return redirect("roadmap:history", district=district, cycle=cycle.slug, kind=kind, code=code)
