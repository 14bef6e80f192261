from django.db.models import Avg
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from sel_planner.districts.registry import (
    AnnualPart,
    Progress,
    ReportSection,
    WorkbookTool,
    register,
)

from . import selectors
from .models import Assessment, Consensus


def rubric_progress(cycle) -> Progress:
    """Closed assessments out of the two a year CASEL recommends, and what to do next."""
    # One query for this cycle's assessments and the district's latest closed one.
    timeline = selectors.district_assessments(district=cycle.district, counts=True)
    assessments = sorted(
        (a for a in timeline if a.cycle_id == cycle.pk), key=lambda a: (a.opens_on, a.created_at)
    )
    closed = [a for a in assessments if a.is_closed]
    open_ones = [a for a in assessments if not a.is_closed]
    kinds = {a.kind for a in assessments}
    if open_ones:
        current = open_ones[0]
        step = _("%(title)s: %(submitted)s submitted, consensus on %(agreed)s of 23 items.") % {
            "title": current.title,
            "submitted": current.n_submitted,
            "agreed": current.n_consensus,
        }
    elif Assessment.Kind.BEGINNING not in kinds:
        step = _("Open the beginning-of-year assessment.")
    elif Assessment.Kind.END not in kinds:
        step = _("Open the end-of-year assessment to mark the year's progress.")
    else:
        step = _("Both assessments are closed: compare them in the results.")
    details = ()
    district_closed = [a for a in timeline if a.is_closed]
    if district_closed:
        latest = district_closed[-1]
        averages = (
            Consensus.objects.filter(assessment=latest)
            .values("item__focus_area__number")
            .annotate(avg=Avg("score"))
            .order_by("item__focus_area__number")
        )
        details = tuple(
            _("Focus area %(n)s: %(avg).1f (%(title)s %(cycle)s)")
            % {
                "n": row["item__focus_area__number"],
                "avg": row["avg"],
                "title": latest.title,
                "cycle": latest.cycle.label,
            }
            for row in averages
        )
    return Progress(
        done=len(closed), total=max(2, len(assessments)), next_step=step, details=details
    )


def rubric_report_section(cycle) -> ReportSection | None:
    """Focus-area summary, heatmap and change since the previous assessment
    of the cycle's latest."""
    timeline = selectors.district_assessments(district=cycle.district)
    closed = [a for a in timeline if a.cycle_id == cycle.pk and a.is_closed]
    if not closed:
        return None
    # The cycle's last closed assessment in the cycle's own order (as assessments_for_cycle).
    latest = max(closed, key=lambda a: (a.opens_on, a.created_at))
    visible = {a.pk for a in timeline if a.is_closed or a.revealed}
    data = selectors.assessment_results(
        assessment=latest, timeline=timeline, provisional_ids=visible
    )
    return ReportSection(
        template="rubric/report_section.html", context={"assessment": latest, **data}
    )


def rubric_annual_parts(cycle) -> list[AnnualPart]:
    """Focus-area averages of every closed assessment so far (progress, public) and the latest
    assessment's results (summary); consensus scores only, never individual ratings."""
    timeline = [
        a
        for a in selectors.district_assessments(district=cycle.district)
        if a.is_closed and a.cycle.start_date <= cycle.start_date
    ]
    if not timeline:
        return []
    latest = timeline[-1]
    # One read of the consensus scores and the items serves both parts.
    values = selectors.item_values([a.pk for a in timeline], set())
    items = selectors.items_for_framework(framework=latest.framework)
    data = selectors.assessment_results(
        assessment=latest, timeline=timeline, provisional_ids=set(), values=values, items=items
    )
    one_framework = {a.framework_id for a in timeline} == {latest.framework_id}
    trend = selectors.district_trend(
        timeline=timeline,
        provisional_ids=set(),
        values=values,
        items=items if one_framework else None,
    )
    progress = {"trend": trend, "areas": data["areas"], "latest": latest}
    summary = {"latest": latest, "areas": data["areas"], "previous": data["previous"]}
    return [
        AnnualPart("progress", "rubric/annual_progress.html", progress, public=True),
        AnnualPart("summary", "rubric/annual_summary.html", summary),
    ]


TOOL = register(
    WorkbookTool(
        slug="rubric",
        title=_lazy("Implementation rubric"),
        order=4,
        question=_lazy("Where are we now?"),
        description=_lazy(
            "Rate the district's systemic SEL implementation on 23 items in four focus areas, at the beginning and end of each school year, to mark progress and update the action plan."
        ),
        estimated_time=_lazy("2-4 hours"),
        materials=_lazy(
            "Completed SEL Program and Initiative Inventory along with any other documentation about the current use of SEL throughout the district office and schools."
        ),
        url_name="rubric:home",
        progress=rubric_progress,
        report_section=rubric_report_section,
        annual_parts=rubric_annual_parts,
    )
)
