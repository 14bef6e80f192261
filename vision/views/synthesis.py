from django.db.models import Count
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sel_planner.districts.access import Need, access_cycle
from sel_planner.districts.pages import cycle_object

from ..forms.core import ThemeForm
from ..models import SYNTHESIS_QUESTIONS, Theme
from ._common import page_context, record_delete, record_edit


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
    return record_edit(
        request,
        cycle,
        ThemeForm,
        code,
        step="synthesis",
        label=_("Theme"),
        template="vision/theme_form.html",
        initial={"question": request.GET.get("question")} if code is None else None,
    )


@require_http_methods(["GET", "POST"])
def theme_delete(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    theme = cycle_object(cycle, Theme, code)
    return record_delete(request, cycle, theme, step="synthesis", label=_("Theme"))
