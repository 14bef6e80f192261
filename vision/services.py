from django.db import transaction

from sel_planner.districts import freshness

from .models import (
    COMMITMENT_PLACEHOLDER,
    ROLE_TEMPLATES,
    SAMPLE_QUESTIONS,
    STAKEHOLDER_GROUPS,
    CommitteeRole,
    Draft,
    Question,
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


@transaction.atomic
def vision_carry_forward(*, source, target, links: dict) -> None:
    """Start the new cycle's vision from the old one: its notes, and the final vision still in force.

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
    vision.existing_source = old.existing_source
    vision.responsibilities = old.responsibilities
    vision.working_agreements = old.working_agreements
    vision.commitment_text = old.commitment_text
    vision.save()
    links[(Vision._meta.label, old.pk)] = vision
    if final is not None:
        copy = Draft.objects.create(
            cycle=target,
            carried_from=final,
            statement=final.statement,
            author=final.author,
            checklist=final.checklist,
            is_final=True,
            approved_by=final.approved_by,
            approving_body=final.approving_body,
            approved_on=final.approved_on,
        )
        links[(Draft._meta.label, final.pk)] = copy
