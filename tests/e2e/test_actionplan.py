"""Tool 6: from an annual goal to a reflected plan that the lead carries into the next cycle."""

import pytest
from playwright.sync_api import expect

from actionplan.models import Activity, AnnualGoal, Improvement, Milestone, Reflection
from sel_planner.districts.models import PlanningCycle

from .support import axe_check, log_in, url_path

pytestmark = pytest.mark.e2e

CYCLE = "/d/riverbend/2026-27/"
PLAN = f"{CYCLE}actionplan/"
STATEMENT = (
    "By May, aggregate middle school walkthrough data will show an average rating of 3 or better "
    "in community-building."
)
MILESTONES = [
    "Provide district-selected short-list of 5 EBPs that middle schools can select from.",
    "Middle schools select an EBP using a collaborative and inclusive process.",
    "Conduct monthly PL sessions for middle school SEL teams.",
    "All middle schools will begin implementing their selected EBP.",
]


@pytest.fixture
def long_term_goal(e2e_cast):
    from tests.actionplan.helpers import long_term_goal

    return long_term_goal(
        e2e_cast.cycle,
        phrase="Provide a world-class education that prepares all students.",
        statement="Five years from now, 90% of students will achieve their SEL growth goals.",
    )


def _messages(page):
    return page.locator(".messages")


