import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sel_planner.districts.access import access_cycle, can_edit, is_lead
from sel_planner.districts.pages import page_context
from sel_planner.uploads import cell_safe

from .. import selectors
from ._common import assessment_of, may_see_others


@require_GET
def results(request, district, cycle, assessment):
    cycle = access_cycle(request.user, district, cycle)
    assessment = assessment_of(cycle, assessment)
    timeline = selectors.district_assessments(district=cycle.district)
    # Averages of individual ratings show only where those ratings may be seen.
    visible = {a.pk for a in timeline if is_lead(cycle) or a.revealed or a.is_closed}
    if may_see_others(cycle, assessment, request.user):
        visible.add(assessment.pk)
    data = selectors.assessment_results(
        assessment=assessment, timeline=timeline, provisional_ids=visible
    )
    trend = selectors.district_trend(timeline=timeline, provisional_ids=visible)
    context = page_context(cycle, assessment=assessment, trend=trend, **data)
    return render(request, "rubric/results.html", context)


@require_GET
def export_csv(request, district, cycle, assessment):
    cycle = access_cycle(request.user, district, cycle)
    assessment = assessment_of(cycle, assessment)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"rubric-{cycle.district.slug}-{cycle.slug}-{assessment.kind}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(["item", "title", "rater", "rating", "evidence", "consensus", "rationale"])
    hide_private = not can_edit(cycle) and not is_lead(cycle)
    show_individual = may_see_others(cycle, assessment, request.user)
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
