from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sel_planner.districts.editing import StaleEdit, changes_save, lock_current, versioned_save

from .models import Comment, Goal, GoalsWorkspace, Priority, Reflection

REMOVED_GOALS_SHOWN = 10


def removed_goals(*, cycle) -> list:
    """The latest removal record of each removed goal of the cycle that is still gone,
    newest first."""
    current = set(cycle.goals_goal_set.values_list("code", flat=True))
    seen, result = set(), []
    for record in _removals(cycle)[: REMOVED_GOALS_SHOWN * 3]:
        if record.code in current or record.code in seen:
            continue
        seen.add(record.code)
        result.append(record)
    return result[:REMOVED_GOALS_SHOWN]


def removed_goal_record(*, cycle, code):
    return _removals(cycle).filter(code=code).first()


def _removals(cycle):
    """The removal records of the cycle's goals, newest first."""
    return Goal.history.filter(cycle_id=cycle.pk, history_type="-").order_by("-history_date")


# Form fields that say which version a save was made on, not what the goal says.
_NOT_CONTENT = {"version", "page"}


def goal_update(*, form) -> tuple[Goal, bool]:
    """Save a long-term goal from its valid form. An approved goal whose content changes (any
    answer, the baseline, the target, the year, the statement) goes back to review, for the lead
    to approve again; saved with the same values it stays approved. Returns the goal and whether
    it lost its approval.

    The form compares what was sent with the goal as stored when the request came in, so a stale
    save (the merge page) changes nothing before the version check refuses it.
    """
    reopened = (
        form.instance.pk is not None
        and form.instance.status == Goal.Status.APPROVED
        and bool(set(form.changed_data) - _NOT_CONTENT)
    )
    if reopened:
        form.instance.status = Goal.Status.REVIEW
    return versioned_save(form=form), reopened


def comment_add(*, goal: Goal, author, text: str) -> Comment:
    return Comment.objects.create(cycle=goal.cycle, goal=goal, author=author, text=text)


def reflection_save(*, form, mine: Reflection | None) -> Reflection:
    """Save the person's own reflection from its valid form.

    A form opened before the person's first reflection was saved (in another tab) is a stale
    edit of that one, and so is the loser of two first saves at the same moment.
    """
    if mine is not None and form.instance.pk is None:
        raise StaleEdit(mine, form)
    try:
        with transaction.atomic():
            return versioned_save(form=form)
    except IntegrityError:
        instance = form.instance
        current = Reflection.objects.get(cycle=instance.cycle, author=instance.author)
        raise StaleEdit(current, form) from None


@transaction.atomic
def goal_submit(*, goal: Goal) -> Goal:
    """Ask the lead to review a draft goal; it needs a goal statement first."""
    locked = lock_current(goal)
    if not locked.statement.strip():
        raise ValidationError(_("Write the goal statement before asking for review."))
    if locked.status != Goal.Status.DRAFT:
        raise ValidationError(_("Only a draft goal can be sent for review."))
    locked._change_reason = _("Sent for review")
    return changes_save(locked, status=Goal.Status.REVIEW)


@transaction.atomic
def goal_approve(*, goal: Goal, actor) -> Goal:
    locked = lock_current(goal)
    if locked.status != Goal.Status.REVIEW:
        raise ValidationError(_("Only a goal in review can be approved."))
    locked._change_reason = _("Approved")
    return changes_save(
        locked, status=Goal.Status.APPROVED, approved_by=actor, approved_at=timezone.now()
    )


@transaction.atomic
def goal_return(*, goal: Goal) -> Goal:
    """Send a goal in review or approved back to draft for revision."""
    locked = lock_current(goal)
    locked._change_reason = _("Returned for revision")
    return changes_save(locked, status=Goal.Status.DRAFT, approved_by=None, approved_at=None)


# A carried goal copies everything that describes it, its status and approval too; its identity,
# cycle, priority and timestamps are the new goal's own.
_OWN = {"id", "code", "created_at", "updated_at", "version", "cycle", "priority", "carried_from"}
_CARRIED = [field.name for field in Goal._meta.concrete_fields if field.name not in _OWN]


def goals_cycle_setup(*, cycle) -> None:
    """The cycle's goal-setting workspace, made when the cycle is (registry.cycle_setup)."""
    GoalsWorkspace.objects.get_or_create(cycle=cycle)


@transaction.atomic
def goals_carry_forward(*, source, target, links: dict) -> None:
    """Copy the workspace, the priorities and their long-term goals into the new cycle.

    Long-term goals span several years, so an approved goal stays approved; reflections and
    sticky notes belong to the year they were written in and stay there.
    """
    workspace = GoalsWorkspace.objects.filter(cycle=source).first()
    if workspace is not None:
        GoalsWorkspace.objects.create(
            cycle=target,
            carried_from=workspace,
            vision_text=workspace.vision_text,
            discussion_notes=workspace.discussion_notes,
            alignment_note=workspace.alignment_note,
        )
    for priority in source.goals_priority_set.select_related("goal"):
        copy = Priority.objects.create(
            cycle=target,
            carried_from=priority,
            phrase=priority.phrase,
            description=priority.description,
            position=priority.position,
        )
        links[(Priority._meta.label, priority.pk)] = copy
        goal = getattr(priority, "goal", None)
        if goal is not None:
            new_goal = Goal.objects.create(
                cycle=target,
                carried_from=goal,
                priority=copy,
                **{name: getattr(goal, name) for name in _CARRIED},
            )
            links[(Goal._meta.label, goal.pk)] = new_goal
