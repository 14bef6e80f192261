"""Tool 3, the program and initiative inventory:
from an interview to a row of the build-on table."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from inventory.models import Interview, Mention, Person, Program

from .support import axe_check, log_in, url_path

pytestmark = pytest.mark.e2e

CYCLE = "/d/riverbend/2026-27/"
INVENTORY = f"{CYCLE}inventory/"
ANSWER_1 = "Advisory periods and a climate team in every school."
EVIDENCE = "The climate survey improved at about 70% of schools."
NEXT_STEP = "Schedule a meeting with the Climate and Culture team lead."


def _messages(page):
    return page.locator(".messages")


def _autosave(page):
    return page.expect_response(lambda r: "/autosave/" in r.url and r.request.method == "POST")


def _type_and_leave(page, field, text):
    """Type as a person would, and wait for both saves: while typing, and on leaving the field."""
    with _autosave(page):
        field.fill(text)
    with _autosave(page):
        field.press("Tab")


def _watch_console(page) -> list[str]:
    problems = []
    page.on(
        "console",
        lambda m: problems.append(m.text) if m.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def test_member_goes_from_an_interview_to_a_build_on_row(new_page, e2e_cast, live_server):
    page = new_page()
    problems = _watch_console(page)
    log_in(page, "member@a.example")
    expect(page).to_have_url(url_path(live_server, "/d/riverbend/"))
    axe_check(page)
    page.goto(CYCLE)
    axe_check(page)
    page.get_by_role("navigation", name="Workbook tools").get_by_role(
        "link", name="3. Program and initiative inventory"
    ).click()
    expect(page).to_have_url(url_path(live_server, INVENTORY))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tool 3: Districtwide SEL Program and Initiative Inventory"
    )
    axe_check(page)

    # Section 1: someone to speak with, then the interview.
    sections = page.get_by_role("navigation", name="Inventory sections")
    sections.get_by_role("link", name="Section 1: Learn from Stakeholders").click()
    expect(page).to_have_url(url_path(live_server, f"{INVENTORY}people/"))
    expect(page.get_by_role("heading", name="Selecting People to Speak With")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Add a person to speak with").click()
    axe_check(page)
    page.get_by_label("Category").select_option("department")
    page.get_by_label("Name", exact=True).fill("Marcus Bell")
    page.get_by_label("Role", exact=True).fill("Director")
    page.get_by_label("School or organization").fill("District Culture and Climate")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(url_path(live_server, f"{INVENTORY}people/"))
    expect(_messages(page)).to_contain_text("Saved Marcus Bell.")
    axe_check(page)
    page.get_by_role("button", name="Start the interview with Marcus Bell").click()
    interview = Interview.objects.get()
    expect(page).to_have_url(url_path(live_server, f"{INVENTORY}interviews/{interview.code}/"))
    expect(page.get_by_text("tried for students in Riverbend Unified.")).to_be_visible()
    axe_check(page)

    # Notes are saved as they are typed.
    _type_and_leave(
        page,
        page.get_by_label("1. In what ways does your school/organization/department"),
        ANSWER_1,
    )
    expect(page.locator("#saved-interview")).to_contain_text("Saved at")
    interview.refresh_from_db()
    assert interview.answer_1 == ANSWER_1
    axe_check(page)

    # A program mentioned: added to the inventory, then questions 3 to 11.
    page.get_by_label("Program or initiative mentioned").fill("Positive School Climate")
    page.get_by_role("button", name="Add the program").click()
    expect(_messages(page)).to_contain_text("is matched to the inventory program")
    axe_check(page)
    mention = Mention.objects.get()
    block = page.get_by_role("region", name="Positive School Climate")
    _type_and_leave(page, block.get_by_label("7. What evidence have you seen"), EVIDENCE)
    expect(page.locator(f"#saved-{mention.code}")).to_contain_text("Saved at")
    q8 = block.get_by_label("8. Do you know if any of the reports")
    expect(q8).to_be_visible()
    with _autosave(page):
        block.get_by_label("We already have access to the data and/or reports").check()
    expect(q8).to_be_hidden()
    mention.refresh_from_db()
    assert mention.q7_evidence == EVIDENCE
    page.get_by_role("button", name="Mark the interview done and copy the answers").click()
    expect(_messages(page)).to_contain_text("Interview marked done;")
    assert Person.objects.get().status == "done"
    axe_check(page)

    # Section 2: the table, a gap filled in place.
    page.get_by_role("navigation", name="Inventory sections").get_by_role(
        "link", name="Section 2: Organize Notes from Conversations and Synthesize"
    ).click()
    expect(page).to_have_url(url_path(live_server, f"{INVENTORY}table/"))
    table = page.get_by_role("table")
    expect(table.get_by_role("rowheader", name="Positive School Climate")).to_contain_text(
        "from 1 interview"
    )
    axe_check(page)
    table.get_by_role("link", name="Edit this cell of Positive School Climate").nth(1).click()
    expect(page.get_by_label("Grades")).to_be_focused()
    page.keyboard.type("1-4 district-wide")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the cell's Save button
    expect(table).to_contain_text("1-4 district-wide")
    expect(
        table.get_by_role("link", name="Edit this cell of Positive School Climate").nth(1)
    ).to_be_focused()
    axe_check(page)
    program = Program.objects.get()
    assert (program.grades, program.grade_low, program.grade_high) == ("1-4 district-wide", 1, 4)
    assert program.evidence == EVIDENCE  # filled from the interview's answer

    # Section 3: the decision and the build-on row.
    table.get_by_role("link", name="Positive School Climate").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Positive School Climate")
    axe_check(page)
    page.get_by_role("link", name="Discuss and decide next steps").click()
    axe_check(page)
    page.get_by_label("Is the effort still being implemented?").fill("Yes, districtwide.")
    page.get_by_label("Expand").check()
    page.get_by_label("Next Steps").fill(NEXT_STEP)
    page.get_by_label("SEL Team Member Responsible for Next Step").select_option(
        label=e2e_cast.member.display_name
    )
    deadline = timezone.localdate().replace(month=5, day=19, year=2027)
    page.get_by_label("Deadline for Next Step").fill(deadline.isoformat())
    page.get_by_role("button", name="Save").click()
    expect(_messages(page)).to_contain_text("Next steps saved.")
    axe_check(page)
    page.get_by_role("navigation", name="Inventory sections").get_by_role(
        "link", name="Section 3: Develop Next Steps for SEL Implementation Planning"
    ).click()
    expect(page).to_have_url(url_path(live_server, f"{INVENTORY}build-on/"))
    row = page.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Positive School Climate")
    )
    expect(row).to_contain_text(NEXT_STEP)
    expect(row).to_contain_text(e2e_cast.member.display_name)
    axe_check(page)
    program.refresh_from_db()
    assert (program.decision, program.responsible, program.deadline) == (
        "expand",
        e2e_cast.member,
        deadline,
    )
    assert problems == []  # no script errors and nothing refused by the Content-Security-Policy


def test_a_stakeholder_answers_the_online_survey(new_page, e2e_cast, live_server):
    from datetime import timedelta

    from inventory.models import Survey
    from inventory.services import program_create

    program = program_create(cycle=e2e_cast.cycle, name="PBIS")
    lead = new_page()
    log_in(lead, "lead@a.example")
    axe_check(lead)
    lead.goto(f"{INVENTORY}survey/")
    expect(lead.get_by_text("No survey yet.")).to_be_visible()
    axe_check(lead)
    today = timezone.localdate()
    lead.get_by_label("Opens on").fill(today.isoformat())
    lead.get_by_label("Closes on").fill((today + timedelta(days=14)).isoformat())
    lead.get_by_role("button", name="Save the survey").click()
    expect(lead.locator(".messages")).to_contain_text("The survey link is saved.")
    axe_check(lead)
    link = lead.locator("code.survey-link").inner_text()
    assert link.endswith(Survey.objects.get().get_public_url())

    page = new_page()
    problems = _watch_console(page)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tell us about SEL-related programs and initiatives"
    )
    expect(page.get_by_role("navigation", name="Workbook tools")).to_have_count(0)
    axe_check(page)
    page.get_by_role("link", name="A school-level staff person").click()
    expect(
        page.get_by_label("2. What SEL-related programs and initiatives has your school tried?")
    ).to_be_visible()
    axe_check(page)
    page.get_by_label("1. In what ways does your school").fill("Advisory periods.")
    page.get_by_label("Program or initiative").fill("p.b.i.s")
    page.get_by_label("3. When did implementation begin?").fill("2014")
    page.get_by_role("button", name="Add another program").click()
    expect(page.get_by_role("group", name="Program 2")).to_be_visible()
    expect(page.get_by_label("1. In what ways does your school")).to_have_value("Advisory periods.")
    axe_check(page)
    page.get_by_role("group", name="Program 2").get_by_label("Program or initiative").fill(
        "Morning circles"
    )
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    axe_check(page)
    interview = Interview.objects.get()
    assert (interview.source, interview.respondent_type) == ("survey", "school")
    names = dict(interview.mentions.values_list("name", "program"))
    assert names == {"p.b.i.s": program.pk, "Morning circles": None}
    assert problems == []


def test_notes_typed_just_before_leaving_are_kept(new_page, e2e_cast, live_server):
    import time

    interview = Interview.objects.create(cycle=e2e_cast.cycle, respondent_name="Angela Ruiz")
    page = new_page()
    log_in(page, "member@a.example")
    axe_check(page)
    page.goto(f"{INVENTORY}interviews/{interview.code}/")
    axe_check(page)
    page.get_by_label("Other notes").fill("Ask about the advisory curriculum.")
    page.goto(f"{INVENTORY}interviews/")  # before the typing pause has passed
    axe_check(page)
    for _attempt in range(50):
        interview.refresh_from_db()
        if interview.notes:
            break
        time.sleep(0.1)
    assert interview.notes == "Ask about the advisory curriculum."


def test_saving_right_after_an_autosave_is_no_conflict(new_page, e2e_cast, live_server):
    """Type, pause past the autosave, type again and press Save at once: the Save's own
    autosave (sent as the field is left) is on its way with it, and neither refuses the other."""
    interview = Interview.objects.create(cycle=e2e_cast.cycle, respondent_name="Angela Ruiz")
    page = new_page()
    log_in(page, "member@a.example")
    axe_check(page)
    page.goto(f"{INVENTORY}interviews/{interview.code}/")
    axe_check(page)
    notes = page.get_by_label("Other notes")
    with _autosave(page):
        notes.fill("Ask about the advisory curriculum.")  # the pause: saved as typed
    expect(page.locator("#saved-interview")).to_contain_text("Saved at")
    notes.fill("Ask about the advisory curriculum and the climate survey.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(_messages(page)).to_contain_text("Interview notes saved.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Interview: Angela Ruiz")
    axe_check(page)
    interview.refresh_from_db()
    assert interview.notes == "Ask about the advisory curriculum and the climate survey."
