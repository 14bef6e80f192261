"""Reads shared by the rubric pages, each a fixed number of queries whatever the data."""

from collections import defaultdict
from dataclasses import dataclass, field
from statistics import mean

from django.db.models import Avg, Count, Prefetch, Q

from .models import (
    Assessment,
    Consensus,
    Descriptor,
    FocusArea,
    Framework,
    Item,
    Level,
    Rating,
    Submission,
)

KIND_ORDER = {Assessment.Kind.BEGINNING: 0, Assessment.Kind.OTHER: 1, Assessment.Kind.END: 2}


def items_for_framework(*, framework):
    return list(
        Item.objects.filter(focus_area__framework=framework)
        .select_related("focus_area")
        .order_by("focus_area__number", "position")
    )


def item_with_levels(*, framework, code: str):
    """The item with its four levels (each with its label) and their descriptor bullets."""
    item = (
        Item.objects.select_related("focus_area", "focus_area__framework")
        .prefetch_related(
            Prefetch(
                "levels",
                queryset=Level.objects.order_by("number").prefetch_related(
                    Prefetch("descriptors", queryset=Descriptor.objects.order_by("position"))
                ),
            )
        )
        .filter(focus_area__framework=framework, code=code)
        .first()
    )
    if item is not None:
        for level in item.levels.all():
            level.label = framework.level_label(level.number)
    return item


def focus_areas_with_items(*, framework):
    return list(
        FocusArea.objects.filter(framework=framework)
        .order_by("number")
        .prefetch_related(Prefetch("items", queryset=Item.objects.order_by("position")))
    )


def _with_counts(assessments):
    """The assessments, each with `n_submitted` and `n_consensus`."""
    return assessments.annotate(
        n_submitted=Count("submissions", distinct=True),
        n_consensus=Count("consensus", distinct=True),
    )


def assessments_for_cycle(*, cycle):
    return list(_with_counts(cycle.rubric_assessment_set.select_related("framework")))


def my_ratings(*, assessment, user) -> dict[int, Rating]:
    return {r.item_id: r for r in assessment.ratings.filter(rater=user)}


def has_submitted(*, assessment, user) -> bool:
    return Submission.objects.filter(assessment=assessment, rater=user).exists()


def suggested_level(*, levels, checked_ids: set[int]) -> int | None:
    """The highest level whose descriptor bullets are all ticked;
    levels without bullets never count."""
    suggestion = None
    for level in levels:
        bullets = [d.pk for d in level.descriptors.all()]
        if bullets and all(pk in checked_ids for pk in bullets):
            suggestion = level.number
    return suggestion


@dataclass
class ItemReview:
    item: Item
    ratings: list = field(default_factory=list)
    consensus: Consensus | None = None

    @property
    def scores(self) -> list[int]:
        return [r.score for r in self.ratings if r.score is not None]

    @property
    def spread(self) -> int | None:
        return max(self.scores) - min(self.scores) if self.scores else None

    @property
    def disagreement(self) -> bool:
        return (self.spread or 0) >= 2

    @property
    def not_sure_count(self) -> int:
        return sum(1 for r in self.ratings if r.not_sure)

    @property
    def mean(self) -> float | None:
        return round(mean(self.scores), 1) if self.scores else None

    @property
    def proposal(self) -> int | None:
        """The committee's rating, when the ratings agree or differ by one level: the score most
        members gave (the lower one when as many gave each); None for a flagged item."""
        if self.spread is None or self.spread > 1:
            return None
        return min(set(self.scores), key=lambda score: (-self.scores.count(score), score))


def assessment_review(*, assessment) -> list[ItemReview]:
    """Every item with every rating and the consensus; disagreements first, then rubric order."""
    items = items_for_framework(framework=assessment.framework)
    reviews = {item.pk: ItemReview(item=item) for item in items}
    ratings = assessment.ratings.select_related("rater")
    for rating in ratings.order_by("rater__full_name", "rater__email"):
        if rating.is_answered and rating.item_id in reviews:
            reviews[rating.item_id].ratings.append(rating)
    for consensus in assessment.consensus.select_related("recorded_by"):
        reviews[consensus.item_id].consensus = consensus
    ordered = list(reviews.values())
    if assessment.is_closed:
        return ordered
    return sorted(ordered, key=lambda r: (not r.disagreement, r.consensus is not None))


@dataclass
class ItemResult:
    item: Item
    value: float | None
    provisional: bool
    previous: float | None = None

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return round(self.value - self.previous, 1)


