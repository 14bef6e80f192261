"""Demo content of the roadmap: the workbook's data reflection and roadmap for its example goal."""

from decimal import Decimal

from rubric.models import Item
from sel_planner.districts.models import School

from .data_sources import DataSource, Timing
from .models import ReflectionRow, Roadmap, RoadmapRow, SchoolRollout, Target
from .services import roadmap_cycle_setup

REFLECTION = [
    {
        "outcome": "In all 10 district schools, staff will implement evidence-based SEL programs and practices.",
        "data_sources": [DataSource.RUBRIC.value, DataSource.INVENTORY.value],
        "timing": Timing.SUMMATIVE,
        "current_status": "4 (out of 5) elementary schools implementing evidence-based SEL program; 0 (out of 3) middle and 0 (out of 2) high schools implementing",
        "gap_analysis": "Middle and high schools are not implementing an evidence-based SEL program because they did not believe SEL programs to be relevant to their students and did not know any middle/high school programs that have an evidence-base. Interviewees also said they were concerned how to create time in the schedule for the program.",
        "priorities": "If middle and high school staff are not implementing due to a poor fit/lack of evidence base, we could prioritize researching and identifying evidence-based approaches for that age group and include teachers and other school-based stakeholders in the vetting and selection process. For middle and high schools, maybe we should consider more integrated SEL approaches instead of the structured lessons we are using at the elementary level, such as project-based learning with a strong SEL component. This may be a better fit logistically for settings where class periods are short.",
        "items": ["3-B", "3-C"],
        # The row's data source is the inventory: PBIS is what middle schools tried, and dropped.
        "programs": ["PBIS"],
    },
    {
        "outcome": "At least 90% of all students will achieve their growth goals on an assessment of social and emotional competence.",
        "data_sources": [DataSource.SEL_ASSESSMENT.value],
        "timing": Timing.BOTH,
        "disaggregated": True,
        "current_status": "Currently, 50% of students participating in the assessment of social and emotional competence are achieving their growth goal. Students are currently taking the assessment only in schools implementing the SEL program.",
        "gap_analysis": "SEL assessments were administered in schools that are implementing SEL programs. Students tended to report lower growth in relationship skills and social awareness than self-awareness and self-management. Observations reveal students often have few opportunities for collaboration and relationship building during class time.",
        "priorities": "In schools that are implementing, students are getting better at identifying and managing feelings but growth in interpersonal domains is lower—maybe a stronger emphasis on SEL and academic integration would benefit schools at all levels. It could introduce teachers to strategies for building community, a collaborative culture, SEL-infused group work and projects, etc. that could address some of the gaps in competency development.",
        "items": ["3-H"],
        # The build-on row: this team's work supports social awareness and relationship skills.
        "programs": ["Positive School Climate"],
    },
]

