"""Demo content of the goals tool:
the workbook's three example priorities and its completed goal."""

from decimal import Decimal

from django.utils import timezone

from .models import Cluster, Goal, Note, Priority, Reflection

PRIORITIES = [
    (
        "Provide a world-class education that prepares all students academically, socially, and "
        "emotionally."
    ),
    "Prepare all students to be caring and contributing students, family members, and friends.",
    "Prepare all students to be civically engaged community members.",
]
DESCRIPTION = (
    "In our district, “provide a world-class education that prepares all students academically, "
    "socially, and emotionally” means that all students, across grade levels, genders, racial and "
    "ethnic groups, abilities, and other demographic categories, are supported in their academic, "
    "social, and emotional development."
)
EXAMPLE_GOAL = {
    "change": (
        "Students will experience social and emotional growth. We will implement an evidence-based "
        "SEL program, as well as instructional practices that will integrate SEL with academics "
        "throughout the day to promote student social and emotional knowledge and skills "
        "development."
    ),
    "stakeholders": "Students in all schools, at all grade levels.",
    "measurement": (
        "Our district research and evaluation committee has selected a measure that assesses "
        "student social and emotional competence. This measure will be administered at the "
        "beginning and end of each school year. Interviews with students and staff (end of year)."
    ),
    "inclusion": "SEL will be implemented as a Tier I support at all grade levels.",
    "equity": (
        "All students will get the support they need to grow in their SEL competence. "
        "Disaggregated student data will be reviewed quarterly to ensure that all students are "
        "getting the type and level of support required to meet their needs for growth."
    ),
    "how_much": (
        "90% of students will meet growth goals on a measure of student SEL competence (at the end "
        "of five years). To start, each year we will see some growth for all students, but the "
        "magnitude of the growth is expected to vary."
    ),
    "statement": (
        "In schools across the district, classroom teachers and other staff will implement "
        "evidence-based SEL programs and practices that will support all students’ capacity to "
        "acknowledge and respond to their emotions and build positive social relationships in and "
        "out of school. We’ll measure progress toward this goal each year by using an assessment "
        "that measures students’ social and emotional competencies, as well as interviews with "
        "students and staff. Five years from now, 90% of students will achieve the growth goals on "
        "the assessment that measures competencies such as self-awareness, social awareness, and "
        "relationship skills."
    ),
}
IDEAS = [
    ("world-class education", 0),
    ("academic, social and emotional preparation", 0),
    ("caring students and friends", 1),
    ("contributing family members", 1),
    ("civic engagement", 2),
]


def seed_goals_demo(*, cycle, lead, members) -> None:
    """Fill the cycle's goals with the workbook's example, unless the committee has started."""
    if cycle.goals_priority_set.exists():
        return
    clusters = [
        Cluster.objects.create(cycle=cycle, position=i, label=f"Idea {i + 1}") for i in range(3)
    ]
    for text, index in IDEAS:
        Note.objects.create(cycle=cycle, text=text, author=members[0], cluster=clusters[index])
    priorities = [
        Priority.objects.create(cycle=cycle, phrase=phrase, cluster=clusters[i], position=i)
        for i, phrase in enumerate(PRIORITIES)
    ]
    priorities[0].description = DESCRIPTION
    priorities[0].save()
    Goal.objects.create(
        cycle=cycle,
        priority=priorities[0],
        goal_type=Goal.Type.OUTCOME,
        target_year=cycle.end_date.year + 5,
        baseline_value=Decimal(50),
        baseline_unit="%",
        target_value=Decimal(90),
        target_unit="%",
        schedule="Beginning and end of each school year",
        status=Goal.Status.APPROVED,
        approved_by=lead,
        approved_at=timezone.now(),
        **EXAMPLE_GOAL,
    )
    answers = [
        (
            "Making the equity part concrete is hardest; naming the change is easiest.",
            "Students and families.",
            2,
            2,
        ),
        ("Choosing a measure is hardest for me.", "Union representatives and counselors.", 3, 2),
    ]
    for person, (a, b, own, committee) in zip([lead, *members], answers, strict=False):
        Reflection.objects.create(
            cycle=cycle,
            author=person,
            answer_a=a,
            answer_b=b,
            own_comfort=own,
            committee_comfort=committee,
        )
