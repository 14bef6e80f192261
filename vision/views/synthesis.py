from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sel_planner.districts.access import Need, access_cycle
from sel_planner.districts.editing import versioned_save
from sel_planner.districts.pages import cycle_object

from ..forms.core import ThemeForm
from ..models import SYNTHESIS_QUESTIONS, Theme
from ._common import page_context


@require_GET
def synthesis(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    themes = list(cycle.vision_theme_set.annotate(n_responses=Count("responses")))
    sections = [
        {"number": index, "question": text, "themes": [t for t in themes if t.question == index]}
        for index, text in enumerate(SYNTHESIS_QUESTIONS, start=1)
    ]
    return render(
        request,
        "vision/synthesis.html",
        page_context(
            cycle, step="synthesis", sections=sections, responses=cycle.vision_response_set.count()
        ),
    )


@require_http_methods(["GET", "POST"])
def theme_edit(request, district, cycle, code=None):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    theme = cycle_object(cycle, Theme, code) if code else None
    initial = {"question": request.GET.get("question")} if theme is None else None
    form = ThemeForm(request.POST or None, instance=theme, cycle=cycle, initial=initial)
    context = page_context(cycle, step="synthesis", object=theme, label=_("Theme"))
    if request.method == "POST" and form.is_valid():
        versioned_save(form=form)
        messages.success(request, _("Theme saved."))
        return redirect("vision:synthesis", district=district, cycle=cycle.slug)
    return render(request, "vision/theme_form.html", {**context, "form": form})


@require_http_methods(["GET", "POST"])
def theme_delete(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    theme = cycle_object(cycle, Theme, code)
    if request.method == "POST":
        theme.delete()
        messages.success(request, _("Theme removed; its history is kept."))
        return redirect("vision:synthesis", district=district, cycle=cycle.slug)
    return render(
        request,
        "vision/confirm_delete.html",
        page_context(cycle, step="synthesis", object=theme, label=_("Theme")),
    )
