from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sel_planner.districts.access import Need, access_cycle, is_lead
from sel_planner.districts.editing import StaleEdit, conflict_response, versioned_save
from sel_planner.districts.history import history_page, history_restore

from .. import models
from ..forms.core import StartForm
from ..selectors import engagement_summary, final_draft
from ..tool import vision_steps
from ._common import HISTORY_KINDS, cycle_object, page_context, vision_of


@require_GET
def home(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    vision = vision_of(cycle, create=False)
    return render(
        request,
        "vision/home.html",
        page_context(
            cycle,
            vision=vision,
            final=final_draft(cycle=cycle),
            progress=vision_steps(cycle),
            summary=engagement_summary(cycle=cycle) if vision else None,
        ),
    )


@require_http_methods(["GET", "POST"])
def start(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    vision = vision_of(cycle, create=True)
    form = StartForm(request.POST or None, instance=vision)
    context = page_context(cycle, vision=vision)
    if request.method == "POST" and form.is_valid():
        try:
            vision = versioned_save(form=form)
        except StaleEdit as stale:
            return conflict_response(request, form=form, stale=stale, context=context)
        messages.success(request, _("Starting point saved."))
        target = (
            "vision:feedback"
            if vision.starting_point == models.Vision.Start.REVISIT
            else "vision:committee"
        )
        return redirect(target, district=district, cycle=cycle.slug)
    return render(request, "vision/start.html", {**context, "form": form})


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
            return reverse("vision:history_restore", kwargs={**kwargs, "history_id": history_id})

    page = history_page(obj, page_number=request.GET.get("page"), restore_url=restore)
    return render(request, "vision/history.html", page_context(cycle, object=obj, page=page))


@require_POST
def history_restore_view(request, district, cycle, kind, code, history_id):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    obj = _history_object(cycle, kind, code)
    if not obj.history.filter(history_id=history_id).exists():
        raise Http404
    history_restore(obj=obj, history_id=history_id)
    messages.success(request, _("The earlier version was restored."))
    return redirect("vision:history", district=district, cycle=cycle.slug, kind=kind, code=code)
