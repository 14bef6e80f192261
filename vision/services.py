from django.db import transaction

from .models import (
    COMMITMENT_PLACEHOLDER,
    ROLE_TEMPLATES,
    SAMPLE_QUESTIONS,
    STAKEHOLDER_GROUPS,
    CommitteeRole,
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
    return vision


def question_display(*, question: Question, vision: Vision | None) -> str:
    """The question as asked: the workbook's placeholder replaced by the district's commitment."""
    if vision is not None and vision.commitment_text.strip():
        return question.text.replace(COMMITMENT_PLACEHOLDER, vision.commitment_text.strip())
    return question.text
