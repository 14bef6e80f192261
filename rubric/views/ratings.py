from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sel_planner.districts.access import Need, access_cycle, can_edit, is_lead
from sel_planner.districts.editing import versioned_save
from sel_planner.districts.pages import page_context

from .. import selectors, services
from ..forms.ratings import ConsensusAcceptForm, ConsensusForm, RatingForm
from ._common import assessment_of, item_of, may_see_others, to_assessment


@require_http_methods(["GET", "POST"])
def rate(request, district, cycle, assessment, item):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    assessment = assessment_of(cycle, assessment)
    item = item_of(assessment.framework, item)
    rating = services.rating_for(assessment=assessment, item=item, rater=request.user)
    form = RatingForm(request.POST or None, instance=rating, item=item)
    if request.method == "POST" and assessment.is_closed:
        messages.error(request, str(services.AssessmentClosed().messages[0]))
        return to_assessment(cycle, assessment)
    if request.method == "POST" and form.is_valid():
        versioned_save(form=form)
        messages.success(request, _("Your rating of %(code)s is saved.") % {"code": item.code})
        return redirect(_after_rating(request, cycle, assessment, item))
    checked = _checked_descriptors(request, rating)
    context = page_context(
        cycle,
        assessment=assessment,
        item=item,
        rating=rating,
        form=form,
        suggestion=selectors.suggested_level(levels=item.levels.all(), checked_ids=checked),
        checked_ids=checked,
    )
    return render(request, "rubric/rate.html", context)


def _checked_descriptors(request, rating) -> set[int]:
    """The descriptor bullets ticked: as posted, else as the rating was saved."""
    if request.method == "POST":
        posted = request.POST.getlist("descriptors")
        return {int(v) for v in posted if v.isascii() and v.isdigit()}
    return {d.pk for d in rating.descriptors.all()} if rating.pk else set()


def _after_rating(request, cycle, assessment, item):
    kwargs = {"district": cycle.district.slug, "cycle": cycle.slug, "assessment": assessment.code}
    if "next" in request.POST:
        codes = [i.code for i in selectors.items_for_framework(framework=assessment.framework)]
        index = codes.index(item.code)
        if index + 1 < len(codes):
            return redirect("rubric:rate", **kwargs, item=codes[index + 1]).url
    return redirect("rubric:assessment", **kwargs).url


@require_GET
def review(request, district, cycle, assessment):
    cycle = access_cycle(request.user, district, cycle)
    assessment = assessment_of(cycle, assessment)
    if not may_see_others(cycle, assessment, request.user):
        raise PermissionDenied(
            _(
                "Committee members see each other's ratings once they have submitted their own, "
                "or when the lead reveals them."
            )
        )
    return _review_page(request, cycle, assessment)


def _review_page(request, cycle, assessment, accept_form=None):
    reviews = selectors.assessment_review(assessment=assessment)
    # Items whose ratings agree (or differ by one level) and have no consensus yet: the lead
    # may accept the committee's rating for all of them at once.
    candidates = [r for r in reviews if r.consensus is None and r.proposal is not None]
    if accept_form is None and candidates and is_lead(cycle) and not assessment.is_closed:
        codes = [r.item.code for r in reviews]
        accept_form = ConsensusAcceptForm(codes=codes, candidates=candidates)
    context = page_context(
        cycle,
        assessment=assessment,
        reviews=reviews,
        hide_private=not can_edit(cycle) and not is_lead(cycle),
        flagged=sum(1 for r in reviews if r.disagreement),
        candidates=candidates,
        accept_form=accept_form,
    )
    return render(request, "rubric/review.html", context)


@require_POST
def consensus_accept(request, district, cycle, assessment):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    assessment = assessment_of(cycle, assessment)
    codes = [item.code for item in selectors.items_for_framework(framework=assessment.framework)]
    form = ConsensusAcceptForm(request.POST, codes=codes)
    if not form.is_valid():
        return _review_page(request, cycle, assessment, accept_form=form)
    try:
        accepted, left = services.consensus_accept(
            assessment=assessment,
            chosen=form.cleaned_data["scores"],
            rationale=form.cleaned_data["rationale"],
            actor=request.user,
        )
    except services.AssessmentClosed as closed:
        messages.error(request, str(closed.messages[0]))
        return to_assessment(cycle, assessment, "rubric:review")
    if accepted:
        messages.success(
            request,
            ngettext(
                "Consensus recorded for %(n)s item, at the committee's rating: %(codes)s.",
                "Consensus recorded for %(n)s items, at the committee's rating: %(codes)s.",
                len(accepted),
            )
            % {"n": len(accepted), "codes": ", ".join(accepted)},
        )
    if left:
        messages.warning(
            request,
            _(
                "Left for you to decide, as their ratings or consensus changed since the page "
                "was opened: %(codes)s."
            )
            % {"codes": ", ".join(left)},
        )
    return to_assessment(cycle, assessment, "rubric:review")


@require_http_methods(["GET", "POST"])
def consensus(request, district, cycle, assessment, item):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    assessment = assessment_of(cycle, assessment)
    item = item_of(assessment.framework, item)
    existing = selectors.item_consensus(assessment=assessment, item=item)
    # A form opened before anyone recorded this item's consensus carries no version.
    opened_blank = (
        request.method == "POST" and existing is not None and "version" not in request.POST
    )
    form = ConsensusForm(request.POST or None, instance=None if opened_blank else existing)
    if request.method == "POST" and assessment.is_closed:
        messages.error(request, str(services.AssessmentClosed().messages[0]))
        return to_assessment(cycle, assessment, "rubric:review")
    if request.method == "POST" and form.is_valid():
        services.consensus_record(
            form=form,
            assessment=assessment,
            item=item,
            actor=request.user,
            recorded_meanwhile=existing if opened_blank else None,
        )
        messages.success(request, _("Consensus for %(code)s recorded.") % {"code": item.code})
        return to_assessment(cycle, assessment, "rubric:review")
    ratings = selectors.item_ratings(assessment=assessment, item=item)
    context = page_context(
        cycle, assessment=assessment, item=item, consensus=existing, form=form, ratings=ratings
    )
    return render(request, "rubric/consensus.html", context)
