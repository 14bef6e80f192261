"""Demo content of the action plan:
the workbook's Year 1 goals and its middle school action plan."""

from datetime import timedelta

from .models import Activity, AnnualGoal, Milestone, ProgressNote, Reflection, Status
from .quarters import cycle_quarters

ELEMENTARY = {
    "year_target": "All 5 elementary schools are implementing an SEL program with fidelity.",
    "outcomes": (
        "60% of all students participating in SEL program are meeting growth targets on social and "
        "emotional competence assessment (year 1 target identified on the Long-term Implementation "
        "Roadmap)\nTeachers in all 5 elementary schools implementing an evidence-based SEL "
        "curriculum with fidelity"
    ),
    "implementation_changes": (
        "Elementary teachers attend professional learning and coaching for SEL program "
        "implementation\nAll elementary schools implement SEL competence assessment and program "
        "fidelity assessments"
    ),
    "change": (
        "Elementary teachers will build a strong classroom community, model warm and respectful "
        "classroom interactions, develop shared agreements with students, and use SEL-infused "
        "routines for collaboration and reflection."
    ),
    "stakeholders": "Elementary teachers, elementary students",
    "measurement": (
        "We will use the program’s built-in fidelity assessment in combination with the "
        "Walkthrough Protocol (bit.ly/SELWalkthrough)"
    ),
    "inclusion": (
        "The team that conducts the walkthrough will include family members from the school "
        "community and at least two middle/high school students, as well as school and district "
        "SEL team leaders."
    ),
    "equity": (
        "The walkthrough team will receive training from the equity department before conducting "
        "walkthroughs so that they are primed to look with this lens during the walkthrough."
    ),
    "how_much": (
        "Built-in program fidelity assessment will show that 100% of teachers are using all "
        "components of the program most weeks or every week, walkthrough data will reflect an "
        "average rating of 3 or better in community-building."
    ),
    "statement": (
        "By the time of our final SEL walkthrough in May of next year, aggregated data collected "
        "by teams that include students and family members as well as school and district SEL "
        "leaders will show an average rating of 3 or better in community-building at each of our "
        "five elementary schools."
    ),
    "goal_type": AnnualGoal.Type.IMPLEMENTATION,
    "target_text": "an average rating of 3 or better in community-building",
}
MIDDLE = {
    "statement": (
        "Aggregate middle school school walkthrough data (bit.ly/SELWalkthrough) will have an "
        "average rating of 3 or better in community-building."
    ),
    "rationale": (
        "Because annual school climate survey results in our middle schools show students don't "
        "feel a sense of community with their peers and walkthrough observations have reflected "
        "this with lower ratings in community-building, we've identified a list of evidence-based "
        "programs (EBPs) that focus on peer to peer interaction, collaboration, and "
        "community-building. Our milestones are aligned to this approach."
    ),
    "stakeholders": "Middle school SEL teams, classroom teachers and students",
    "measurement": "Aggregate walkthrough tool data, at baseline in quarter 1 and in May.",
    "goal_type": AnnualGoal.Type.OUTCOME,
}
# Quarter: milestone, (responsible members, named people without an account), data, activities.
# The workbook names the SEL Coordinator and SEL Coach for quarter 1
# and the District SEL coach after.
QUARTERS = [
    (
        "Provide district-selected short-list of 5 EBPs that middle schools can select from.",
        (("lead", "member"), ""),
        ["walkthroughs"],
        "Aggregate walkthrough tool data (for baseline)",
        [
            (
                "aligned-resources",
                "Designate/identify district coach to support EBP pilot and PL development for "
                "middle schools.",
                Status.DONE,
            ),
            (
                "evidence-based-programs-and-practices",
                "Use the CASEL Program Guides to identify a list of 5 programs "
                "that middle schools can select from.",
                Status.DONE,
            ),
        ],
    ),
    (
        "Middle schools select an EBP using a collaborative and inclusive process. Begin offering "
        "PL for middle school SEL teams.",
        (("member",), ""),
        ["professional_learning"],
        "PL session and PLC attendance",
        [
            (
                "professional-learning",
                "Conduct one monthly PL session for middle school SEL teams.",
                Status.IN_PROGRESS,
            ),
            (
                "evidence-based-programs-and-practices",
                "Introduce district short-list of EBPs to middle schools. "
                "Provide schools with resources to facilitate their selection process.",
                Status.AT_RISK,
            ),
        ],
    ),
    (
        "Conduct monthly PL sessions for middle school SEL teams. At each middle school, the SEL "
        "team will convene small group PLCs monthly.",
        (("member",), ""),
        ["professional_learning"],
        "PL session and PLC attendance",
        [
            (
                "adult-sel-and-cultural-competence",
                "Provide resources for cohort schools to plan for and begin to "
                "implement small group PLCs for classroom teachers.",
                Status.NOT_STARTED,
            ),
            (
                "evidence-based-programs-and-practices",
                "All classroom teachers receive EBP curriculum.",
                Status.NOT_STARTED,
            ),
        ],
    ),
    (
        "All middle schools will begin implementing their selected EBP.",
        (("member",), ""),
        ["walkthroughs"],
        "Aggregate walkthrough tool data (May)",
        [
            (
                "evidence-based-programs-and-practices",
                "Classroom teachers begin to implement EBP and document practice.",
                Status.NOT_STARTED,
            ),
            (
                "adult-sel-and-cultural-competence",
                "SEL team continues to convene PLCs monthly.",
                Status.NOT_STARTED,
            ),
        ],
    ),
]