OUT, D, F, R = Target.Kind.OUTCOME, Target.Kind.DELIVERABLE, Target.Kind.FOCUS, Target.Kind.ROLLOUT
# (column, kind, text, number, unit), the columns named as the grid names them.
ROADMAP = [
    (
        "current",
        OUT,
        "50% of students participating in the assessment of social and emotional competence achieve their growth goals.",
        50,
        "%",
    ),
    (
        "current",
        R,
        "4 elementary schools are implementing evidence-based SEL programs and assessments.",
        4,
        "schools",
    ),
    ("year-1", OUT, "60% of participating students achieve their growth goals.", 60, "%"),
    (
        "year-1",
        R,
        "Expand evidence-based SEL program and assessment to all 5 elementary schools",
        5,
        "schools",
    ),
    (
        "year-1",
        D,
        "Establish committee inclusive of middle grades and high school teachers and students to review and adopt SEL program, academic/SEL integration practices, and assessment for middle and high school by end of year.",
        None,
        "",
    ),
    ("year-2", OUT, "70% of participating students achieve their growth goals.", 70, "%"),
    (
        "year-2",
        R,
        "Roll out evidence-based SEL program and assessment in 3 middle schools (8 schools total).",
        8,
        "schools",
    ),
    (
        "year-2",
        D,
        "Coordinate with teacher/student teams to design program monitoring and evaluation practices and adjust districtwide implementation support strategies as needed.",
        None,
        "",
    ),
    (
        "year-2",
        F,
        "Partner with district’s Teaching & Learning and Professional Development teams to integrate SEL practices into content area professional learning for all staff.",
        None,
        "",
    ),
    ("year-3", OUT, "80% of students achieve their growth goals.", 80, "%"),
    (
        "year-3",
        R,
        "Roll out evidence-based SEL program and assessment in 2 high schools (10 schools total).",
        10,
        "schools",
    ),
    (
        "year-3",
        D,
        "Establish student-led data review/program evaluation practices/continuous improvement processes at all schools implementing an SEL program.",
        None,
        "",
    ),
    (
        "year-3",
        F,
        "Partner with district’s Talent department to integrate SEL into hiring practices, new staff onboarding, and substitute training.",
        None,
        "",
    ),
    (
        "long_term",
        OUT,
        "At least 90% of all students will achieve their growth goals on an assessment of social and emotional competence.",
        90,
        "%",
    ),
    (
        "long_term",
        R,
        "In all 10 district schools, staff will implement evidence-based SEL programs and SEL competence assessment",
        10,
        "schools",
    ),
]

PRIORITIES = (
    "The district strategic plan's commitment to college and career readiness: SEL and academic "
    "integration should strengthen it. The plan's attendance goal should be reflected too."
)
ROLLOUT_NOTE = (
    "Start with the elementary schools already implementing, add the fifth elementary school, then "
    "the three middle schools and finally the two high schools, once a committee of middle and "
    "high school teachers and students has chosen a program that fits them."
)


def _rollout_year(school, elementary_index: int) -> int:
    if school.level == School.Level.ELEMENTARY:
        return 0 if elementary_index < 4 else 1
    return {School.Level.MIDDLE: 2, School.Level.HIGH: 3}.get(school.level, 3)


def seed_roadmap_demo(*, cycle, lead) -> None:
    """Fill the cycle's roadmap with the workbook's example, unless the committee has started."""
    goal = cycle.goals_goal_set.order_by("priority__position").first()
    roadmap_cycle_setup(cycle=cycle)
    roadmap = cycle.roadmap_roadmap_set.get()
    if goal is None or roadmap.version > 1 or cycle.roadmap_reflectionrow_set.exists():
        return
    roadmap.district_priorities = PRIORITIES
    roadmap.rollout_approach = Roadmap.Approach.ALREADY
    roadmap.rollout_note = ROLLOUT_NOTE
    roadmap.save(
        update_fields=["district_priorities", "rollout_approach", "rollout_note", "updated_at"]
    )
    codes = set(
        Item.objects.filter(focus_area__framework__is_current=True).values_list("code", flat=True)
    )
    programs = dict(cycle.inventory_program_set.values_list("name", "code"))
    for position, spec in enumerate(REFLECTION):
        fields = {k: v for k, v in spec.items() if k not in ("items", "programs")}
        cited = [code for code in spec["items"] if code in codes]
        ReflectionRow.objects.create(
            cycle=cycle,
            goal=goal,
            position=position,
            rubric_items=cited,
            **fields,
            programs=[str(programs[name]) for name in spec["programs"] if name in programs],
        )
    row = RoadmapRow.objects.create(cycle=cycle, goal=goal, years=3)
    for position, (column, kind, text, number, unit) in enumerate(ROADMAP):
        Target.objects.create(
            cycle=cycle,
            row=row,
            column=column,
            kind=kind,
            text=text,
            position=position,
            value=Decimal(number) if number is not None else None,
            unit=unit,
        )
    elementary = 0
    for school in cycle.district.schools.order_by("level", "name"):
        SchoolRollout.objects.create(
            cycle=cycle, school=school, year=_rollout_year(school, elementary)
        )
        elementary += school.level == School.Level.ELEMENTARY
