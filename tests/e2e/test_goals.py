"""Tool 2, long-term SMARTIE goals: from the reflection to a goal the lead approves."""

import re

import pytest
from playwright.sync_api import expect

from goals.models import Cluster, Goal, Note, Priority, Reflection

from .support import axe_check, log_in, url_path

pytestmark = pytest.mark.e2e

CYCLE = "/d/riverbend/2026-27/"
GOALS = f"{CYCLE}goals/"
PRIORITY = "Prepare all students to be civically engaged community members."
IDEAS = [
    "Students take part in the life of their community.",
    "Every student learns to voice opinions and listen to others.",
]
ANSWER_A = "Measurable targets seem hardest; the change itself seems easiest."
ANSWER_B = "Students, families and community partners, not only staff."
GOAL_ANSWERS = {
    "what change is going to occur": (
        "Students practise civic skills through service learning in every school."
    ),
    "Who are the stakeholders": "Students, teachers, families and community partners.",
    "How will this change be measured": "The student civic engagement survey, each spring.",
    "address inclusion": (
        "Student councils include multilingual learners and students with disabilities."
    ),
    "address equity": "Survey results are disaggregated by race, income and disability.",
    "By how much will this change occur": "From 50% to 90% of students within five years.",
}
STATEMENT = (
    "By 2030-31, 90% of students, including 90% within each racial and income subgroup, will "
    "report taking part in civic life, up from 50%, as measured by the spring survey."
)
TARGET_ERROR = "The baseline is a number, so give the target as a number too, e.g. 90%."
SMARTIE = [
    "Specific",
    "Measurable",
    "Attainable",
    "Relevant",
    "Time-bound",
    "Inclusive",
    "Equitable",
]


def _status(page):
    """The flash messages (the priorities board has a second status: its notice)."""
    return page.locator(".messages")


def _smartie_states(page):
    check = page.get_by_role("region", name="SMARTIE check")
    return {
        name: check.get_by_role("listitem").filter(has=page.get_by_text(name, exact=True))
        for name in SMARTIE
    }


