"""Demo content of the vision tool: the workbook's example, from committee to final vision."""

from datetime import date

from .models import (
    CommitteeRole,
    Draft,
    EngagementSession,
    FeedbackAnswer,
    FeedbackRound,
    Milestone,
    Question,
    Response,
    StakeholderGroup,
    Theme,
    Vision,
)
from .services import vision_setup

EXAMPLE_VISION = (
    "Our district will provide a world-class education that prepares all students academically, "
    "socially, and emotionally to be caring and contributing students, family members, friends, "
    "and civically engaged community members."
)
FIRST_DRAFT = (
    "Our district will provide an excellent education that prepares students academically and "
    "socially to be caring members of their communities."
)


def seed_vision_demo(*, cycle, lead, member) -> None:
    """Fill the cycle's vision with the workbook's example, unless the committee has started it."""
    vision = vision_setup(cycle=cycle)  # made with the cycle: the committee started if it chose
    if vision.starting_point or cycle.vision_milestone_set.exists():
        return
    vision.starting_point = Vision.Start.NEW
    vision.commitment_text = "educating the whole child, in partnership with families and community"
    vision.responsibilities = "Meet every two weeks; the writers share notes within three days."
    vision.working_agreements = (
        "Decisions by consensus; every stakeholder group is heard before drafting."
    )
    vision.finalising_timeline = "Final statement to the Board of Education in March."
    vision.show_next_version = True
    vision.save()
    roles = list(CommitteeRole.objects.filter(cycle=cycle))
    roles[0].members.add(lead)
    roles[1].members.add(member)
    roles[2].other_people = "Maya Brooks, student council president"
    roles[2].save()
    Milestone.objects.create(
        cycle=cycle,
        due_on=date(2026, 10, 15),
        description="Stakeholder sessions complete",
        done=True,
    )
    Milestone.objects.create(
        cycle=cycle, due_on=date(2027, 3, 10), description="Vision presented to the board"
    )
    groups = {g.key: g for g in StakeholderGroup.objects.filter(cycle=cycle)}
    for key in ("families", "students", "schools"):
        groups[key].status = StakeholderGroup.Status.DONE
        groups[key].formats = ["small_group", "event"]
        groups[key].save()
    questions = list(Question.objects.filter(cycle=cycle))
    night = EngagementSession.objects.create(
        cycle=cycle,
        held_on=date(2026, 9, 24),
        title="Family night at Lincoln Elementary",
        format="event",
        participants=46,
        facilitator="Luis Ortega",
    )
    night.groups.add(groups["families"])
    circle = EngagementSession.objects.create(
        cycle=cycle,
        held_on=date(2026, 10, 2),
        title="Student voice circle",
        format="small_group",
        participants=14,
        facilitator="Maya Brooks",
    )
    circle.groups.add(groups["students"])
    said = [
        (night, 0, "Be kind, work hard and believe they can do anything."),
        (night, 2, "Every child is greeted by name and feels they belong."),
        (circle, 1, "Knowing how to handle stress and disagree respectfully."),
        (circle, 5, "Students would feel safe to speak up in class."),
    ]
    responses = [
        Response.objects.create(cycle=cycle, session=session, question=questions[q], text=text)
        for session, q, text in said
    ]
    belonging = Theme.objects.create(cycle=cycle, question=1, text="Belonging and safety")
    belonging.responses.add(responses[1], responses[3])
    skills = Theme.objects.create(
        cycle=cycle, question=2, text="caring, contributing, civically engaged"
    )
    skills.responses.add(responses[0], responses[2])
    first = Draft.objects.create(
        cycle=cycle, statement=FIRST_DRAFT, author=member, checklist=[0, 2]
    )
    final = Draft.objects.create(
        cycle=cycle, statement=EXAMPLE_VISION, author=lead, checklist=[0, 1, 2, 3, 4]
    )
    feedback = FeedbackRound.objects.create(
        cycle=cycle, draft=first, opens_on=date(2026, 11, 1), closes_on=date(2026, 11, 20)
    )
    FeedbackAnswer.objects.create(
        cycle=cycle, round=feedback, question=1, agrees=True, text="Yes, but add families."
    )
    FeedbackAnswer.objects.create(
        cycle=cycle, round=feedback, question=5, text="Say 'all students' and 'emotionally'."
    )
    final.is_final = True
    final.approved_by = "Dr. Grace Kim, Superintendent"
    final.approving_body = "Board of Education"
    final.approved_on = date(2027, 3, 10)
    final.save()
