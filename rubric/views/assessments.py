from functools import partial

from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sel_planner.districts.access import Need, access_cycle, can_edit
from sel_planner.districts.editing import versioned_save
from sel_planner.districts.pages import change_and_report, page_context

from .. import selectors, services
from ..forms.assessments import AssessmentForm
from ._common import ADVICE, assessment_of, current_framework, may_see_others, to_assessment


@require_GET
def home(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    assessments = selectors.assessments_for_cycle(cycle=cycle)
    context = page_context(cycle, assessments=assessments, advice=ADVICE)
    return render(request, "rubric/home.html", context)


@require_http_methods(["GET", "POST"])
def assessment_create(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    framework = current_framework()
    form = AssessmentForm(request.POST or None, cycle=cycle, framework=framework)
    if request.method == "POST" and form.is_valid():
        assessment = form.save()
        messages.success(request, _("%(title)s is open for ratings.") % {"title": assessment.title})
        return to_assessment(cycle, assessment)
    context = page_context(cycle, form=form, advice=ADVICE)
    return render(request, "rubric/assessment_form.html", context)


@require_http_methods(["GET", "POST"])
def assessment_edit(request, district, cycle, assessment):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    assessment = assessment_of(cycle, assessment)
    form = AssessmentForm(request.POST or None, instance=assessment, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        versioned_save(form=form)
        messages.success(request, _("Assessment saved."))
        return to_assessment(cycle, assessment)
    context = page_context(cycle, assessment=assessment, form=form)
    return render(request, "rubric/assessment_form.html", context)


@require_GET
def assessment_detail(request, district, cycle, assessment):
    cycle = access_cycle(request.user, district, cycle)
    assessment = assessment_of(cycle, assessment)
    items = selectors.items_for_framework(framework=assessment.framework)
    mine = selectors.my_ratings(assessment=assessment, user=request.user)
    context = page_context(
        cycle,
        assessment=assessment,
        rows=[(item, mine.get(item.pk)) for item in items],
        rated=sum(1 for rating in mine.values() if rating.is_answered),
        total=len(items),
        can_rate=can_edit(cycle) and not assessment.is_closed,
        submitted=selectors.has_submitted(assessment=assessment, user=request.user),
        may_review=may_see_others(cycle, assessment, request.user),
    )
    return render(request, "rubric/assessment.html", context)


@require_POST
def submit(request, district, cycle, assessment):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    assessment = assessment_of(cycle, assessment)
    change = partial(services.submission_submit, assessment=assessment, rater=request.user)
    success = _("Your ratings are submitted. You can now see the committee's ratings.")
    change_and_report(request, change, success)
    return to_assessment(cycle, assessment)


@require_POST
def reveal(request, district, cycle, assessment):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    assessment = assessment_of(cycle, assessment)
    services.assessment_reveal(assessment=assessment)
    messages.success(request, _("Every committee member can now see all ratings."))
    return to_assessment(cycle, assessment)


@require_POST
def close(request, district, cycle, assessment):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    assessment = assessment_of(cycle, assessment)
    change = partial(services.assessment_close, assessment=assessment, actor=request.user)
    success = _("%(title)s is closed; its results are final.") % {"title": assessment.title}
    change_and_report(request, change, success)
    return to_assessment(cycle, assessment)


@require_POST
def reopen(request, district, cycle, assessment):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    assessment = assessment_of(cycle, assessment)
    services.assessment_reopen(assessment=assessment)
    messages.success(
        request,
        _("%(title)s is open again; the change is in its history.") % {"title": assessment.title},
    )
    return to_assessment(cycle, assessment)
