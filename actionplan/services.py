"""Writes of the action plan: carrying it into the next cycle, and the weekly reminder digest."""

import logging
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from roadmap.services import carried_copy
from sel_planner.districts.models import Membership
from sel_planner.districts.text import single_line

from .models import OPEN_STATUSES, Activity, AnnualGoal, Milestone, ReminderPreference, Status
from .selectors import reminder_activities

logger = logging.getLogger(__name__)


def _starting_notes(annual_goal) -> str:
    improvement = getattr(annual_goal, "improvement", None)
    if improvement is None:
        return ""
    parts = [f"{_('Decision')}: {improvement.get_decision_display()}"]
    for label, text in [
        (
            _("Were your implementation goals the right match for your outcome goals?"),
            improvement.goals_match,
        ),
        (_("Were your outcome goals realistic?"), improvement.get_realistic_display()),
        (_("Key learnings"), improvement.key_learnings),
        (_("Next steps"), improvement.next_steps),
        (_("Support for school teams"), improvement.school_support),
    ]:
        if text:
            parts.append(f"{label} {text}" if label.endswith("?") else f"{label}: {text}")
    return "\n".join(parts)


def actionplan_carry_forward(*, source, target, links) -> None:
    """Copy the annual goals into `target` with last year's decisions as their starting notes,
    and their unfinished activities (marked as carried) under the same quarters' milestones."""
    goals = AnnualGoal.objects.filter(cycle=source).select_related("improvement")
    shift = target.start_date - source.start_date  # same point of the quarter, a year on
    for old in goals:
        new_goal = links.get(("goals.Goal", old.goal_id))
        if new_goal is None:
            continue  # the long-term goal was not carried forward, so neither is its annual goal
        unfinished = list(
            Activity.objects.filter(milestone__annual_goal=old, status__in=OPEN_STATUSES)
            .select_related("milestone")
            .order_by("milestone__quarter", "position", "created_at")
        )
        notes = _starting_notes(old)  # read before `old` becomes its copy
        copy = carried_copy(
            old, target=target, links=links, goal=new_goal, year_target="", starting_notes=notes
        )
        milestones = {}
        for activity in unfinished:
            milestone = activity.milestone
            if milestone.quarter not in milestones:
                members = list(milestone.members.all())
                milestones[milestone.quarter] = carried_copy(
                    milestone,
                    target=target,
                    links=links,
                    annual_goal=copy,
                    status=Status.NOT_STARTED,
                )
                milestone.members.set(members)
            carried_copy(
                activity,
                target=target,
                links=links,
                milestone=milestones[milestone.quarter],
                due_date=activity.due_date + shift if activity.due_date else None,
                status=Status.NOT_STARTED,
                carried=True,
            )


def reminder_set(*, user, district, weekly_digest: bool) -> ReminderPreference:
    preference, _created = ReminderPreference.objects.update_or_create(
        user=user, district=district, defaults={"weekly_digest": weekly_digest}
    )
    return preference


def reminders_wanted(*, user, district) -> bool:
    preference = ReminderPreference.objects.filter(user=user, district=district).first()
    return preference is None or preference.weekly_digest


def reminder_digests(*, today: date) -> list[dict]:
    """One digest per person and district: open activities due within a week or overdue.

    People who turned the digest off are skipped, and each digest holds one district only.
    """
    opted_out = set(
        ReminderPreference.objects.filter(weekly_digest=False).values_list("user_id", "district_id")
    )
    digests = []
    memberships = Membership.objects.select_related("user", "district").order_by("pk")
    for membership in memberships:
        if (membership.user_id, membership.district_id) in opted_out:
            continue
        activities = list(
            reminder_activities(user=membership.user, district=membership.district, today=today)
        )
        if activities:
            digests.append(
                {"user": membership.user, "district": membership.district, "activities": activities}
            )
    return digests


def _digest_send(*, digest: dict, today: date) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string("actionplan/email/digest.txt", {**digest, "today": today})
        send_mail(
            subject=_("Your SEL activities this week: %(district)s")
            % {"district": single_line(digest["district"].name)},
            message=body,
            from_email=None,
            recipient_list=[digest["user"].email],
        )


def reminder_send_digests(*, today: date) -> list[dict]:
    """Email every digest; returns who got which activities (for the task's result).

    A digest that cannot be sent is logged and skipped: one district's or one person's
    failure never keeps the others from getting theirs.
    """
    sent = []
    for digest in reminder_digests(today=today):
        try:
            _digest_send(digest=digest, today=today)
        except Exception:  # whatever broke this digest, send the others
            logger.exception(
                "The weekly digest for user %s in district %s was not sent",
                digest["user"].pk,
                digest["district"].slug,
            )
            continue
        sent.append(
            {
                "email": digest["user"].email,
                "district": digest["district"].slug,
                "activities": [str(a.code) for a in digest["activities"]],
            }
        )
    return sent


def history_members_restore(*, obj, restored, history_id) -> None:
    """After a milestone's version is restored, its responsible members are that version's."""
    if isinstance(restored, Milestone):
        record = obj.history.get(history_id=history_id)
        restored.members.set(record.members.values_list("user_id", flat=True))