def item_values(assessment_ids, provisional_ids) -> dict[tuple[int, int], tuple[float, bool]]:
    """(assessment, item) → (consensus score, or the mean of numeric ratings marked provisional).

    Means of individual ratings are given only for the assessments in `provisional_ids`, those
    whose individual ratings the reader may see.
    """
    values = {}
    rated = (
        Rating.objects.filter(
            assessment_id__in=set(assessment_ids) & set(provisional_ids), score__isnull=False
        )
        .values("assessment_id", "item_id")
        .annotate(avg=Avg("score"))
    )
    for row in rated:
        values[(row["assessment_id"], row["item_id"])] = (round(row["avg"], 1), True)
    agreed = Consensus.objects.filter(assessment_id__in=assessment_ids).values_list(
        "assessment_id", "item_id", "score"
    )
    for assessment_id, item_id, score in agreed:
        values[(assessment_id, item_id)] = (float(score), False)
    return values


def district_assessments(*, district, counts: bool = False):
    """All assessments of the district across its cycles, oldest first.

    With `counts`, each also carries `n_submitted` and `n_consensus`, as in
    `assessments_for_cycle`, so that one query serves both.
    """
    queryset = Assessment.objects.filter(cycle__district=district).select_related(
        "cycle", "framework"
    )
    return sorted(
        _with_counts(queryset) if counts else queryset,
        key=lambda a: (a.cycle.start_date, KIND_ORDER[a.kind], a.opens_on, a.created_at),
    )


def previous_assessment(*, assessment, timeline):
    ids = [a.pk for a in timeline]
    index = ids.index(assessment.pk)
    earlier = [a for a in timeline[:index] if a.framework_id == assessment.framework_id]
    return earlier[-1] if earlier else None


@dataclass
class AreaResult:
    area: FocusArea
    items: list
    average: float | None
    previous_average: float | None


def _average(values):
    numbers = [v for v in values if v is not None]
    return round(mean(numbers), 2) if numbers else None


def assessment_results(*, assessment, timeline, provisional_ids, values=None, items=None):
    """Item values, focus-area averages and the change since the previous assessment.

    `values` (from `item_values` over these assessments or more) and `items` (the framework's)
    may be passed in when a caller has them already.
    """
    previous = previous_assessment(assessment=assessment, timeline=timeline)
    if values is None:
        ids = [assessment.pk] + ([previous.pk] if previous else [])
        values = item_values(ids, provisional_ids)
    if items is None:
        items = items_for_framework(framework=assessment.framework)
    areas = defaultdict(list)
    for item in items:
        value, provisional = values.get((assessment.pk, item.pk), (None, False))
        before = values.get((previous.pk, item.pk), (None, False))[0] if previous else None
        areas[item.focus_area].append(
            ItemResult(item=item, value=value, provisional=provisional, previous=before)
        )
    area_results = [
        AreaResult(
            area=area,
            items=results,
            average=_average(r.value for r in results),
            previous_average=_average(r.previous for r in results),
        )
        for area, results in areas.items()
    ]
    changed = [r for area in area_results for r in area.items if r.change]
    rises = sorted((r for r in changed if r.change > 0), key=lambda r: -r.change)[:5]
    falls = sorted((r for r in changed if r.change < 0), key=lambda r: r.change)[:5]
    return {"previous": previous, "areas": area_results, "rises": rises, "falls": falls}


def district_trend(*, timeline, provisional_ids, values=None, items=None):
    """Focus-area averages of each assessment of the district, in order, in one query.

    `values` and `items` (every item of the timeline's frameworks) may be passed in, as in
    `assessment_results`.
    """
    if values is None:
        values = item_values([a.pk for a in timeline], provisional_ids)
    if items is None:
        item_area = dict(
            Item.objects.filter(
                focus_area__framework_id__in={a.framework_id for a in timeline}
            ).values_list("pk", "focus_area__number")
        )
    else:
        item_area = {item.pk: item.focus_area.number for item in items}
    numbers = sorted(set(item_area.values()))
    rows = []
    for assessment in timeline:
        per_area = defaultdict(list)
        for (assessment_id, item_id), (value, _provisional) in values.items():
            if assessment_id == assessment.pk:
                per_area[item_area[item_id]].append(value)
        rows.append(
            {"assessment": assessment, "averages": [_average(per_area[n]) for n in numbers]}
        )
    return {"areas": numbers, "rows": rows}


def rubric_progress_counts(*, cycle):
    return cycle.rubric_assessment_set.aggregate(
        total=Count("pk"), closed=Count("pk", filter=Q(status=Assessment.Status.CLOSED))
    )


def framework_current():
    """The framework new assessments use, or None when none is loaded."""
    return Framework.objects.filter(is_current=True).first()


def item_consensus(*, assessment, item):
    """The committee's recorded consensus on the item, or None."""
    return assessment.consensus.filter(item=item).first()


def item_ratings(*, assessment, item) -> list[Rating]:
    """The answered ratings of the item, with their raters."""
    ratings = assessment.ratings.filter(item=item).select_related("rater")
    return [rating for rating in ratings if rating.is_answered]
