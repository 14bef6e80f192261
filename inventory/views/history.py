from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sel_planner.districts.access import Need, access_cycle, is_lead
from sel_planner.districts.history import deleted_restore, history_page, history_restore

from .. import models
from ._common import cycle_object, page_context, to

KINDS = {
    "program": models.Program,
    "person": models.Person,
    "interview": models.Interview,
    "mention": models.Mention,
    "survey": models.Survey,
    "workspace": models.InventoryWorkspace,
}


def _model(kind):
    model = KINDS.get(kind)
    if model is None:
        raise Http404
    return model


@require_GET
def history(request, district, cycle, kind, code):
    cycle = access_cycle(request.user, district, cycle)
    obj = cycle_object(cycle, _model(kind), code)
    restore = None
    if is_lead(cycle) and not cycle.is_closed:

        def restore(history_id):
            kwargs = {"district": district, "cycle": cycle.slug, "kind": kind, "code": code}
            return reverse("inventory:history_restore", kwargs={**kwargs, "history_id": history_id})

    page = history_page(obj, page_number=request.GET.get("page"), restore_url=restore)
    return render(request, "inventory/history.html", page_context(cycle, object=obj, page=page))


@require_POST
def history_restore_view(request, district, cycle, kind, code, history_id):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    obj = cycle_object(cycle, _model(kind), code)
    if not obj.history.filter(history_id=history_id).exists():
        raise Http404
    history_restore(obj=obj, history_id=history_id)
    messages.success(request, _("The earlier version was restored."))
    return redirect("inventory:history", district=district, cycle=cycle.slug, kind=kind, code=code)


@require_GET
def removed(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    records = (
        models.Program.history.filter(cycle_id=cycle.pk, history_type="-")
        .exclude(code__in=cycle.inventory_program_set.values("code"))
        .select_related("history_user")
        .order_by("-history_date")[:50]
    )
    return render(
        request, "inventory/removed.html", page_context(cycle, section="table", records=records)
    )


@require_POST
def removed_restore(request, district, cycle, history_id):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    record = get_object_or_404(
        models.Program.history.filter(cycle_id=cycle.pk, history_type="-"), history_id=history_id
    )
    if cycle.inventory_program_set.filter(name_key=record.name_key).exists():
        messages.error(request, _("The inventory has a program of this name again; merge instead."))
    elif cycle.inventory_program_set.filter(code=record.code).exists():
        raise Http404
    else:
        deleted_restore(model=models.Program, record=record)
        messages.success(request, _("The program is back in the inventory."))
    return to("table", cycle)
