from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sel_planner.districts.access import Need, access_cycle, is_lead
from sel_planner.districts.history import history_page, history_restore

from .. import models
from ._common import cycle_object, page_context

HISTORY_KINDS = {
    "annual": models.AnnualGoal,
    "milestone": models.Milestone,
    "activity": models.Activity,
    "reflection": models.Reflection,
    "improvement": models.Improvement,
}


def _history_object(cycle, kind, code):
    model = HISTORY_KINDS.get(kind)
    if model is None:
        raise Http404
    return cycle_object(cycle, model, code)


@require_GET
def history(request, district, cycle, kind, code):
    cycle = access_cycle(request.user, district, cycle)
    obj = _history_object(cycle, kind, code)
    restore = None
    if is_lead(cycle) and not cycle.is_closed:

        def restore(history_id):
            kwargs = {"district": district, "cycle": cycle.slug, "kind": kind, "code": code}
            return reverse(
                "actionplan:history_restore", kwargs={**kwargs, "history_id": history_id}
            )

    page = history_page(obj, page_number=request.GET.get("page"), restore_url=restore)
    return render(request, "actionplan/history.html", page_context(cycle, object=obj, page=page))


@require_POST
def history_restore_view(request, district, cycle, kind, code, history_id):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    obj = _history_object(cycle, kind, code)
    if not obj.history.filter(history_id=history_id).exists():
        raise Http404
    restored = history_restore(obj=obj, history_id=history_id)
    if isinstance(restored, models.Milestone):  # the responsible members of that version too
        record = obj.history.get(history_id=history_id)
        restored.members.set(record.members.values_list("user_id", flat=True))
    messages.success(request, _("The earlier version was restored."))
    return redirect("actionplan:history", district=district, cycle=cycle.slug, kind=kind, code=code)
