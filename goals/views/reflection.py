"""Section 1: the SEL Planning Committee Reflection and Check-In.

Each member answers privately; the committee sees every answer without names and how the
comfort ratings are spread, and the lead records what the committee said about them.
"""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sel_planner.districts.access import Need, access_cycle
from sel_planner.districts.editing import StaleEdit, conflict_response, versioned_save

from ..forms.reflection import DiscussionNotesForm, ReflectionForm
from ..models import COMFORT, Reflection
from ._common import page_context, workspace_of

# Chart geometry (SVG user units). Presentation attributes only: the CSP forbids inline styles.
CHART_WIDTH = 560
BAR_LEFT = 200
BAR_WIDTH = 300
BAR_HEIGHT = 16
BAR_GAP = 4
GROUP_GAP = 16
CHART_TOP = 52
OWN_FILL = "#2166ac"
COMMITTEE_FILL = "#92c5de"
COMMITTEE_STROKE = "#3a6d96"
INK = "#1a1a1a"


def comfort_counts(cycle) -> dict[str, int]:
    """How many members chose each level for themselves and for the committee, in one query."""
    counts = {"total": Count("pk")}
    for level, _label in COMFORT:
        counts[f"own_{level}"] = Count("pk", filter=Q(own_comfort=level))
        counts[f"committee_{level}"] = Count("pk", filter=Q(committee_comfort=level))
    return Reflection.objects.filter(cycle=cycle).aggregate(**counts)


def comfort_chart(counts: dict[str, int]) -> dict:
    """Ready-to-print geometry of the two bars per level, and the rows of the table behind it."""
    most = max(
        [1, *(counts[f"{kind}_{level}"] for kind in ("own", "committee") for level, _l in COMFORT)]
    )
    group = 2 * BAR_HEIGHT + BAR_GAP + GROUP_GAP
    rows = []
    for index, (level, label) in enumerate(COMFORT):
        y = CHART_TOP + index * group
        row = {"level": level, "label": str(label), "label_y": str(y + BAR_HEIGHT + 6)}
        for kind, bar_y in (("own", y), ("committee", y + BAR_HEIGHT + BAR_GAP)):
            count = counts[f"{kind}_{level}"]
            width = round(BAR_WIDTH * count / most)
            row[kind] = count
            row[f"{kind}_bar"] = {
                "y": str(bar_y),
                "width": str(width),
                "text_x": str(BAR_LEFT + width + 6),
                "text_y": str(bar_y + BAR_HEIGHT - 4),
            }
        rows.append(row)
    return {
        "width": str(CHART_WIDTH),
        "height": str(CHART_TOP + len(COMFORT) * group - GROUP_GAP + 8),
        "bar_left": str(BAR_LEFT),
        "bar_height": str(BAR_HEIGHT),
        "own_fill": OWN_FILL,
        "committee_fill": COMMITTEE_FILL,
        "committee_stroke": COMMITTEE_STROKE,
        "ink": INK,
        "rows": rows,
        "total": counts["total"],
    }


def committee_answers(cycle) -> dict[str, list[str]]:
    """Every member's answers to A and B, without names, in alphabetical order rather than by author."""
    pairs = list(Reflection.objects.filter(cycle=cycle).values_list("answer_a", "answer_b"))
    a = sorted((text for text, _b in pairs if text.strip()), key=str.casefold)
    b = sorted((text for _a, text in pairs if text.strip()), key=str.casefold)
    return {"a": a, "b": b}


def _save_reflection(request, cycle, mine, context):
    """Validate and save the member's own reflection; a response when done, else the bound form."""
    instance = mine
    if mine is None or "version" not in request.POST:
        # No reflection yet, or the form was opened before another tab saved the first one.
        instance = Reflection(cycle=cycle, author=request.user)
    form = ReflectionForm(request.POST, instance=instance)
    if not form.is_valid():
        return None, form
    try:
        if mine is not None and instance.pk is None:
            raise StaleEdit(mine)
        try:
            with transaction.atomic():
                versioned_save(form=form)
        except IntegrityError:
            # Two first saves at once: the other one won.
            raise StaleEdit(Reflection.objects.get(cycle=cycle, author=request.user)) from None
    except StaleEdit as stale:
        return conflict_response(request, form=form, stale=stale, context=context), form
    messages.success(
        request,
        _("Your reflection is saved. The committee sees your answers without your name."),
    )
    return redirect("goals:reflection", district=cycle.district.slug, cycle=cycle.slug), form


@require_http_methods(["GET", "POST"])
def reflection(request, district, cycle):
    need = Need.EDIT if request.method == "POST" else Need.READ
    cycle = access_cycle(request.user, district, cycle, need=need)
    context = page_context(cycle, section="reflection")
    form = None
    if context["can_edit"]:
        mine = Reflection.objects.filter(cycle=cycle, author=request.user).first()
        if request.method == "POST":
            response, form = _save_reflection(request, cycle, mine, context)
            if response is not None:
                return response
        else:
            form = ReflectionForm(instance=mine or Reflection(cycle=cycle, author=request.user))
    return render(
        request,
        "goals/reflection.html",
        {
            **context,
            "form": form,
            "answers": committee_answers(cycle),
            "chart": comfort_chart(comfort_counts(cycle)),
            "workspace": workspace_of(cycle, create=False),
        },
    )


@require_http_methods(["GET", "POST"])
def discussion_notes(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    data = request.POST if request.method == "POST" else None
    form = DiscussionNotesForm(data, instance=workspace_of(cycle, create=True))
    context = page_context(cycle, section="reflection")
    if data is not None and form.is_valid():
        try:
            versioned_save(form=form)
        except StaleEdit as stale:
            return conflict_response(request, form=form, stale=stale, context=context)
        messages.success(request, _("Discussion notes saved."))
        return redirect("goals:reflection", district=district, cycle=cycle.slug)
    return render(request, "goals/reflection_notes.html", {**context, "form": form})
