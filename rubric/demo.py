"""Demo rubric data: last year's beginning and end assessments (closed), this year's (open)."""

from datetime import date

from django.utils import timezone

from .models import Assessment, Consensus, Framework, Item, Rating, Submission

# Last year's consensus at the beginning, item by item (A, B, ...) in each focus area, and the
# rise by the end, per item code.
BEGINNING_BY_AREA = {
    1: [2, 2, 1, 1, 2, 1, 2, 1],
    2: [2, 1, 1, 1, 1],
    3: [2, 1, 2, 1, 1, 1, 2, 1],
    4: [1, 1],
}
BEGINNING = {
    f"{area}-{letter}": score
    for area, scores in BEGINNING_BY_AREA.items()
    for letter, score in zip("ABCDEFGH", scores, strict=False)
}
RISE = {"1-A": 1, "1-B": 1, "1-C": 1, "2-A": 1, "3-A": 1, "3-C": 1, "4-A": 1, "1-F": 1}
# How each rater departs from the consensus: the second rater sees some items two levels apart.
OFFSETS = [
    {"1-E": 1, "3-G": -1},
    {"1-D": 2, "2-B": 2, "3-E": -1},
    {"1-H": 1, "4-B": "not sure"},
]


def _clamp(score):
    return max(1, min(4, score))


def _rate(assessment, items, raters, consensus_by_code, *, partial=False):
    for index, rater in enumerate(raters):
        offsets = OFFSETS[index % len(OFFSETS)]
        rows = items[:12] if partial and index == 1 else ([] if partial else items)
        for item in rows:
            offset = offsets.get(item.code, 0)
            not_sure = offset == "not sure"
            Rating.objects.create(
                assessment=assessment,
                cycle=assessment.cycle,
                item=item,
                rater=rater,
                score=None if not_sure else _clamp(consensus_by_code[item.code] + offset),
                not_sure=not_sure,
                evidence="Discussed with the principals' network." if item.code == "1-A" else "",
            )
        if not partial:
            Submission.objects.create(assessment=assessment, rater=rater)


def _agree(assessment, items, consensus_by_code, lead):
    for item in items:
        Consensus.objects.create(
            assessment=assessment,
            cycle=assessment.cycle,
            item=item,
            score=consensus_by_code[item.code],
            rationale="The committee agreed after comparing evidence from the inventory.",
            recorded_by=lead,
        )
    assessment.status = Assessment.Status.CLOSED
    assessment.revealed = True
    assessment.closed_at = timezone.now()
    assessment.closed_by = lead
    assessment.save()


def seed_rubric_demo(*, previous_cycle, cycle, raters, lead) -> None:
    """Create the demo assessments unless the cycles already have some."""
    if previous_cycle.rubric_assessment_set.exists() or cycle.rubric_assessment_set.exists():
        return
    framework = Framework.objects.get(is_current=True)
    items = list(Item.objects.filter(focus_area__framework=framework).select_related("focus_area"))
    end_scores = {code: _clamp(score + RISE.get(code, 0)) for code, score in BEGINNING.items()}
    year = previous_cycle.start_date.year
    for kind, scores, opens in [
        (Assessment.Kind.BEGINNING, BEGINNING, date(year, 9, 1)),
        (Assessment.Kind.END, end_scores, date(year + 1, 5, 1)),
    ]:
        assessment = Assessment.objects.create(
            cycle=previous_cycle,
            framework=framework,
            kind=kind,
            opens_on=opens,
            closes_on=opens.replace(day=20),
        )
        _rate(assessment, items, raters, scores)
        _agree(assessment, items, scores, lead)
    current = Assessment.objects.create(
        cycle=cycle,
        framework=framework,
        kind=Assessment.Kind.BEGINNING,
        opens_on=date(cycle.start_date.year, 9, 1),
        closes_on=date(cycle.start_date.year, 9, 30),
    )
    _rate(current, items, raters, end_scores, partial=True)
