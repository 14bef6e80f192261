from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sel_planner.districts.editing import StaleEdit, changes_save, lock_current, versioned_save

from .models import Assessment, Consensus, Item, Rating, Submission
from .selectors import assessment_review


class AssessmentClosed(ValidationError):
    def __init__(self):
        super().__init__(_("This assessment is closed, so its ratings can no longer change."))


def rating_for(*, assessment: Assessment, item: Item, rater) -> Rating:
    """The rater's rating of the item, unsaved and empty if they have not rated it yet."""
    rating = assessment.ratings.filter(item=item, rater=rater).first()
    return rating or Rating(assessment=assessment, item=item, rater=rater, cycle=assessment.cycle)


@transaction.atomic
def submission_submit(*, assessment: Assessment, rater) -> Submission:
    """Mark the rater's ratings as complete; every item needs a rating or "not sure"."""
    locked = lock_current(assessment)
    if locked.is_closed:
        raise AssessmentClosed()
    total = Item.objects.filter(focus_area__framework=assessment.framework).count()
    answered = (
        assessment.ratings.filter(rater=rater).exclude(score__isnull=True, not_sure=False).count()
    )
    if answered < total:
        raise ValidationError(
            _(
                "Rate every item before submitting: %(left)s of %(total)s still need a rating or "
                "“not sure”."
            )
            % {"left": total - answered, "total": total}
        )
    submission, _created = Submission.objects.get_or_create(assessment=assessment, rater=rater)
    return submission


def consensus_record(
    *, form, assessment: Assessment, item: Item, actor, recorded_meanwhile=None
) -> Consensus:
    """Record the committee's consensus on the item from a valid form, or raise StaleEdit when
    someone recorded or changed it since the form was opened (`recorded_meanwhile`: the
    consensus saved after a blank form was opened)."""
    form.instance.assessment, form.instance.item = assessment, item
    form.instance.cycle, form.instance.recorded_by = assessment.cycle, actor
    if recorded_meanwhile is not None:
        raise StaleEdit(recorded_meanwhile, form)
    try:
        with transaction.atomic():
            return versioned_save(form=form)
    except IntegrityError:
        # Two blank forms saved at once: the other one's consensus is the newer version.
        raise StaleEdit(assessment.consensus.get(item=item), form) from None


@transaction.atomic
def consensus_accept(
    *, assessment: Assessment, chosen: dict[str, int], rationale: str, actor
) -> tuple[list[str], list[str]]:
    """Record the committee's rating as the consensus of each chosen item (code → the score the
    lead was shown), with one rationale. An item whose consensus was recorded meanwhile, or
    whose ratings changed so that the committee's rating is no longer the one shown, is left
    for the lead to decide. Returns the codes accepted and the codes left."""
    locked = lock_current(assessment)
    if locked.is_closed:
        raise AssessmentClosed()
    accepted, left = [], []
    for review in assessment_review(assessment=locked):
        code = review.item.code
        if code not in chosen:
            continue
        if review.consensus is not None or review.proposal != chosen[code]:
            left.append(code)
            continue
        consensus = Consensus(
            cycle=locked.cycle,
            assessment=locked,
            item=review.item,
            score=review.proposal,
            rationale=rationale,
            recorded_by=actor,
        )
        consensus._change_reason = _("Accepted the committee's rating")
        consensus.save()
        accepted.append(code)
    return accepted, left


@transaction.atomic
def assessment_reveal(*, assessment: Assessment) -> Assessment:
    return changes_save(assessment, revealed=True)


@transaction.atomic
def assessment_close(*, assessment: Assessment, actor) -> Assessment:
    """Close the assessment once every item has a consensus score; it then cannot change."""
    locked = lock_current(assessment)
    total = Item.objects.filter(focus_area__framework=locked.framework).count()
    missing = total - locked.consensus.count()
    if missing:
        raise ValidationError(
            _(
                "Record a consensus score for every item first: %(missing)s of %(total)s are "
                "missing."
            )
            % {"missing": missing, "total": total}
        )
    locked._change_reason = _("Closed")
    return changes_save(
        locked,
        status=Assessment.Status.CLOSED,
        closed_at=timezone.now(),
        closed_by=actor,
        revealed=True,
    )


@transaction.atomic
def assessment_reopen(*, assessment: Assessment) -> Assessment:
    locked = lock_current(assessment)
    locked._change_reason = _("Reopened")
    return changes_save(locked, status=Assessment.Status.OPEN, closed_at=None, closed_by=None)
