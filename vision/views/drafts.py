"""Step 4: drafts of the vision statement, comparing two of them, and marking the final vision.

The final draft is the cycle's vision (`vision.selectors.final_draft`): the dashboard, the
report and the goals tool read it. It is never edited in place, so that its history matches
what was approved; a changed vision is a new draft, finalised in its turn.
"""

import uuid

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Count, ProtectedError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sel_planner.districts.access import Need, access_cycle
from sel_planner.districts.editing import lock_current, versioned_save
from sel_planner.districts.pages import cycle_object

from ..diff import changed_words, side_by_side
from ..forms.drafts import DraftCompareForm, DraftForm, FinaliseForm
from ..models import DRAFT_CHECKLIST, SYNTHESIS_QUESTIONS, Draft
from ..selectors import final_draft
from ..services import draft_make_final
from ._common import page_context

STEP = "drafts"


def _to_drafts(cycle):
    return redirect("vision:drafts", district=cycle.district.slug, cycle=cycle.slug)


def _draft_by_code(cycle, value) -> Draft:
    """A draft of this cycle from a code typed into an address: anything else is a 404."""
    try:
        code = uuid.UUID(str(value))
    except ValueError:
        raise Http404 from None
    return cycle_object(cycle, Draft, code)


def _checked(draft) -> list[str]:
    return [text for index, text in enumerate(DRAFT_CHECKLIST) if index in draft.checklist]


@require_GET
def drafts(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    rows = list(
        cycle.vision_draft_set.select_related("author").annotate(n_rounds=Count("feedback_rounds"))
    )
    previous = None
    for draft in rows:
        draft.previous = previous
        draft.checked = _checked(draft)
        previous = draft
    return render(
        request,
        "vision/drafts.html",
        page_context(
            cycle,
            step=STEP,
            drafts=rows,
            final=next((d for d in rows if d.is_final), None),
            checklist_total=len(DRAFT_CHECKLIST),
        ),
    )


def _themes(cycle) -> list[dict]:
    """Step 3's themes by synthesis question, to write the draft from."""
    # "cycle" too: the related manager reads it on every row to attach the cycle.
    themes = list(cycle.vision_theme_set.only("cycle", "question", "text"))
    sections = [
        {"question": text, "themes": [t.text for t in themes if t.question == number]}
        for number, text in enumerate(SYNTHESIS_QUESTIONS, start=1)
    ]
    return [s for s in sections if s["themes"]]


@require_http_methods(["GET", "POST"])
def draft_edit(request, district, cycle, code=None):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    draft = cycle_object(cycle, Draft, code) if code else None
    if draft is not None and draft.is_final:
        kept = _(
            "This draft is the final vision, so it is kept exactly as it was approved. "
            "To change the vision, write a new draft (start from this one) and finalise it "
            "instead: the history keeps both."
        )
        messages.error(request, kept)
        return _to_drafts(cycle)
    initial = None
    if draft is None and request.GET.get("from"):
        source = _draft_by_code(cycle, request.GET["from"])
        initial = {"statement": source.statement}
    posted = request.method == "POST"
    data = request.POST if posted else None
    form = DraftForm(data, instance=draft, cycle=cycle, user=request.user, initial=initial)
    context = page_context(cycle, step=STEP, object=draft, label=_("Draft"))
    if posted and form.is_valid():
        versioned_save(form=form)
        messages.success(request, _("Draft saved."))
        return _to_drafts(cycle)
    context |= {"form": form, "themes": _themes(cycle)}
    return render(request, "vision/draft_form.html", context)


@require_GET
def draft_compare(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    a, b = request.GET.get("a"), request.GET.get("b")
    first = _draft_by_code(cycle, a) if a else None
    second = _draft_by_code(cycle, b) if b else None
    context = page_context(cycle, step=STEP, first=first, second=second)
    if first is not None and second is not None:
        left, right = side_by_side(first.statement, second.statement)
        removed, added = changed_words(left), changed_words(right)
        context |= {"left": left, "right": right, "removed": removed, "added": added}
        return render(request, "vision/draft_compare.html", context)
    recent = list(cycle.vision_draft_set.order_by("-created_at")[:2])
    form = DraftCompareForm(
        cycle=cycle,
        initial={
            "a": first or (recent[1] if len(recent) > 1 else None),
            "b": second or (recent[0] if recent else None),
        },
    )
    context |= {"form": form, "enough": len(recent) > 1}
    return render(request, "vision/draft_compare.html", context)


def _delete_refusal(draft) -> str:
    if draft.is_final:
        return _(
            "This draft is the final vision, so it cannot be removed. If the vision has changed, "
            "finalise the new draft: this one then stays in the list as an earlier draft."
        )
    if draft.feedback_rounds.exists():
        return _(
            "Stakeholders gave feedback on this draft, so it is kept together with its "
            "feedback rounds."
        )
    return ""


@require_http_methods(["GET", "POST"])
def draft_delete(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    draft = cycle_object(cycle, Draft, code)
    refusal = _delete_refusal(draft)
    if not refusal and request.method == "POST":
        try:
            with transaction.atomic():
                draft = lock_current(draft)
                refusal = _delete_refusal(draft)
                if not refusal:
                    draft.delete()
        except ProtectedError:  # a feedback round was opened on it meanwhile
            refusal = _delete_refusal(draft)
        if not refusal:
            messages.success(request, _("Draft removed; its history is kept."))
            return _to_drafts(cycle)
    if refusal:
        messages.error(request, refusal)
        return _to_drafts(cycle)
    context = page_context(cycle, step=STEP, object=draft, checked=_checked(draft))
    return render(request, "vision/draft_delete.html", context)


@require_http_methods(["GET", "POST"])
def draft_finalise(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    draft = cycle_object(cycle, Draft, code)
    current = final_draft(cycle=cycle)
    posted = request.method == "POST"
    form = FinaliseForm(request.POST if posted else None, instance=draft)
    context = page_context(
        cycle,
        step=STEP,
        object=draft,
        checked=_checked(draft),
        checklist_total=len(DRAFT_CHECKLIST),
        current_final=current if current is not None and current.pk != draft.pk else None,
    )
    if posted and form.is_valid():
        try:
            draft_make_final(form=form, cycle=cycle)
        except IntegrityError:
            clash = _("Another draft was marked final at the same moment. Please try again.")
            messages.error(request, clash)
            return _to_drafts(cycle)
        messages.success(
            request, _("This draft is now the district's shared vision for the cycle.")
        )
        return _to_drafts(cycle)
    return render(request, "vision/draft_finalise.html", {**context, "form": form})
