"""The links anyone can answer: publishing the online questionnaire and storing public answers.

Answers only ever go to the link's own session or feedback round: nothing in a posted form
chooses the session, the round or the cycle.
"""

import uuid

from django.db import transaction
from django.utils import timezone

from sel_planner.accounts.throttling import link_by_token
from sel_planner.districts.editing import StaleEdit, changes_save, lock_current, versioned_save
from sel_planner.districts.models import PlanningCycle

from .models import EngagementSession, FeedbackAnswer, FeedbackRound, Format, Questionnaire
from .services import question_display

QUESTIONNAIRE_TITLE = "Online questionnaire"


def questionnaire_of(*, cycle) -> Questionnaire | None:
    return (
        Questionnaire.objects.filter(cycle=cycle)
        .select_related("session", "cycle")
        .order_by("-created_at")
        .first()
    )


def access_questionnaire(token) -> Questionnaire:
    """The questionnaire this public link opens, with its cycle and district;
    LinkNotFound if none."""
    return link_by_token(
        Questionnaire, token, "vision/public_invalid.html", {"kind": "questionnaire"}
    )


def access_feedback_round(token) -> FeedbackRound:
    """The feedback round this public link opens, with its cycle and district;
    LinkNotFound if none."""
    return link_by_token(FeedbackRound, token, "vision/public_invalid.html", {"kind": "feedback"})


def questions_for(*, cycle, vision):
    """The cycle's question set, each with `display`: the wording as asked."""
    questions = list(cycle.vision_question_set.all())
    for question in questions:
        question.display = question_display(question=question, vision=vision)
    return questions


@transaction.atomic
def questionnaire_publish(
    *, cycle, opens_on, closes_on, ask_group: bool, ask_name: bool, form=None
) -> Questionnaire:
    """The cycle's questionnaire and the engagement session its answers are filed under.

    Raises StaleEdit (with `form`, the settings typed in) when someone else published it first,
    so that nothing is published twice.
    """
    PlanningCycle.objects.select_for_update().filter(pk=cycle.pk).first()
    existing = questionnaire_of(cycle=cycle)
    if existing is not None:
        raise StaleEdit(existing, form)
    session = EngagementSession.objects.create(
        cycle=cycle, format=Format.QUESTIONNAIRE, title=QUESTIONNAIRE_TITLE, held_on=opens_on
    )
    return Questionnaire.objects.create(
        cycle=cycle,
        session=session,
        opens_on=opens_on,
        closes_on=closes_on,
        ask_group=ask_group,
        ask_name=ask_name,
    )


@transaction.atomic
def questionnaire_update(*, form) -> Questionnaire:
    """Save new settings (raising StaleEdit if outdated); saving reopens a closed link."""
    form.instance.closed_at = None
    questionnaire = versioned_save(form=form)
    session = questionnaire.session
    if session.held_on != questionnaire.opens_on:
        changes_save(session, held_on=questionnaire.opens_on)
    return questionnaire


def link_close(*, link) -> bool:
    """Stop a questionnaire or feedback link from taking answers; False if it already was."""
    with transaction.atomic():
        current = lock_current(link)
        if current.closed_at is not None:
            return False
        changes_save(current, closed_at=timezone.now())
    return True


@transaction.atomic
def feedback_answers_save(
    *, feedback_round: FeedbackRound, answers, respondent: str = "", entered_by=None
) -> uuid.UUID:
    """One feedback answer per answered question, all sharing one submission id.

    `entered_by` is the committee member who typed in answers gathered on paper or in a meeting.
    """
    submission = uuid.uuid4()
    for number, agrees, text in answers:  # one by one, so that each answer gets its history row
        FeedbackAnswer.objects.create(
            round=feedback_round,
            cycle_id=feedback_round.cycle_id,
            question=number,
            agrees=agrees,
            text=text,
            respondent=respondent,
            submission=submission,
            entered_by=entered_by,
        )
    return submission