def test_from_an_annual_goal_to_a_reflected_carried_forward_plan(
    new_page, e2e_cast, live_server, long_term_goal
):
    page = new_page()
    log_in(page, "member@a.example")
    expect(page).to_have_url(url_path(live_server, "/d/riverbend/"))
    axe_check(page)
    page.goto(PLAN)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tool 6: Develop Annual Goals and Action Plan for SEL"
    )
    expect(page.get_by_text("No annual goal yet")).to_be_visible()
    axe_check(page)

    # Section 1: the annual SMARTIE goal.
    page.get_by_role("link", name="Add an annual goal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Annual SMARTIE goal")
    axe_check(page)
    page.get_by_label("Year 1 target that leads up to our long-term goal:").fill(
        "All middle schools select an evidence-based program."
    )
    page.get_by_label("In order to move toward target").fill(
        "Middle school teachers build peer community with an evidence-based program."
    )
    page.get_by_label("Who are the stakeholders").fill("Middle school teachers and students")
    page.get_by_label("Implementation goal").check()
    page.get_by_label("Annual goal statement that incorporates all SMARTIE criteria:").fill(
        STATEMENT
    )
    page.get_by_role("button", name="Save the annual goal").click()
    annual = AnnualGoal.objects.get()
    expect(page).to_have_url(url_path(live_server, f"{PLAN}annual/{annual.code}/"))
    expect(_messages(page)).to_contain_text("Annual goal saved.")
    expect(page.get_by_role("heading", level=1)).to_have_text("One-Year Action Plan")
    expect(page.get_by_role("region", name="SMARTIE check")).to_be_visible()
    axe_check(page)
    assert (annual.goal, annual.statement) == (long_term_goal, STATEMENT)

    # Section 2: a milestone in each quarter, the first with the responsible member and data.
    for quarter, text in enumerate(MILESTONES, start=1):
        page.get_by_role("link", name=f"Set the milestone for quarter {quarter}").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            f"Milestone for quarter {quarter}"
        )
        axe_check(page)
        page.get_by_label("Milestone").fill(text)
        if quarter == 1:
            members = page.get_by_role("group", name="Responsible Team Member(s)")
            members.get_by_label(e2e_cast.member.display_name).check()
            members.get_by_label(e2e_cast.lead.display_name).check()
            page.get_by_label("Walkthrough observations").check()
        else:
            page.get_by_label("or named people without an account").fill("District SEL coach")
        page.get_by_role("button", name="Save the milestone").click()
        expect(_messages(page)).to_contain_text("Milestone saved.")
        axe_check(page)
    grid = page.get_by_role("table", name="The action plan: one column per quarter")
    for text in MILESTONES:
        expect(grid).to_contain_text(text)
    first = Milestone.objects.get(annual_goal=annual, quarter=1)
    assert set(first.members.all()) == {e2e_cast.member, e2e_cast.lead}
    for person in (e2e_cast.member, e2e_cast.lead):
        expect(grid).to_contain_text(person.display_name)
    expect(grid).to_contain_text("Walkthrough observations")
    assert sorted(Milestone.objects.values_list("quarter", flat=True)) == [1, 2, 3, 4]

    # A key activity from the pick-list, with a due date outside the cycle: kept, with a warning.
    grid.get_by_role("link", name="Add a key activity to quarter 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a key activity")
    axe_check(page)
    page.get_by_label("CASEL key activity").select_option(
        label="Align Resources for SEL (rubric 1-G, 1-H)"
    )
    page.get_by_label("what will be done").fill("Designate a district coach for the EBP pilot.")
    page.get_by_label("due date").fill("2027-09-30")
    page.get_by_label("Owner", exact=True).select_option(label=e2e_cast.member.display_name)
    page.get_by_role("button", name="Save the key activity").click()
    expect(_messages(page)).to_contain_text("outside this cycle")
    expect(grid).to_contain_text("Align Resources for SEL (rubric 1-G, 1-H)")
    axe_check(page)
    activity = Activity.objects.get()
    assert (activity.key_activity, activity.owner) == ("aligned-resources", e2e_cast.member)

    # My work shows it; a progress note and a status change.
    page.get_by_role("link", name="Annual goals and action plan").first.click()
    axe_check(page)
    page.get_by_role("link", name="My work").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    expect(page.get_by_role("table", name="My key activities")).to_contain_text(
        "Designate a district coach"
    )
    expect(page.get_by_role("table", name="Quarters you are responsible for")).to_contain_text(
        MILESTONES[0]
    )
    axe_check(page)
    page.get_by_role("link", name="Designate a district coach for the EBP pilot.").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Key activity")
    axe_check(page)
    page.get_by_label("Progress note").fill("The coach starts in September.")
    page.get_by_role("button", name="Add the note").click()
    expect(_messages(page)).to_contain_text("Progress note added.")
    expect(page.get_by_text("The coach starts in September.")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Edit the key activity").click()
    axe_check(page)
    page.get_by_label("status").select_option(label="At risk")
    page.get_by_label("due date").fill("2026-10-15")
    page.get_by_role("button", name="Save the key activity").click()
    expect(_messages(page)).to_contain_text("Key activity saved.")
    expect(grid).to_contain_text("At risk")
    axe_check(page)

    # Reflect at mid-year: without data it is refused and nothing typed is lost.
    page.get_by_role("link", name="Reflect (Mid-year)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reflect on progress: Mid-year")
    axe_check(page)
    page.get_by_label("Partly met").check()
    page.get_by_label("challenges").fill("Schools could not release staff.")
    page.get_by_role("button", name="Save the reflection").click()
    expect(page.get_by_text("Name the data that shows this progress")).to_be_visible()
    expect(page.get_by_label("challenges")).to_have_value("Schools could not release staff.")
    axe_check(page)
    page.get_by_label("the data that shows it").fill("Walkthrough average 2.4, up from 2.1.")
    page.get_by_label("Staff", exact=True).check()
    page.get_by_label("Students", exact=True).check()
    page.get_by_role("button", name="Save the reflection").click()
    expect(_messages(page)).to_contain_text("Reflection saved.")
    axe_check(page)
    assert Reflection.objects.get().progress == "partly"

    # Make improvements.
    page.get_by_role("link", name="Decide on improvements").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Make improvements")
    axe_check(page)
    page.get_by_label("Stick with the same implementation goals").check()
    page.get_by_label("Key learnings").fill("Release time decides attendance.")
    page.get_by_label("Next steps").fill("Offer after-school and virtual PL.")
    page.get_by_role("button", name="Save the decision").click()
    expect(_messages(page)).to_contain_text("Improvement decision saved.")
    expect(page.get_by_text("Offer after-school and virtual PL.")).to_be_visible()
    axe_check(page)
    assert Improvement.objects.get().decision == "strategies"

    # The lead launches the next cycle; the plan is carried forward.
    lead = new_page()
    log_in(lead, "lead@a.example")
    expect(lead).to_have_url(url_path(live_server, "/d/riverbend/"))
    axe_check(lead)
    lead.goto(PLAN)
    axe_check(lead)
    lead.get_by_role("link", name="Launch the next cycle").click()
    expect(lead.get_by_role("heading", level=1)).to_have_text(
        "Launch a new year-long continuous improvement cycle for SEL"
    )
    expect(lead.get_by_text("1 unfinished key activity will be carried forward.")).to_be_visible()
    axe_check(lead)
    lead.get_by_role("button", name="Launch the next cycle").click()
    expect(lead).to_have_url(url_path(live_server, "/d/riverbend/2027-28/"))
    expect(_messages(lead)).to_contain_text("Cycle 2027-28 is open; 2026-27 is closed")
    axe_check(lead)
    new_cycle = PlanningCycle.objects.get(label="2027-28")
    copy = AnnualGoal.objects.get(cycle=new_cycle)
    lead.goto(f"/d/riverbend/2027-28/actionplan/annual/{copy.code}/")
    expect(lead.get_by_text("Carried forward from last year's plan.")).to_be_visible()
    expect(lead.get_by_text("Release time decides attendance.")).to_be_visible()
    grid = lead.get_by_role("table", name="The action plan: one column per quarter")
    expect(grid).to_contain_text("Designate a district coach for the EBP pilot.")
    expect(grid).to_contain_text("carried")
    axe_check(lead)
    carried = Activity.objects.get(cycle=new_cycle)
    assert (carried.carried, carried.carried_from) == (True, activity)
    # The old cycle stays readable and closed.
    lead.goto(f"{PLAN}annual/{annual.code}/")
    expect(lead.get_by_text("This cycle is closed")).to_be_visible()
    expect(lead.get_by_role("link", name="Edit the annual goal")).to_have_count(0)
    axe_check(lead)


def test_lead_reads_history_restores_and_is_asked_before_removing(new_page, e2e_cast, live_server):
    from tests.actionplan.helpers import plan

    annual, mile, activity = plan(e2e_cast.cycle, owner=e2e_cast.member)
    original = activity.action
    activity.action = "Conduct two monthly PL sessions."
    activity.version += 1
    activity.save()
    page = new_page()
    log_in(page, "lead@a.example")
    expect(page).to_have_url(url_path(live_server, "/d/riverbend/"))
    axe_check(page)
    page.goto(f"{PLAN}milestone/{mile.code}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Milestone for quarter 1")
    expect(page.get_by_text("No progress notes yet")).to_be_visible()
    axe_check(page)
    page.goto(f"{PLAN}activity/{activity.code}/")
    axe_check(page)
    page.get_by_role("link", name="History of the key activity").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("History of")
    axe_check(page)
    page.get_by_role("button", name="Restore").last.click()
    expect(_messages(page)).to_contain_text("The earlier version was restored.")
    axe_check(page)
    activity.refresh_from_db()
    assert activity.action == original
    page.goto(f"{PLAN}activity/{activity.code}/")
    axe_check(page)
    page.get_by_role("link", name="Remove").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Remove this key activity?")
    axe_check(page)
    page.get_by_role("link", name="Cancel").click()
    expect(page).to_have_url(url_path(live_server, f"{PLAN}activity/{activity.code}/"))
    axe_check(page)
    page.goto(f"{PLAN}annual/{annual.code}/delete/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Remove this annual goal?")
    expect(page.get_by_text("1 milestone(s), 1 key activity(ies)")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Remove the annual goal").click()
    expect(_messages(page)).to_contain_text("The annual goal and its plan were removed")
    expect(page.get_by_text("No annual goal yet")).to_be_visible()
    axe_check(page)
    assert not AnnualGoal.objects.exists()
