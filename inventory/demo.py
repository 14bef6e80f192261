"""Demo content of the inventory:
the workbook's three example programs, interviews that mention them, and its build-on row."""

from datetime import date, timedelta

from .models import Interview, InventoryWorkspace, Mention, Person, Program, name_key
from .services import grade_range

PROGRAMS = [
    {
        "name": "Positive School Climate",
        "organisation": "District Culture and Climate",
        "grades": "1-4 district-wide",
        "active": "Yes, districtwide",
        "active_state": "yes",
        "why_not": "N/A",
        "program_goals": "Establish schoolwide adult practices to support safe and supportive culture and climate for staff and students",
        "achieved": "At about 70% of schools",
        "evidence": "Climate survey",
        "resources": "District climate specialist supporting no more than 8 schools\nAt least 2 monthly coaching visits to each school",
        "challenges": "Lacked budget\nDistrict team capacity\nLack of opportunities for full-day PL",
        "connection": "Relates to our goal for improving school climate in all schools in 5 years.",
        "start_year": "2016",
    },
    {
        "name": "PBIS",
        "organisation": "Jefferson ES, Phillips ES, Evergreen ES, Jackson MS, Hargrove MS, probably more",
        "grades": "K-8",
        "active": "Yes, at 3 of 5 schools",
        "active_state": "partly",
        "why_not": "Phillips ES and Hargrove MS discontinued due to challenges with consistency, student buy-in, adult buy-in",
        "program_goals": "Teach, promote, and reinforce positive behavior\nReduce problem behavior and punitive discipline",
        "achieved": "Working well at 3 of 5 schools",
        "evidence": "Reductions in office referrals, improved student perceptions of school climate",
        "resources": "Parents are supporting through incentives/school store; yearly all-staff training; PBIS team meets bimonthly",
        "challenges": "Difficulty convening team regularly\nLow staff morale led to low implementation\nNeed for ongoing support for staff",
        "connection": "Yes, relates to structures and systems we put in place to support positive student behavior.",
        "start_year": "2014",
    },
    {
        "name": "Bullying Prevention",
        "organisation": "District Health and Wellness",
        "grades": "6-8",
        "active": "~30% implement-ing after 4 years",
        "active_state": "partly",
        "why_not": "Some campuses saw increases in bullying incidents, so changed course\nGrant ended; staff hired to support campuses was temporary",
        "program_goals": "Improve school climate, build classroom community, reduce incidents of bullying",
        "achieved": "No",
        "evidence": "Incidents have stayed level or increased, no significant results with school climate surveys",
        "resources": "District coaches to support schools in lesson delivery\nTraining for staff to lead community-building circles",
        "challenges": "Staff needed more training to lead lessons and circles effectively and consistently\nLoss of funding",
        "connection": "Yes, relates to building positive student to student relationships.",
        "start_year": "2018",
    },
]
BUILD_ON = {
    "decision": "expand",
    "goal_connections": "Focuses on building positive relationships (student to student, student to staff, and staff to staff)",
    "incorporate": "The SEL team can rely on this team's work to support social awareness and relationship skills. We can partner with the Climate and Culture team to support school teams via PL and coaching related to these areas.",
    "next_steps": "SEL team lead will schedule a meeting with Climate and Culture team lead to present the SEL team's idea, and to begin to develop a plan for working together.",
    "responsible_name": "Jo M.",
    "d_implemented": "Yes, districtwide.",
    "d_sel_goals": "Yes: the climate survey shows gains in relationships at most schools.",
    "d_challenges": "Budget and the district team's capacity.",
}
PHASE_OUT = {
    "decision": "phase_out",
    "d_intended_goals": "No: incidents stayed level or increased.",
    "phase_out_who": "Principals and counselors of the middle schools still implementing it, told by the SEL lead.",
    "phase_out_how": "District coaching ends at the end of the school year; the grant that paid for it has ended.",
    "phase_out_partners": "The county youth services bureau can continue to support community-building circles.",
}
PEOPLE = [
    # (category, name, role, organisation, status)
    ("department", "Marcus Bell", "Director", "District Culture and Climate", "done"),
    ("school", "Angela Ruiz", "Principal", "Jefferson Middle School", "done"),
    (
        "family_engagement",
        "Tom Okafor",
        "Family engagement coordinator",
        "Family and Community Engagement",
        "done",
    ),
    ("parent_council", "Sara Lind", "Council chair", "District parent council", "scheduled"),
    ("students", "Student council", "Representatives", "Riverbend High School", "to_contact"),
    (
        "sel_staff",
        "Helen Park",
        "Former SEL coordinator",
        "District Health and Wellness",
        "to_contact",
    ),
]
INTERVIEWS = [
    (
        "Marcus Bell",
        "district",
        "Our department coaches school teams on climate and culture, and runs the climate survey.",
        "Positive School Climate, and before that we supported Bullying Prevention with Health and Wellness.",
        [
            (
                "Positive School Climate",
                {
                    "q3_began": "2016",
                    "q4_still": "Yes, districtwide",
                    "q9_resources": "District climate specialist supporting no more than 8 schools",
                },
            ),
            (
                "Bullying Prevention",
                {
                    "q4_still": "~30% implement-ing after 4 years",
                    "q10_challenges": "Loss of funding",
                },
            ),
        ],
    ),
    (
        "Angela Ruiz",
        "school",
        "Advisory periods and PBIS in the middle school.",
        "PBIS.",
        [
            (
                "PBIS",
                {
                    "q3_began": "2014",
                    "q6_how_well": "Working well at 3 of 5 schools",
                    "q10_challenges": "Difficulty convening team regularly",
                },
            )
        ],
    ),
    (
        "Tom Okafor",
        "district",
        "Family nights on social and emotional skills.",
        "Parents support PBIS through the school store.",
        [("P.B.I.S.", {"q9_resources": "Parents are supporting through incentives/school store"})],
    ),
]


