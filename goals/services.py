from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Goal


def _locked(goal: Goal) -> Goal:
    return Goal.objects.select_for_update().get(pk=goal.pk)


@transaction.atomic
def goal_submit(*, goal: Goal) -> Goal:
    """Ask the lead to review a draft goal; it needs a goal statement first."""
    locked = _locked(goal)
    if not locked.statement.strip():
        raise ValidationError(_("Write the goal statement before asking for review."))
    if locked.status != Goal.Status.DRAFT:
        raise ValidationError(_("Only a draft goal can be sent for review."))
    locked.status = Goal.Status.REVIEW
    locked.version += 1
    locked._change_reason = _("Sent for review")
    locked.save(update_fields=["status", "version", "updated_at"])
    return locked


@transaction.atomic
def goal_approve(*, goal: Goal, actor) -> Goal:
    locked = _locked(goal)
    if locked.status != Goal.Status.REVIEW:
        raise ValidationError(_("Only a goal in review can be approved."))
    locked.status = Goal.Status.APPROVED
    locked.approved_by = actor
    locked.approved_at = timezone.now()
    locked.version += 1
    locked._change_reason = _("Approved")
    locked.save(update_fields=["status", "approved_by", "approved_at", "version", "updated_at"])
    return locked


@transaction.atomic
def goal_return(*, goal: Goal) -> Goal:
    """Send a goal in review or approved back to draft for revision."""
    locked = _locked(goal)
    locked.status = Goal.Status.DRAFT
    locked.approved_by = None
    locked.approved_at = None
    locked.version += 1
    locked._change_reason = _("Returned for revision")
    locked.save(update_fields=["status", "approved_by", "approved_at", "version", "updated_at"])
    return locked
