from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sel_planner.districts.access import Need, access_cycle, is_lead
from sel_planner.districts.history import history_page, history_restore, restore_link
from sel_planner.districts.history_views import restore_refused
from sel_planner.districts.pages import page_context

from .. import services
from ._common import assessment_of


def _history_target(cycle, assessment, item=None):
    assessment = assessment_of(cycle, assessment)
    if item is None:
        return assessment
    consensus = assessment.consensus.select_related("item").filter(item__code=item).first()
    if consensus is None:
        raise Http404
    return consensus


@require_GET
def history(request, district, cycle, assessment, item=None):
    cycle = access_cycle(request.user, district, cycle)
    obj = _history_target(cycle, assessment, item)
    restore = None
    if item is not None and is_lead(cycle) and not cycle.is_closed and not obj.assessment.is_closed:
        kwargs = {"district": district, "cycle": cycle.slug, "assessment": assessment, "item": item}
        restore = restore_link("rubric:consensus_restore", **kwargs)
    page = history_page(obj, page_number=request.GET.get("page"), restore_url=restore)
    return render(request, "rubric/history.html", page_context(cycle, object=obj, page=page))


@require_POST
def consensus_restore(request, district, cycle, assessment, item, history_id):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    consensus_row = _history_target(cycle, assessment, item)
    if consensus_row.assessment.is_closed:
        messages.error(request, str(services.AssessmentClosed().messages[0]))
    elif not consensus_row.history.filter(history_id=history_id).exists():
        raise Http404
    else:
        try:
            history_restore(obj=consensus_row, history_id=history_id)
        except ValidationError as refused:
            restore_refused(request, refused)
        else:
            messages.success(request, _("The earlier consensus was restored."))
    kwargs = {"district": district, "cycle": cycle.slug, "assessment": assessment, "item": item}
    return redirect("rubric:consensus_history", **kwargs)
