import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sel_planner.districts.access import Need, access_cycle, can_edit, is_lead
from sel_planner.districts.editing import StaleEdit, conflict_response, versioned_save
from sel_planner.districts.history import history_page, history_restore
from sel_planner.districts.history_views import restore_refused
from sel_planner.uploads import cell_safe

from . import selectors, services
from .forms import AssessmentForm, ConsensusForm, RatingForm
from .models import Assessment, Framework, Item

ADVICE = _(
    "CASEL recommends that districts complete this rubric at the beginning and end of each school "
    "year to mark progress and update their action plan for the coming year. Have the completed SEL "
    "Program and Initiative Inventory at hand, along with any other documentation about the current "
    "use of SEL throughout the district office and schools."
)


def _context(cycle, **extra):
    return {"district": cycle.district, "cycle": cycle, "nav": "rubric", **extra}


def _assessment(cycle, code) -> Assessment:
    return get_object_or_404(cycle.rubric_assessment_set.select_related("framework"), code=code)


def _item(framework, code) -> Item:
    item = selectors.item_with_levels(framework=framework, code=code)
    if item is None:
        raise Http404
    return item


def _may_see_others(cycle, assessment, user) -> bool:
    if is_lead(cycle) or assessment.revealed or assessment.is_closed:
        return True
    return can_edit(cycle) and selectors.has_submitted(assessment=assessment, user=user)