def seed_actionplan_demo(*, cycle, lead, members) -> None:
    """Fill the cycle's action plan with the workbook's example,
    unless the committee has started."""
    goal = cycle.goals_goal_set.order_by("created_at").first()
    if goal is None or AnnualGoal.objects.filter(cycle=cycle).exists():
        return
    AnnualGoal.objects.create(cycle=cycle, goal=goal, position=0, **ELEMENTARY)
    middle = AnnualGoal.objects.create(cycle=cycle, goal=goal, position=1, **MIDDLE)
    people = {"lead": lead, "member": members[0]}
    for quarter, (text, (who, name), data, other, steps) in zip(
        cycle_quarters(cycle), QUARTERS, strict=True
    ):
        done = all(status == Status.DONE for _key, _action, status in steps)
        milestone = Milestone.objects.create(
            cycle=cycle,
            annual_goal=middle,
            quarter=quarter.number,
            text=text,
            status=Status.DONE if done else Status.NOT_STARTED,
            owner_name=name,
            data_sources=data,
            data_other=other,
        )
        milestone.members.set([people[person] for person in who])
        for position, (key, action, status) in enumerate(steps):
            activity = Activity.objects.create(
                cycle=cycle,
                milestone=milestone,
                key_activity=key,
                action=action,
                status=status,
                due_date=quarter.end - timedelta(days=14 * (1 - position)),
                owner=people[who[position % len(who)]],
                position=position,
            )
            if status == Status.AT_RISK:
                ProgressNote.objects.create(
                    cycle=cycle,
                    activity=activity,
                    author=people[who[0]],
                    noted_on=quarter.start,
                    text=(
                        "Two of the three middle schools have not yet scheduled their selection "
                        "meeting."
                    ),
                )
    Reflection.objects.create(
        cycle=cycle,
        annual_goal=middle,
        point=Reflection.Point.MIDYEAR,
        progress=Reflection.Progress.PARTLY,
        evidence=(
            "Baseline walkthrough data: average community-building rating 2.1 across the three "
            "middle schools. PL session attendance: 85% of middle school SEL team members."
        ),
        disaggregated=(
            "Ratings were lowest in classrooms with the most multilingual learners (1.8)."
        ),
        successes=(
            "The district coach was in place from the start, and the short-list of EBPs was ready "
            "on time."
        ),
        challenges=(
            "Selecting an EBP took longer than planned: school teams could not meet during the "
            "school day."
        ),
        with_staff=True,
        with_students=True,
    )