def test_member_goes_from_reflection_to_a_goal_the_lead_approves(new_page, e2e_cast, live_server):
    page = new_page()
    log_in(page, "member@a.example")
    expect(page).to_have_url(url_path(live_server, "/d/riverbend/"))
    axe_check(page)
    page.get_by_role("link", name="2026-27").click()
    expect(page).to_have_url(url_path(live_server, CYCLE))
    axe_check(page)

    # 1. The reflection and check-in.
    page.get_by_role("navigation", name="Workbook tools").get_by_role(
        "link", name="2. Long-term SMARTIE goals"
    ).click()
    expect(page).to_have_url(url_path(live_server, GOALS))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tool 2: Develop Long-Term Goals for Districtwide SEL"
    )
    expect(page.get_by_text("No key SEL priorities yet.")).to_be_visible()
    axe_check(page)

    sections = page.get_by_role("navigation", name="Goal-setting sections")
    sections.get_by_role("link", name="Reflection and check-in").click()
    expect(page).to_have_url(url_path(live_server, f"{GOALS}reflection/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "SEL Planning Committee Reflection and Check-In:"
    )
    committee = page.get_by_role("region", name="The committee's answers")
    expect(committee).to_contain_text("No answers yet.")
    axe_check(page)
    page.get_by_label("A. What aspect of the SMARTIE goal-setting process").fill(ANSWER_A)
    page.get_by_label("B. Who else needs to be included").fill(ANSWER_B)
    page.get_by_role(
        "group", name="How comfortable are you individually with creating long-term SMARTIE goals?"
    ).get_by_label("3. Moderately comfortable").check()
    page.get_by_role(
        "group", name="How comfortable is this committee with developing long-term SMARTIE goals?"
    ).get_by_label("2. Slightly comfortable").check()
    page.get_by_role("button", name="Save my reflection").click()
    expect(page).to_have_url(url_path(live_server, f"{GOALS}reflection/"))
    expect(_status(page)).to_contain_text("Your reflection is saved.")
    # The committee sees both answers, without names, and the chart's table counts the ratings.
    expect(committee.get_by_role("listitem")).to_have_text([ANSWER_A, ANSWER_B])
    expect(committee).not_to_contain_text("No answers yet.")
    expect(committee).not_to_contain_text(e2e_cast.member.display_name)
    chart = committee.get_by_role("table").filter(
        has=page.get_by_role("rowheader", name="3. Moderately comfortable")
    )
    counts = {
        "1. Not at all comfortable": ["0", "0"],
        "2. Slightly comfortable": ["0", "1"],
        "3. Moderately comfortable": ["1", "0"],
        "4. Very comfortable": ["0", "0"],
    }
    for level, cells in counts.items():
        expect(chart.get_by_role("row", name=level).get_by_role("cell")).to_have_text(cells)
    # The form shows the saved reflection.
    expect(page.get_by_label("A. What aspect of the SMARTIE goal-setting process")).to_have_value(
        ANSWER_A
    )
    expect(
        page.get_by_role(
            "group",
            name="How comfortable are you individually with creating long-term SMARTIE goals?",
        ).get_by_label("3. Moderately comfortable")
    ).to_be_checked()
    axe_check(page)
    reflection = Reflection.objects.get()
    assert (reflection.cycle, reflection.author) == (e2e_cast.cycle, e2e_cast.member)
    assert (reflection.answer_a, reflection.answer_b) == (ANSWER_A, ANSWER_B)
    assert (reflection.own_comfort, reflection.committee_comfort) == (3, 2)

    # 2. The priorities board: big ideas, a cluster, its priority.
    sections.get_by_role("link", name="Key SEL priorities").click()
    board_url = url_path(live_server, f"{GOALS}priorities/")
    expect(page).to_have_url(board_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Key SEL priorities")
    expect(page.get_by_text("There is no shared vision to work from yet.")).to_be_visible()
    expect(page.get_by_text("No big ideas yet.")).to_be_visible()
    axe_check(page)
    for idea in IDEAS:
        page.get_by_role("textbox", name="Big idea").fill(idea)
        page.get_by_role("button", name="Add the big idea").click()
        expect(_status(page)).to_have_text("Big idea added.")
        expect(page.get_by_role("list", name="Not yet in a cluster")).to_contain_text(idea)
        axe_check(page)
    expect(page.get_by_text("2 big ideas of at most 500.")).to_be_visible()
    assert list(Note.objects.values_list("text", "author", "cluster")) == [
        (idea, e2e_cast.member.pk, None) for idea in IDEAS
    ]

    page.get_by_role("button", name="New cluster").click()
    expect(_status(page)).to_have_text("Cluster 1 started: move big ideas into it.")
    cluster_card = page.get_by_role("article", name="Cluster 1")
    expect(cluster_card).to_contain_text("No big ideas in this cluster yet.")
    axe_check(page)
    cluster = Cluster.objects.get()
    assert (cluster.cycle, cluster.label, cluster.position) == (e2e_cast.cycle, "", 0)

    for idea in IDEAS:
        page.get_by_label(f"“{idea}”: Move to").select_option(label="Cluster 1")
        page.get_by_role("button", name=f"Move “{idea}”", exact=True).click()
        expect(_status(page)).to_have_text("Big idea moved to Cluster 1.")
        expect(cluster_card).to_contain_text(idea)
        axe_check(page)
    expect(page.get_by_text("Every big idea is in a cluster.")).to_be_visible()
    assert set(Note.objects.values_list("cluster", flat=True)) == {cluster.pk}

    cluster_card.get_by_role("link", name="Summarise as a priority").click()
    expect(page).to_have_url(
        url_path(live_server, f"{GOALS}priorities/clusters/{cluster.code}/summary/")
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Summarise Cluster 1 as a priority")
    expect(page.get_by_role("listitem").filter(has_text=IDEAS[0])).to_be_visible()
    axe_check(page)
    page.get_by_label("Key SEL priority").fill(PRIORITY)
    page.get_by_role("button", name="Save the priority").click()
    expect(page).to_have_url(board_url)
    expect(_status(page)).to_have_text("Priority saved.")
    priorities = page.get_by_role("region", name="Key SEL priorities")
    expect(priorities.get_by_role("status")).to_contain_text(
        "Three to five priorities are recommended. The board has 1 priority."
    )
    expect(priorities).to_contain_text(PRIORITY)
    expect(priorities).to_contain_text("Summarises Cluster 1")
    axe_check(page)
    priority = Priority.objects.get()
    assert (priority.cycle, priority.cluster, priority.phrase) == (
        e2e_cast.cycle,
        cluster,
        PRIORITY,
    )

    # 3. The SMARTIE goal: a target in words beside a numeric baseline is refused, then saved.
    priorities.get_by_role("link", name=f"Write the SMARTIE goal for {PRIORITY}").click()
    goal_form_url = url_path(live_server, f"{GOALS}priorities/{priority.code}/goal/")
    expect(page).to_have_url(goal_form_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("SEL SMARTIE Goal Template")
    letters = _smartie_states(page)
    for name in SMARTIE:
        expect(letters[name]).to_contain_text(f"{name}: Not answered yet")
    axe_check(page)

    for question, answer in GOAL_ANSWERS.items():
        page.get_by_label(question).fill(answer)
    page.get_by_role("group", name="Type of goal").get_by_label("Outcome goal").check()
    page.get_by_label("Target school year").select_option(label="2030-31")
    page.get_by_label("Baseline", exact=True).fill("50%")
    page.get_by_label("Target", exact=True).fill("most")
    page.get_by_label("Goal statement that incorporates all SMARTIE criteria").fill(STATEMENT)
    # The check follows the typing, before anything is saved.
    for name in ["Specific", "Inclusive", "Equitable"]:
        expect(letters[name]).to_contain_text(f"{name}: Answered")
    assert not Goal.objects.exists()
    page.get_by_role("button", name="Save the goal").click()

    expect(page).to_have_url(goal_form_url)
    expect(page.get_by_role("alert")).to_have_text("Please correct the fields marked below.")
    target = page.get_by_label("Target", exact=True)
    expect(target).to_have_value("most")
    expect(target).to_have_attribute("aria-invalid", "true")
    expect(target).to_have_accessible_description(re.compile(re.escape(TARGET_ERROR)))
    expect(page.get_by_text(TARGET_ERROR)).to_be_visible()
    expect(page.get_by_label("Baseline", exact=True)).to_have_value("50%")
    expect(page.get_by_label("what change is going to occur")).to_have_value(
        GOAL_ANSWERS["what change is going to occur"]
    )
    expect(page.get_by_label("Target school year")).to_have_value("2031")
    expect(
        page.get_by_label("Goal statement that incorporates all SMARTIE criteria")
    ).to_have_value(STATEMENT)
    assert not Goal.objects.exists()
    axe_check(page)

    target.fill("90%")
    page.get_by_role("button", name="Save the goal").click()
    expect(_status(page)).to_have_text("SMARTIE goal saved.")
    goal = Goal.objects.get()
    goal_url = url_path(live_server, f"{GOALS}goal/{goal.code}/")
    expect(page).to_have_url(goal_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(PRIORITY)
    expect(page.get_by_text("Draft", exact=True)).to_be_visible()
    expect(page.get_by_text(STATEMENT)).to_be_visible()
    letters = _smartie_states(page)
    for name in ["Specific", "Measurable", "Attainable", "Relevant", "Inclusive", "Equitable"]:
        expect(letters[name]).to_contain_text(f"{name}: Answered")
    # No measurement schedule yet, so the time frame could be stronger;
    # it no longer lacks an answer.
    expect(letters["Time-bound"]).to_contain_text("Time-bound: Could be stronger")
    expect(page.get_by_role("region", name="SMARTIE check")).not_to_contain_text("Not answered yet")
    axe_check(page)
    goal.refresh_from_db()
    assert (goal.cycle, goal.priority, goal.status) == (e2e_cast.cycle, priority, Goal.Status.DRAFT)
    assert (goal.goal_type, goal.target_year) == (Goal.Type.OUTCOME, 2031)
    assert (str(goal.baseline_value), goal.baseline_unit) == ("50.00", "%")
    assert (str(goal.target_value), goal.target_unit, goal.target_text) == ("90.00", "%", "")
    assert goal.statement == STATEMENT
    assert goal.change == GOAL_ANSWERS["what change is going to occur"]

    page.get_by_role("button", name="Send for review").click()
    expect(page).to_have_url(goal_url)
    expect(_status(page)).to_have_text("The goal is in review.")
    expect(page.get_by_text("In review", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Send for review")).to_have_count(0)
    expect(page.get_by_role("button", name="Approve the goal")).to_have_count(0)  # lead only
    axe_check(page)
    goal.refresh_from_db()
    assert (goal.status, goal.approved_by) == (Goal.Status.REVIEW, None)

    # 4. The lead, in a browser of their own, approves it.
    lead = new_page()
    log_in(lead, "lead@a.example")
    expect(lead).to_have_url(url_path(live_server, "/d/riverbend/"))
    axe_check(lead)
    lead.goto(f"{GOALS}goal/{goal.code}/")
    expect(lead.get_by_role("heading", level=1)).to_have_text(PRIORITY)
    expect(lead.get_by_text("In review", exact=True)).to_be_visible()
    axe_check(lead)
    lead.get_by_role("button", name="Approve the goal").click()
    expect(lead).to_have_url(goal_url)
    expect(_status(lead)).to_have_text("The goal is approved.")
    expect(lead.get_by_text("Approved", exact=True)).to_be_visible()
    expect(lead.get_by_text(re.compile(r"approved by .+ on "))).to_be_visible()
    axe_check(lead)
    goal.refresh_from_db()
    assert (goal.status, goal.approved_by) == (Goal.Status.APPROVED, e2e_cast.lead)
    assert goal.approved_at is not None

    lead.get_by_role("navigation", name="Breadcrumb").get_by_role(
        "link", name="Long-term SMARTIE goals"
    ).click()
    expect(lead).to_have_url(url_path(live_server, GOALS))
    goals_table = lead.get_by_role("table", name="Each priority with its goal and approval status")
    row = goals_table.get_by_role("row", name=PRIORITY)
    expect(row.get_by_role("cell").last).to_have_text("Approved")
    expect(row.get_by_role("link", name=STATEMENT[:20])).to_be_visible()
    axe_check(lead)

    lead.get_by_role("navigation", name="Workbook tools").get_by_role(
        "link", name="Dashboard"
    ).click()
    expect(lead).to_have_url(url_path(live_server, CYCLE))
    card = lead.locator(".tool-card").filter(
        has=lead.get_by_role("heading", name="2. Long-term SMARTIE goals")
    )
    expect(card.get_by_role("listitem")).to_have_text([f"{PRIORITY}: Approved"])
    expect(card).to_contain_text("1 of 3")
    axe_check(lead)