def seed_inventory_demo(*, cycle, lead, members) -> None:
    """Fill the cycle's inventory with the workbook's example, unless the committee has started."""
    if cycle.inventory_program_set.exists():
        return
    goal = cycle.goals_goal_set.order_by("created_at").first()
    programs = {}
    for row in PROGRAMS:
        low, high = grade_range(row["grades"])
        program = Program.objects.create(
            cycle=cycle, name_key=name_key(row["name"]), grade_low=low, grade_high=high, **row
        )
        if goal is not None:
            program.goals.add(goal)
        programs[name_key(row["name"])] = program
    deadline = date(cycle.end_date.year, 5, 19)
    Program.objects.filter(pk=programs["positiveschoolclimate"].pk).update(
        deadline=deadline, **BUILD_ON
    )
    Program.objects.filter(pk=programs["bullyingprevention"].pk).update(**PHASE_OUT)
    people = {}
    for category, name, role, organisation, status in PEOPLE:
        people[name] = Person.objects.create(
            cycle=cycle,
            category=category,
            name=name,
            role=role,
            organisation=organisation,
            status=status,
            interviewer=members[0] if members else lead,
            scheduled_on=cycle.start_date + timedelta(days=60) if status == "scheduled" else None,
        )
    for index, (name, kind, answer_1, answer_2, mentions) in enumerate(INTERVIEWS):
        person = people[name]
        interview = Interview.objects.create(
            cycle=cycle,
            person=person,
            respondent_name=name,
            category=person.category,
            respondent_type=kind,
            interviewer=person.interviewer,
            interviewer_role="SEL team member",
            held_on=cycle.start_date + timedelta(days=20 + 7 * index),
            answer_1=answer_1,
            answer_2=answer_2,
        )
        for mentioned, answers in mentions:
            Mention.objects.create(
                cycle=cycle,
                interview=interview,
                name=mentioned,
                program=programs[name_key(mentioned)],
                **answers,
            )
    # The workspace is made with the cycle (inventory_cycle_setup).
    InventoryWorkspace.objects.filter(cycle=cycle, selection_note="").update(
        selection_note="A small district: we speak with someone in each department that overlaps with SEL and in each school level."
    )
