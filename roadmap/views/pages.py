"""The tool's front page, the pictures, and each record's history."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from sel_planner.districts.access import access_cycle
from sel_planner.districts.history_views import cycle_history_views
from sel_planner.districts.pages import page_context

from .. import models
from ..selectors import (
    name_cited_programs,
    pictures_context,
    roadmap_grid,
    roadmap_targets_for_year,
)

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


history, history_restore_view = cycle_history_views(
    namespace="roadmap",
    kinds=HISTORY_KINDS,
    template="roadmap/history.html",
    page_context=page_context,
    annotate=name_cited_programs,
)
