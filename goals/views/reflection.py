"""Section 1: the SEL Planning Committee Reflection and Check-In.

Each member answers privately; the committee sees every answer without names and how the
comfort ratings are spread, and the lead records what the committee said about them.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sel_planner.charts import comfort_chart
from sel_planner.districts.access import Need, access_cycle
from sel_planner.districts.editing import versioned_save
from sel_planner.districts.pages import need_for, page_context

from .. import selectors, services
from ..forms.reflection import DiscussionNotesForm, ReflectionForm
from ..models import COMFORT, Reflection


@require_http_methods(["GET", "POST"])
def reflection(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=need_for(request))
    context = page_context(cycle, section="reflection")
    form = None
    if context["can_edit"]:
        mine = selectors.reflection_of(cycle=cycle, author=request.user)
        data = request.POST if request.method == "POST" else None
        # No reflection yet, or the form was opened before another tab saved the first one.
        opened_blank = mine is None or (data is not None and "version" not in data)
        instance = Reflection(cycle=cycle, author=request.user) if opened_blank else mine
        form = ReflectionForm(data, instance=instance)
        if data is not None and form.is_valid():
            services.reflection_save(form=form, mine=mine)
            messages.success(
                request,
                _("Your reflection is saved. The committee sees your answers without your name."),
            )
            return redirect("goals:reflection", district=district, cycle=cycle.slug)
    return render(
        request,
        "goals/reflection.html",
        {
            **context,
            "form": form,
            "answers": selectors.committee_answers(cycle=cycle),
            "chart": comfort_chart(selectors.comfort_counts(cycle=cycle), COMFORT),
            "workspace": selectors.workspace_for_cycle(cycle=cycle),
        },
    )


@require_http_methods(["GET", "POST"])
def discussion_notes(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    data = request.POST if request.method == "POST" else None
    form = DiscussionNotesForm(data, instance=selectors.workspace_for_cycle(cycle=cycle))
    if data is not None and form.is_valid():
        versioned_save(form=form)
        messages.success(request, _("Discussion notes saved."))
        return redirect("goals:reflection", district=district, cycle=cycle.slug)
    context = page_context(cycle, section="reflection", form=form)
    return render(request, "goals/reflection_notes.html", context)
