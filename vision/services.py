import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from sel_planner.districts import freshness
from sel_planner.districts.editing import versioned_save
from sel_planner.districts.models import PlanningCycle

from .models import (
    COMMITMENT_PLACEHOLDER,
    ROLE_TEMPLATES,
    SAMPLE_QUESTIONS,
    STAKEHOLDER_GROUPS,
    CommitteeRole,
    Draft,
    Question,
    Response,
    StakeholderGroup,
    Vision,
)


@transaction.atomic
def vision_setup(*, cycle) -> Vision:
    """The cycle's vision, created on first use with the workbook's roles, groups and questions."""
    vision, created = Vision.objects.get_or_create(cycle=cycle)
    if created:
        CommitteeRole.objects.bulk_create(
            CommitteeRole(cycle=cycle, title=title, description=description, position=index)
            for index, (_key, title, description) in enumerate(ROLE_TEMPLATES)
        )
        StakeholderGroup.objects.bulk_create(
            StakeholderGroup(cycle=cycle, key=key, name=name, examples=examples, position=index)
            for index, (key, name, examples) in enumerate(STAKEHOLDER_GROUPS)
        )
        Question.objects.bulk_create(
            Question(
                cycle=cycle, text=text.format(commitment=COMMITMENT_PLACEHOLDER), position=index
            )
            for index, text in enumerate(SAMPLE_QUESTIONS)
        )
        freshness.changed(district_id=cycle.district_id)  # bulk_create sends no signals
    return vision


def question_display(*, question: Question, vision: Vision | None) -> str:
    """The question as asked: the workbook's placeholder replaced by the district's commitment."""
    if vision is not None and vision.commitment_text.strip():
        return question.text.replace(COMMITMENT_PLACEHOLDER, vision.commitment_text.strip())
    return question.text


# What the new cycle's vision and its final draft keep of the old ones.
VISION_CARRIED = ["existing_source", "responsibilities", "working_agreements", "commitment_text"]
DRAFT_CARRIED = ["statement", "author", "checklist", "approved_by", "approving_body", "approved_on"]


@transaction.atomic
def vision_carry_forward(*, source, target, links: dict) -> None:
    """Start the new cycle's vision from the old one:
    its notes, and the final vision still in force.

    The new cycle revisits the vision rather than writing a new one, so the final statement
    becomes its existing statement and stays final until the committee finalises another.
    """
    old = Vision.objects.filter(cycle=source).first()
    if old is None:
        return
    final = source.vision_draft_set.filter(is_final=True).first()
    vision = vision_setup(cycle=target)
    vision.carried_from = old
    vision.starting_point = Vision.Start.REVISIT
    vision.existing_statement = final.statement if final else old.existing_statement
    for field in VISION_CARRIED:
        setattr(vision, field, getattr(old, field))
    vision.save()
    links[(Vision._meta.label, old.pk)] = vision
    if final is not None:
        copied = {field: getattr(final, field) for field in DRAFT_CARRIED}
        copy = Draft.objects.create(cycle=target, carried_from=final, is_final=True, **copied)
        links[(Draft._meta.label, final.pk)] = copy


@transaction.atomic
def responses_save(*, cycle_id, session_id, answers, respondent: str = "", group=None) -> uuid.UUID:
    """One response per answered question of a session, all sharing one submission id."""
    submission = uuid.uuid4()
    for question, text in answers:  # one by one, so that each answer gets its history row
        Response.objects.create(
            cycle_id=cycle_id,
            session_id=session_id,
            question=question,
            text=text,
            respondent=respondent,
            group=group,
            submission=submission,
        )
    return submission


def draft_make_final(*, form, cycle) -> Draft:
    """Mark the form's draft as the cycle's vision; the previous final draft becomes a draft.

    Raises StaleEdit if the draft changed since the form was opened; nothing is changed then.
    """
    with transaction.atomic():
        # One finalisation at a time per cycle, so that two leads cannot both win.
        PlanningCycle.objects.select_for_update().filter(pk=cycle.pk).first()
        previous = (
            Draft.objects.select_for_update()
            .filter(cycle=cycle, is_final=True)
            .exclude(pk=form.instance.pk)
        )
        for old in previous:
            old.is_final = False
            old.version += 1
            old._change_reason = _("Another draft became the final vision.")
            old.save()
        form.instance.is_final = True
        return versioned_save(form=form)
