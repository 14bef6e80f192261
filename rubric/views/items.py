from django.shortcuts import render
from django.views.decorators.http import require_GET

from sel_planner.districts.access import access_cycle
from sel_planner.districts.pages import page_context

from .. import selectors
from ._common import current_framework, item_of


@require_GET
def items(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    framework = current_framework()
    areas = selectors.focus_areas_with_items(framework=framework)
    context = page_context(cycle, framework=framework, areas=areas)
    return render(request, "rubric/items.html", context)


@require_GET
def item_detail(request, district, cycle, item):
    cycle = access_cycle(request.user, district, cycle)
    framework = current_framework()
    item = item_of(framework, item)
    context = page_context(cycle, framework=framework, item=item)
    return render(request, "rubric/item.html", context)
