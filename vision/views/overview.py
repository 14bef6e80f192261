from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sel_planner.districts.access import Need, access_cycle
from sel_planner.districts.editing import versioned_save
from sel_planner.districts.history_views import cycle_history_views

from .. import models
from ..forms.core import StartForm
from ..selectors import engagement_summary, final_draft, vision_for_cycle
from ..tool import vision_steps
from ._common import HISTORY_KINDS, page_context


@require_GET
def home(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    vision = vision_for_cycle(cycle=cycle)
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
    vision = vision_for_cycle(cycle=cycle)
    form = StartForm(request.POST or None, instance=vision)
    context = page_context(cycle, vision=vision)
    if request.method == "POST" and form.is_valid():
        vision = versioned_save(form=form)
        messages.success(request, _("Starting point saved."))
        target = (
            "vision:feedback"
            if vision.starting_point == models.Vision.Start.REVISIT
            else "vision:committee"
        )
        return redirect(target, district=district, cycle=cycle.slug)
    return render(request, "vision/start.html", {**context, "form": form})


history, history_restore_view = cycle_history_views(
    namespace="vision",
    kinds=HISTORY_KINDS,
    template="vision/history.html",
    page_context=page_context,
)