@require_GET
def home(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    assessments = selectors.assessments_for_cycle(cycle=cycle)
    return render(
        request,
        "rubric/home.html",
        _context(
            cycle,
            assessments=assessments,
            advice=ADVICE,
            is_lead=is_lead(cycle) and not cycle.is_closed,
        ),
    )


@require_GET
def items(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    framework = get_object_or_404(Framework, is_current=True)
    areas = selectors.focus_areas_with_items(framework=framework)
    return render(request, "rubric/items.html", _context(cycle, framework=framework, areas=areas))


@require_GET
def item_detail(request, district, cycle, item):
    cycle = access_cycle(request.user, district, cycle)
    framework = get_object_or_404(Framework, is_current=True)
    item = _item(framework, item)
    return render(request, "rubric/item.html", _context(cycle, framework=framework, item=item))


@require_http_methods(["GET", "POST"])
def assessment_create(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    framework = get_object_or_404(Framework, is_current=True)
    form = AssessmentForm(request.POST or None, cycle=cycle, framework=framework)
    if request.method == "POST" and form.is_valid():
        assessment = form.save()
        messages.success(request, _("%(title)s is open for ratings.") % {"title": assessment.title})
        return redirect(
            "rubric:assessment", district=district, cycle=cycle.slug, assessment=assessment.code
        )
    return render(request, "rubric/assessment_form.html", _context(cycle, form=form, advice=ADVICE))


@require_http_methods(["GET", "POST"])
def assessment_edit(request, district, cycle, assessment):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    assessment = _assessment(cycle, assessment)
    form = AssessmentForm(request.POST or None, instance=assessment, cycle=cycle)
    context = _context(cycle, assessment=assessment)
    if request.method == "POST" and form.is_valid():
        versioned_save(form=form)
        messages.success(request, _("Assessment saved."))
        return redirect(
            "rubric:assessment", district=district, cycle=cycle.slug, assessment=assessment.code
        )
    return render(request, "rubric/assessment_form.html", {**context, "form": form})


@require_GET
def assessment_detail(request, district, cycle, assessment):
    cycle = access_cycle(request.user, district, cycle)
    assessment = _assessment(cycle, assessment)
    items = selectors.items_for_framework(framework=assessment.framework)
    mine = selectors.my_ratings(assessment=assessment, user=request.user)
    rows = [(item, mine.get(item.pk)) for item in items]
    rated = sum(1 for rating in mine.values() if rating.is_answered)
    return render(
        request,
        "rubric/assessment.html",
        _context(
            cycle,
            assessment=assessment,
            rows=rows,
            rated=rated,
            total=len(items),
            can_rate=can_edit(cycle) and not assessment.is_closed,
            submitted=selectors.has_submitted(assessment=assessment, user=request.user),
            may_review=_may_see_others(cycle, assessment, request.user),
            is_lead=is_lead(cycle) and not cycle.is_closed,
        ),
    )


@require_http_methods(["GET", "POST"])
def rate(request, district, cycle, assessment, item):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    assessment = _assessment(cycle, assessment)
    item = _item(assessment.framework, item)
    rating = services.rating_for(assessment=assessment, item=item, rater=request.user)
    form = RatingForm(request.POST or None, instance=rating, item=item)
    context = _context(cycle, assessment=assessment, item=item, rating=rating)
    if request.method == "POST":
        if assessment.is_closed:
            messages.error(request, str(services.AssessmentClosed().messages[0]))
            return redirect(
                "rubric:assessment", district=district, cycle=cycle.slug, assessment=assessment.code
            )
        if form.is_valid():
            versioned_save(form=form)
            messages.success(request, _("Your rating of %(code)s is saved.") % {"code": item.code})
            return redirect(_after_rating(request, cycle, assessment, item))
    if request.method == "POST":
        checked = {
            int(v) for v in request.POST.getlist("descriptors") if v.isascii() and v.isdigit()
        }
    else:
        checked = {d.pk for d in rating.descriptors.all()} if rating.pk else set()
    suggestion = selectors.suggested_level(levels=item.levels.all(), checked_ids=checked)
    return render(
        request,
        "rubric/rate.html",
        {**context, "form": form, "suggestion": suggestion, "checked_ids": checked},
    )


def _after_rating(request, cycle, assessment, item):
    kwargs = {"district": cycle.district.slug, "cycle": cycle.slug, "assessment": assessment.code}
    if "next" in request.POST:
        codes = [i.code for i in selectors.items_for_framework(framework=assessment.framework)]
        index = codes.index(item.code)
        if index + 1 < len(codes):
            return redirect("rubric:rate", **kwargs, item=codes[index + 1]).url
    return redirect("rubric:assessment", **kwargs).url


@require_POST
def submit(request, district, cycle, assessment):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    assessment = _assessment(cycle, assessment)
    try:
        services.submission_submit(assessment=assessment, rater=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, _("Your ratings are submitted. You can now see the committee's ratings.")
        )
    return redirect(
        "rubric:assessment", district=district, cycle=cycle.slug, assessment=assessment.code
    )


@require_GET
def review(request, district, cycle, assessment):
    cycle = access_cycle(request.user, district, cycle)
    assessment = _assessment(cycle, assessment)
    if not _may_see_others(cycle, assessment, request.user):
        raise PermissionDenied(
            _(
                "Committee members see each other's ratings once they have submitted their own, "
                "or when the lead reveals them."
            )
        )
    reviews = selectors.assessment_review(assessment=assessment)
    return render(
        request,
        "rubric/review.html",
        _context(
            cycle,
            assessment=assessment,
            reviews=reviews,
            is_lead=is_lead(cycle) and not cycle.is_closed,
            hide_private=not can_edit(cycle) and not is_lead(cycle),
            flagged=sum(1 for r in reviews if r.disagreement),
        ),
    )


@require_http_methods(["GET", "POST"])
def consensus(request, district, cycle, assessment, item):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    assessment = _assessment(cycle, assessment)
    item = _item(assessment.framework, item)
    existing = assessment.consensus.filter(item=item).first()
    # A form opened before anyone recorded this item's consensus carries no version.
    opened_blank = (
        request.method == "POST" and existing is not None and "version" not in request.POST
    )
    form = ConsensusForm(request.POST or None, instance=None if opened_blank else existing)
    context = _context(cycle, assessment=assessment, item=item, consensus=existing)
    if request.method == "POST" and assessment.is_closed:
        messages.error(request, str(services.AssessmentClosed().messages[0]))
        return redirect(
            "rubric:review", district=district, cycle=cycle.slug, assessment=assessment.code
        )
    if request.method == "POST" and form.is_valid():
        form.instance.assessment, form.instance.item, form.instance.cycle = assessment, item, cycle
        form.instance.recorded_by = request.user
        if opened_blank:
            return conflict_response(request, form=form, stale=StaleEdit(existing), context=context)
        try:
            with transaction.atomic():
                versioned_save(form=form)
        except StaleEdit as stale:
            return conflict_response(request, form=form, stale=stale, context=context)
        except IntegrityError:
            current = assessment.consensus.get(item=item)
            return conflict_response(request, form=form, stale=StaleEdit(current), context=context)
        messages.success(request, _("Consensus for %(code)s recorded.") % {"code": item.code})
        return redirect(
            "rubric:review", district=district, cycle=cycle.slug, assessment=assessment.code
        )
    ratings = [
        r for r in assessment.ratings.filter(item=item).select_related("rater") if r.is_answered
    ]
    return render(request, "rubric/consensus.html", {**context, "form": form, "ratings": ratings})


@require_POST
def reveal(request, district, cycle, assessment):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    assessment = _assessment(cycle, assessment)
    services.assessment_reveal(assessment=assessment)
    messages.success(request, _("Every committee member can now see all ratings."))
    return redirect(
        "rubric:assessment", district=district, cycle=cycle.slug, assessment=assessment.code
    )


@require_POST
def close(request, district, cycle, assessment):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    assessment = _assessment(cycle, assessment)
    try:
        services.assessment_close(assessment=assessment, actor=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, _("%(title)s is closed; its results are final.") % {"title": assessment.title}
        )
    return redirect(
        "rubric:assessment", district=district, cycle=cycle.slug, assessment=assessment.code
    )


@require_POST
def reopen(request, district, cycle, assessment):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    assessment = _assessment(cycle, assessment)
    services.assessment_reopen(assessment=assessment)
    messages.success(
        request,
        _("%(title)s is open again; the change is in its history.") % {"title": assessment.title},
    )
    return redirect(
        "rubric:assessment", district=district, cycle=cycle.slug, assessment=assessment.code
    )


@require_GET
def results(request, district, cycle, assessment):
    cycle = access_cycle(request.user, district, cycle)
    assessment = _assessment(cycle, assessment)
    timeline = selectors.district_assessments(district=cycle.district)
    # Averages of individual ratings show only where those ratings may be seen.
    visible = {a.pk for a in timeline if is_lead(cycle) or a.revealed or a.is_closed}
    if _may_see_others(cycle, assessment, request.user):
        visible.add(assessment.pk)
    data = selectors.assessment_results(
        assessment=assessment, timeline=timeline, provisional_ids=visible
    )
    trend = selectors.district_trend(timeline=timeline, provisional_ids=visible)
    return render(
        request, "rubric/results.html", _context(cycle, assessment=assessment, trend=trend, **data)
    )


@require_GET
def export_csv(request, district, cycle, assessment):
    cycle = access_cycle(request.user, district, cycle)
    assessment = _assessment(cycle, assessment)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"rubric-{cycle.district.slug}-{cycle.slug}-{assessment.kind}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(["item", "title", "rater", "rating", "evidence", "consensus", "rationale"])
    hide_private = not can_edit(cycle) and not is_lead(cycle)
    show_individual = _may_see_others(cycle, assessment, request.user)
    for review_row in selectors.assessment_review(assessment=assessment):
        agreed = review_row.consensus
        base = [review_row.item.code, review_row.item.title]
        tail = [agreed.score if agreed else "", cell_safe(agreed.rationale) if agreed else ""]
        writer.writerow([*base, "", "", "", *tail])
        for rating in review_row.ratings if show_individual else []:
            evidence = "" if hide_private and rating.evidence_private else rating.evidence
            score = "not sure" if rating.not_sure else rating.score
            writer.writerow(
                [*base, cell_safe(rating.rater.display_name), score, cell_safe(evidence), "", ""]
            )
    return response


def _history_target(cycle, assessment, item=None):
    assessment = _assessment(cycle, assessment)
    if item is None:
        return assessment
    return get_object_or_404(assessment.consensus.select_related("item"), item__code=item)


@require_GET
def history(request, district, cycle, assessment, item=None):
    cycle = access_cycle(request.user, district, cycle)
    obj = _history_target(cycle, assessment, item)
    restore = None
    if item is not None and is_lead(cycle) and not cycle.is_closed and not obj.assessment.is_closed:

        def restore(history_id):
            kwargs = {
                "district": district,
                "cycle": cycle.slug,
                "assessment": assessment,
                "item": item,
            }
            return reverse("rubric:consensus_restore", kwargs={**kwargs, "history_id": history_id})

    page = history_page(obj, page_number=request.GET.get("page"), restore_url=restore)
    return render(request, "rubric/history.html", _context(cycle, object=obj, page=page))


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
    return redirect(
        "rubric:consensus_history",
        district=district,
        cycle=cycle.slug,
        assessment=assessment,
        item=item,
    )
