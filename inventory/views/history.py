from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sel_planner.districts.access import Need, access_cycle
from sel_planner.districts.history import deleted_restore
from sel_planner.districts.history_views import cycle_history_views, restore_refused
from sel_planner.districts.pages import page_context

from .. import models, selectors
from ._common import to

KINDS = {
    "program": models.Program,
    "person": models.Person,
    "interview": models.Interview,
    "mention": models.Mention,
    "survey": models.Survey,
    "workspace": models.InventoryWorkspace,
}


history, history_restore_view = cycle_history_views(
    namespace="inventory", kinds=KINDS, template="inventory/history.html", page_context=page_context
)


@require_GET
def removed(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    records = selectors.removed_programs(cycle=cycle)
    context = page_context(cycle, section="table", records=records)
    return render(request, "inventory/removed.html", context)


@require_POST
def removed_restore(request, district, cycle, history_id):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    record = selectors.removed_program_record(cycle=cycle, history_id=history_id)
    if record is None:
        raise Http404
    if cycle.inventory_program_set.filter(name_key=record.name_key).exists():
        messages.error(request, _("The inventory has a program of this name again; merge instead."))
    elif cycle.inventory_program_set.filter(code=record.code).exists():
        raise Http404
    else:
        try:
            deleted_restore(model=models.Program, record=record)
        except ValidationError as refused:
            restore_refused(request, refused)
        else:
            messages.success(request, _("The program is back in the inventory."))
    return to("table", cycle)
