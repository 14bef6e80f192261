from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sel_planner.districts.access import Need, access_cycle
from sel_planner.districts.editing import StaleEdit, conflict_response, versioned_save

from ..forms.reflection import DiscussionNotesForm, ReflectionForm
from ..models import COMFORT, Reflection
from ._common import page_context, workspace_of

BAR_WIDTH = 240


def _distribution(cycle) -> list[dict]:
    """How many members chose each comfort level, for themselves and for the committee (two queries)."""
    reflections = cycle.goals_reflection_set
    own = dict(reflections.values_list("own_comfort").annotate(n=Count("pk")).order_by())
    committee = dict(
        reflections.values_list("committee_comfort").annotate(n=Count("pk")).order_by()
    )
    most = max([1, *own.values(), *committee.values()])
    return [
        {
            "level": level, "label": label, "own": own.get(level, 0), "committee": committee.get(level, 0),
            "own_width": round(BAR_WIDTH * own.get(level, 0) / most),
            "committee_width": round(BAR_WIDTH * committee.get(level, 0) / most),
            "y": 10 + index * 44,
        }
        for index, (level, label) in enumerate(COMFORT)
    ]  # fmt: skip


@require_http_methods(["GET", "POST"])
def reflection(request, district, cycle):
    need = Need.EDIT if request.method == "POST" else Need.READ
    cycle = access_cycle(request.user, district, cycle, need=need)
    mine = Reflection.objects.filter(cycle=cycle, author=request.user).first()
    mine = mine or Reflection(cycle=cycle, author=request.user)
    form = ReflectionForm(request.POST or None, instance=mine)
    context = page_context(cycle, section="reflection")
    if request.method == "POST" and form.is_valid():
        try:
            versioned_save(form=form)
        except StaleEdit as stale:
            return conflict_response(request, form=form, stale=stale, context=context)
        messages.success(request, _("Your reflection is saved."))
        return redirect("goals:reflection", district=district, cycle=cycle.slug)
    answers = cycle.goals_reflection_set.exclude(answer_a="", answer_b="").order_by("?")
    return render(
        request,
        "goals/reflection.html",
        {
            **context, "form": form, "answers": answers, "distribution": _distribution(cycle),
            "workspace": workspace_of(cycle, create=False),
        },
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def discussion_notes(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    form = DiscussionNotesForm(request.POST or None, instance=workspace_of(cycle, create=True))
    context = page_context(cycle, section="reflection")
    if request.method == "POST" and form.is_valid():
        try:
            versioned_save(form=form)
        except StaleEdit as stale:
            return conflict_response(request, form=form, stale=stale, context=context)
        messages.success(request, _("Discussion notes saved."))
        return redirect("goals:reflection", district=district, cycle=cycle.slug)
    return render(request, "goals/reflection_notes.html", {**context, "form": form})
