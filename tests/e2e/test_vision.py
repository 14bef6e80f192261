"""Tool 1, the shared vision: a whole pass from the starting point to the final vision."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from vision.models import (
    DRAFT_CHECKLIST,
    FEEDBACK_QUESTIONS,
    SAMPLE_QUESTIONS,
    SYNTHESIS_QUESTIONS,
    CommitteeRole,
    Draft,
    EngagementSession,
    FeedbackAnswer,
    FeedbackRound,
    Format,
    Question,
    Questionnaire,
    Response,
    StakeholderGroup,
    Theme,
    Vision,
)

from .support import axe_check, log_in, url_path

pytestmark = pytest.mark.e2e

CYCLE = "/d/riverbend/2026-27/"
VISION = f"{CYCLE}vision/"
STUDENT_LEADER = "Ana Ruiz (student leader)"
SESSION = "Families listening session"
SESSION_DAY = date(2026, 9, 15)
ANSWER_1 = "Kind, curious graduates who can solve problems together."
ANSWER_2 = "Learning to manage stress and to work through disagreements."
PUBLIC_ANSWER = "Students who speak up for themselves and for each other."
THEME = "Caring, collaborative problem-solvers"
DRAFT_1 = "Every student feels safe at school and graduates ready for college and career."
DRAFT_2 = (
    "Every student feels safe and valued at school and graduates ready for college, career "
    "and civic life."
)
FEEDBACK_RESPONDENT = "Parent at the October PTA meeting"
FEEDBACK_TEXT = "Yes: feeling valued matters as much as feeling safe."
APPROVER = "Dr. Maya Chen, Superintendent"
APPROVING_BODY = "Board of Education"
APPROVER_ERROR = "Say who approved the vision."
APPROVER_HELP = "The person who approved it, for example the superintendent."


def _steps(page):
    return page.get_by_role("navigation", name="Vision steps")


def _crumbs(page):
    return page.get_by_role("navigation", name="Breadcrumb")


def _expect_at(page, live_server, path, heading):
    expect(page).to_have_url(url_path(live_server, path))
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def _committee_and_stakeholders(page, e2e_cast, live_server):
    """Starting point, Step 1's writer role, Step 2's session and the online questionnaire."""
    member = e2e_cast.member
    log_in(page, "member@a.example")
    expect(page).to_have_url(url_path(live_server, "/d/riverbend/"))
    axe_check(page)
    page.get_by_role("link", name="2026-27").click()
    _expect_at(page, live_server, CYCLE, "SEL planning 2026-27")
    axe_check(page)

    page.get_by_role("navigation", name="Workbook tools").get_by_role(
        "link", name="1. Shared vision"
    ).click()
    _expect_at(page, live_server, VISION, "Tool 1: Create a Shared Vision")
    five_steps = page.get_by_role("list").filter(has_text="Step 1: Create a committee")
    expect(five_steps.get_by_role("listitem")).to_have_count(5)
    expect(five_steps.locator(".badge")).to_have_text(["To do"] * 5)
    axe_check(page)

    # The starting point: a new vision seeds the workbook's roles, groups and questions.
    page.get_by_role("link", name="Choose the starting point").click()
    _expect_at(page, live_server, f"{VISION}start/", "Where does the committee start?")
    axe_check(page)
    page.get_by_role("radio", name="Write a new vision").check()
    page.get_by_role("button", name="Save").click()

    committee = f"{VISION}committee/"
    _expect_at(
        page,
        live_server,
        committee,
        "Step 1: Create a committee to lead the development of the vision statement.",
    )
    expect(page.get_by_role("status")).to_have_text("Starting point saved.")
    roles = page.get_by_role("table", name="Committee roles and who fills them")
    expect(roles.get_by_role("rowheader")).to_have_text(
        [
            "Lead/Project Manager (oversees the timeline and plan and ensures the team stays "
            "on track)",
            "Writer(s) (captures notes and summarizes stakeholders' responses; develops "
            "language for vision)",
            "Stakeholder engagement (oversees outreach, planning, and engagement with "
            "stakeholders. Consider student committee members to support this "
            "responsibility!)",
        ]
    )
    expect(roles.get_by_text("nobody yet")).to_have_count(3)
    axe_check(page)
    vision = Vision.objects.get(cycle=e2e_cast.cycle)
    assert vision.starting_point == Vision.Start.NEW
    assert CommitteeRole.objects.filter(cycle=e2e_cast.cycle).count() == 3
    assert StakeholderGroup.objects.filter(cycle=e2e_cast.cycle).count() == 7
    assert [q.text for q in Question.objects.filter(cycle=e2e_cast.cycle)][:4] == (
        SAMPLE_QUESTIONS[:4]
    )
    assert Question.objects.filter(cycle=e2e_cast.cycle).count() == 6

    # Step 1: the member takes the writer role, with a student leader who has no account.
    writers_role = CommitteeRole.objects.get(cycle=e2e_cast.cycle, title="Writer(s)")
    roles.get_by_role("link", name="Edit Writer(s)").click()
    _expect_at(page, live_server, f"{committee}roles/{writers_role.code}/", "Edit: Writer(s)")
    axe_check(page)
    members = page.get_by_role("group", name="District members")
    expect(members.get_by_role("checkbox")).to_have_count(3)  # lead, member, viewer
    members.get_by_role("checkbox", name=member.display_name, exact=True).check()
    page.get_by_label("People without an account").fill(STUDENT_LEADER)
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(url_path(live_server, committee))
    expect(page.get_by_role("status")).to_have_text("Committee role saved.")
    writers = roles.get_by_role("row").filter(has_text="Writer(s)")
    expect(writers.get_by_role("cell").first).to_have_text(
        f"{member.display_name}, {STUDENT_LEADER}"
    )
    expect(roles.get_by_text("nobody yet")).to_have_count(2)
    axe_check(page)
    writers_role.refresh_from_db()
    assert list(writers_role.members.all()) == [member]
    assert writers_role.other_people == STUDENT_LEADER

    # Step 2: log an engagement session with families and record what two people said.
    _steps(page).get_by_role("link", name="Step 2").click()
    stakeholders = f"{VISION}stakeholders/"
    _expect_at(
        page,
        live_server,
        stakeholders,
        "Step 2: Identify and learn from stakeholders to shape the vision.",
    )
    groups = page.get_by_role("table", name="Stakeholder groups and how they will be engaged")
    expect(groups.get_by_role("row")).to_have_count(8)  # header + the workbook's 7 groups
    expect(page.get_by_text("No sessions yet.")).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Log a session").click()
    _expect_at(page, live_server, f"{VISION}sessions/new/", "Engagement session")
    axe_check(page)
    page.get_by_label("Session").fill(SESSION)
    page.get_by_label("Date").fill(SESSION_DAY.isoformat())
    page.get_by_role("group", name="Groups").get_by_role("checkbox", name="Families").check()
    page.get_by_label("Format").select_option(label="Small discussion group")
    page.get_by_label("Number of participants").fill("12")
    page.get_by_role("button", name="Save").click()

    session = EngagementSession.objects.get(cycle=e2e_cast.cycle)
    session_path = f"{VISION}sessions/{session.code}/"
    _expect_at(page, live_server, session_path, SESSION)
    expect(page.get_by_role("status")).to_have_text("Session saved.")
    expect(page.get_by_role("main")).to_contain_text("Small discussion group · 12 participants")
    expect(page.get_by_role("main")).to_contain_text("Groups: Families")
    expect(page.get_by_text("No responses recorded for this session yet.")).to_be_visible()
    axe_check(page)
    assert (session.title, session.held_on, session.format, session.participants) == (
        SESSION,
        SESSION_DAY,
        Format.SMALL_GROUP,
        12,
    )
    assert [g.name for g in session.groups.all()] == ["Families"]

    page.get_by_role("link", name="Record responses").click()
    _expect_at(page, live_server, f"{session_path}responses/", f"Record responses: {SESSION}")
    axe_check(page)
    page.get_by_label("Stakeholder group (optional)").select_option(label="Families")
    page.get_by_label(SAMPLE_QUESTIONS[0], exact=True).fill(ANSWER_1)
    page.get_by_label(SAMPLE_QUESTIONS[1], exact=True).fill(ANSWER_2)
    page.get_by_role("button", name="Record responses").click()

    _expect_at(page, live_server, session_path, SESSION)
    expect(page.get_by_role("status")).to_have_text("Responses recorded.")
    said = page.get_by_role("table", name="What stakeholders said, by question")
    expect(said.get_by_role("row")).to_have_count(3)  # header + two responses
    expect(said.get_by_role("row").nth(1)).to_contain_text(ANSWER_1)
    expect(said.get_by_role("row").nth(2)).to_contain_text(ANSWER_2)
    axe_check(page)
    recorded = list(Response.objects.filter(session=session))
    assert [(r.question.position, r.text) for r in recorded] == [(0, ANSWER_1), (1, ANSWER_2)]
    assert {r.group.name for r in recorded} == {"Families"}
    assert len({r.submission for r in recorded}) == 1

    # The online questionnaire: published today, answered by someone without an account.
    _crumbs(page).get_by_role("link", name="Step 2").click()
    expect(page).to_have_url(url_path(live_server, stakeholders))
    axe_check(page)
    page.get_by_role("link", name="Online questionnaire: publish the questions as a link").click()
    questionnaire = f"{VISION}questionnaire/"
    _expect_at(page, live_server, questionnaire, "Online questionnaire")
    expect(page.get_by_role("heading", name="Publish the questionnaire")).to_be_visible()
    axe_check(page)
    today = timezone.localdate()
    page.get_by_label("Open from").fill(today.isoformat())
    page.get_by_label("Open until").fill((today + timedelta(days=7)).isoformat())
    expect(page.get_by_label("Ask which stakeholder group they belong to")).to_be_checked()
    page.get_by_role("button", name="Publish").click()

    _expect_at(page, live_server, questionnaire, "Online questionnaire")
    expect(page.get_by_role("status")).to_have_text(
        "The questionnaire is published. Share its link."
    )
    link_card = page.get_by_role("region", name="The public link")
    expect(link_card.locator(".badge")).to_have_text("Open")
    expect(link_card).to_contain_text("0 answers")
    axe_check(page)
    link = Questionnaire.objects.get(cycle=e2e_cast.cycle)
    assert (link.opens_on, link.closes_on, link.ask_group, link.ask_name) == (
        today,
        today + timedelta(days=7),
        True,
        False,
    )
    public_url = page.get_by_label("Share this address").input_value()
    assert public_url == f"{live_server.url}/s/{link.token}/"
    return link, public_url, recorded


def _answer_the_questionnaire(new_page, live_server, link, public_url):
    """Someone without an account answers one question through the public link."""
    visitor = new_page()
    visitor.goto(public_url)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(
        "Help shape our vision for social and emotional learning"
    )
    expect(visitor.get_by_role("main")).to_contain_text("Riverbend Unified")
    expect(visitor.get_by_role("button", name="Log out")).to_have_count(0)
    axe_check(visitor)
    visitor.get_by_label("Which group are you part of? (optional)").select_option(label="Students")
    visitor.get_by_label(SAMPLE_QUESTIONS[0], exact=True).fill(PUBLIC_ANSWER)
    # The honeypot is hidden from people (aria-hidden, out of the tab order): left empty.
    honeypot = visitor.locator("input[name='website']")
    expect(honeypot).to_have_value("")
    visitor.get_by_role("button", name="Send my answers").click()

    expect(visitor).to_have_url(url_path(live_server, f"/s/{link.token}/?thanks=1"))
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Thank you")
    expect(visitor.get_by_role("main")).to_contain_text("Your answers have been received.")
    axe_check(visitor)
    answer = Response.objects.get(session=link.session)
    assert (answer.text, answer.question.position, answer.group.name) == (
        PUBLIC_ANSWER,
        0,
        "Students",
    )
    assert answer.respondent == ""
    assert answer.submission is not None
    assert link.session.format == Format.QUESTIONNAIRE


def _synthesis_drafts_and_feedback(page, e2e_cast, live_server, recorded):
    """Step 3's theme, Step 4's two drafts compared, Step 5's feedback round."""
    # Back on the member's screen: the answer is filed under the questionnaire's session.
    _crumbs(page).get_by_role("link", name="Step 2").click()
    expect(page).to_have_url(url_path(live_server, f"{VISION}stakeholders/"))
    sessions = page.get_by_role("table", name="Engagement sessions, newest first")
    expect(sessions.get_by_role("row")).to_have_count(3)  # header + two sessions
    # Row by row: the "newest first" order is not checked, as the page's annotated query
    # (Count of responses) drops the model's Meta.ordering.
    for title, format_, participants, responses in [
        (SESSION, "Small discussion group", "12", "2"),
        ("Online questionnaire", "Online questionnaire", "0", "1"),
    ]:
        row = sessions.get_by_role("row").filter(has=page.get_by_role("link", name=title))
        expect(row.locator("td")).to_have_text(
            [re.compile(r"\w"), re.compile(title), format_, participants, responses]
        )
    axe_check(page)
    _steps(page).get_by_role("link", name="Step 3").click()
    synthesis = f"{VISION}synthesis/"
    _expect_at(page, live_server, synthesis, "Step 3: Synthesize stakeholder responses.")
    expect(page.get_by_text("3 responses have been recorded.")).to_be_visible()
    first = page.get_by_role("region", name=f"1. {SYNTHESIS_QUESTIONS[0]}")
    expect(first.get_by_text("Nothing noted yet.")).to_be_visible()
    axe_check(page)

    first.get_by_role("link", name="Add a theme, word or phrase for question 1").click()
    _expect_at(
        page, live_server, f"{synthesis}themes/new/?question=1", "Add a theme, word or phrase"
    )
    expect(page.get_by_label("Synthesis question")).to_have_value("1")
    axe_check(page)
    page.get_by_label("Theme, word or phrase").fill(THEME)
    supporting = page.get_by_role("group", name="Supporting responses")
    expect(supporting.get_by_role("checkbox")).to_have_count(3)
    supporting.get_by_role("checkbox", name=f"{SESSION}: {ANSWER_1}").check()
    supporting.get_by_role("checkbox", name=f"{SESSION}: {ANSWER_2}").check()
    page.get_by_role("button", name="Save").click()

    _expect_at(page, live_server, synthesis, "Step 3: Synthesize stakeholder responses.")
    expect(page.get_by_role("status")).to_have_text("Theme saved.")
    expect(first.get_by_role("listitem")).to_have_count(1)
    expect(first.get_by_role("listitem")).to_contain_text(THEME)
    expect(first.get_by_role("listitem")).to_contain_text("2 supporting responses")
    axe_check(page)
    theme = Theme.objects.get(cycle=e2e_cast.cycle)
    assert (theme.question, theme.text) == (1, THEME)
    assert set(theme.responses.all()) == set(recorded)

    # Step 4: two drafts, each checked against part of the workbook's checklist.
    _steps(page).get_by_role("link", name="Step 4").click()
    drafts = f"{VISION}drafts/"
    _expect_at(page, live_server, drafts, "Step 4: Draft the vision statement.")
    axe_check(page)
    for link_name, statement, checked in [
        ("Write the first draft", DRAFT_1, [0, 4]),
        ("Write a new draft", DRAFT_2, [0, 2, 4]),
    ]:
        page.get_by_role("link", name=link_name).click()
        _expect_at(page, live_server, f"{drafts}new/", "Draft the vision statement")
        themes = page.get_by_role("region", name="Themes from Step 3")
        expect(themes.get_by_role("listitem")).to_have_text([THEME])
        axe_check(page)
        page.get_by_label("Vision statement").fill(statement)
        checklist = page.get_by_role("group", name="Checklist: which of these hold for this draft?")
        for index in checked:
            checklist.get_by_role("checkbox", name=DRAFT_CHECKLIST[index]).check()
        page.get_by_role("button", name="Save").click()
        _expect_at(page, live_server, drafts, "Step 4: Draft the vision statement.")
        expect(page.get_by_role("status")).to_have_text("Draft saved.")
        axe_check(page)

    listed = page.get_by_role("article")
    expect(listed).to_have_count(2)
    expect(listed.get_by_role("blockquote")).to_have_text([DRAFT_1, DRAFT_2])
    expect(listed.locator("summary")).to_have_text(
        ["Checklist: 2 of 5 hold", "Checklist: 3 of 5 hold"]
    )
    # A committee member writes drafts; only the lead marks one final.
    expect(page.get_by_role("link", name="Mark as the final vision")).to_have_count(0)
    first_draft, second_draft = Draft.objects.filter(cycle=e2e_cast.cycle)
    assert (first_draft.statement, first_draft.checklist) == (DRAFT_1, [0, 4])
    assert (second_draft.statement, second_draft.checklist) == (DRAFT_2, [0, 2, 4])
    assert first_draft.author == second_draft.author == e2e_cast.member
    assert not first_draft.is_final and not second_draft.is_final

    page.get_by_role("link", name="Compare two drafts").click()
    _expect_at(page, live_server, f"{drafts}compare/", "Compare two drafts")
    expect(page.get_by_label("First draft")).to_have_value(str(first_draft.code))
    expect(page.get_by_label("Second draft")).to_have_value(str(second_draft.code))
    axe_check(page)
    page.get_by_role("button", name="Compare").click()

    expect(page).to_have_url(
        url_path(live_server, f"{drafts}compare/?a={first_draft.code}&b={second_draft.code}")
    )
    expect(page.get_by_text("2 words removed, 6 words added.")).to_be_visible()
    older = page.get_by_role("region", name="First draft, of")
    newer = page.get_by_role("region", name="Second draft, of")
    expect(older.locator("del")).to_have_text(["college", "career."])
    expect(older.locator("ins")).to_have_count(0)
    expect(newer.locator("ins")).to_have_text(["and valued", "college, career", "civic life."])
    expect(newer.locator("del")).to_have_count(0)
    expect(older).to_contain_text("[removed: college]")
    expect(newer).to_contain_text("[added: and valued]")
    axe_check(page)

    # Step 5: a feedback round on the second draft, with one answer typed in by the committee.
    page.get_by_role("link", name="Back to the drafts").click()
    expect(page).to_have_url(url_path(live_server, drafts))
    axe_check(page)
    _steps(page).get_by_role("link", name="Step 5").click()
    feedback = f"{VISION}feedback/"
    _expect_at(
        page,
        live_server,
        feedback,
        "Step 5: Gather stakeholder feedback and finalize the vision statement.",
    )
    expect(page.get_by_text("No feedback round yet.")).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Open a feedback round").click()
    _expect_at(page, live_server, f"{feedback}new/", "Open a feedback round")
    draft_choice = page.get_by_label("Draft to ask about")
    expect(draft_choice).to_have_value(str(second_draft.pk))  # the latest draft
    axe_check(page)
    today = timezone.localdate()
    page.get_by_label("Open from").fill(today.isoformat())
    page.get_by_label("Open until").fill((today + timedelta(days=10)).isoformat())
    page.get_by_role("button", name="Open the round").click()

    feedback_round = FeedbackRound.objects.get(cycle=e2e_cast.cycle)
    round_path = f"{feedback}{feedback_round.code}/"
    expect(page).to_have_url(url_path(live_server, round_path))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Feedback round, ")
    expect(page.get_by_role("status")).to_have_text(
        "The feedback round is open. Share its link with stakeholders."
    )
    expect(page.get_by_role("blockquote").first).to_have_text(DRAFT_2)
    expect(page.get_by_role("region", name="The public link").locator(".badge")).to_have_text(
        "Open"
    )
    axe_check(page)
    assert feedback_round.draft == second_draft
    assert (feedback_round.opens_on, feedback_round.closes_on) == (
        today,
        today + timedelta(days=10),
    )
    assert (
        page.get_by_label("Share this address")
        .input_value()
        .endswith(f"/f/{feedback_round.token}/")
    )

    entry = page.get_by_role("region", name="Add one respondent's answers")
    entry.get_by_label("Respondent's name (optional)").fill(FEEDBACK_RESPONDENT)
    question_1 = entry.get_by_role("group", name=f"1. {FEEDBACK_QUESTIONS[0][0]}")
    question_1.get_by_role("radio", name="Yes").check()
    question_1.get_by_label("Explanation").fill(FEEDBACK_TEXT)
    entry.get_by_role("button", name="Save these answers").click()

    expect(page).to_have_url(url_path(live_server, round_path))
    expect(page.get_by_role("status")).to_have_text("1 answer saved for one respondent.")
    answered = page.get_by_role("region", name=f"1. {FEEDBACK_QUESTIONS[0][0]}").first
    expect(answered).to_contain_text("1 yes")
    expect(answered).to_contain_text(f"Yes: {FEEDBACK_TEXT}")
    expect(answered).to_contain_text(
        f"— {FEEDBACK_RESPONDENT} (entered by {e2e_cast.member.display_name})"
    )
    axe_check(page)
    answer = FeedbackAnswer.objects.get(round=feedback_round)
    assert (answer.question, answer.agrees, answer.text) == (1, True, FEEDBACK_TEXT)
    assert (answer.respondent, answer.entered_by) == (FEEDBACK_RESPONDENT, e2e_cast.member)
    return second_draft


def _lead_marks_the_final_vision(lead, e2e_cast, live_server, final):
    log_in(lead, "lead@a.example")
    expect(lead).to_have_url(url_path(live_server, "/d/riverbend/"))
    axe_check(lead)
    drafts = f"{VISION}drafts/"
    lead.goto(drafts)
    _expect_at(lead, live_server, drafts, "Step 4: Draft the vision statement.")
    axe_check(lead)

    lead.get_by_role("link", name="Mark as the final vision (draft 2)").click()
    finalise = f"{drafts}{final.code}/final/"
    _expect_at(lead, live_server, finalise, "Mark as the final vision")
    expect(lead.get_by_role("blockquote")).to_have_text(DRAFT_2)
    expect(lead.get_by_text("Checklist: 3 of 5 hold.")).to_be_visible()
    expect(lead.get_by_label("Approved on")).to_have_value(timezone.localdate().isoformat())
    axe_check(lead)

    # Without an approver the form comes back with the error at the field.
    lead.get_by_label("Approving body").fill(APPROVING_BODY)
    lead.get_by_role("button", name="Mark as the final vision").click()
    _expect_at(lead, live_server, finalise, "Mark as the final vision")
    expect(lead.get_by_role("alert")).to_have_text("Please correct the fields marked below.")
    approver = lead.get_by_label("Approved by")
    expect(approver).to_have_attribute("aria-invalid", "true")
    expect(approver).to_have_accessible_description(f"{APPROVER_HELP} {APPROVER_ERROR}")
    expect(lead.get_by_text(APPROVER_ERROR)).to_be_visible()
    expect(lead.get_by_label("Approving body")).to_have_value(APPROVING_BODY)
    axe_check(lead)
    assert not Draft.objects.filter(cycle=e2e_cast.cycle, is_final=True).exists()

    approver.fill(APPROVER)
    lead.get_by_role("button", name="Mark as the final vision").click()
    _expect_at(lead, live_server, drafts, "Step 4: Draft the vision statement.")
    expect(lead.get_by_role("status")).to_have_text(
        "This draft is now the district's shared vision for the cycle."
    )
    today = timezone.localdate()
    approval = f"Approved by {APPROVER} on {date_format(today, 'DATE_FORMAT')} ({APPROVING_BODY})."
    final_card = lead.get_by_role("region", name="The final vision")
    expect(final_card).to_contain_text(DRAFT_2)
    expect(final_card).to_contain_text(approval)
    marked = lead.get_by_role("article").filter(has=lead.get_by_text("Final vision", exact=True))
    expect(marked).to_have_count(1)
    expect(marked.get_by_role("blockquote")).to_have_text(DRAFT_2)
    axe_check(lead)
    final.refresh_from_db()
    assert final.is_final
    assert (final.approved_by, final.approving_body, final.approved_on) == (
        APPROVER,
        APPROVING_BODY,
        today,
    )
    assert list(Draft.objects.filter(cycle=e2e_cast.cycle, is_final=True)) == [final]

    # The overview and the cycle dashboard show the final statement.
    _steps(lead).get_by_role("link", name="Overview").click()
    _expect_at(lead, live_server, VISION, "Tool 1: Create a Shared Vision")
    ours = lead.get_by_role("region", name="Our Shared Vision")
    expect(ours).to_contain_text(DRAFT_2)
    expect(ours).to_contain_text(approval)
    five_steps = lead.get_by_role("list").filter(has_text="Step 1: Create a committee")
    expect(five_steps.locator(".badge")).to_have_text(["Done"] * 5)
    engagement = lead.get_by_role("list").filter(has_text="stakeholder groups engaged")
    expect(engagement.get_by_role("listitem")).to_have_text(
        [
            "0 of 7 stakeholder groups engaged",  # a group's status is the committee's call
            "2 sessions with 12 participants",  # the listening session and the questionnaire
            "3 responses recorded",
            "1 feedback answer",
        ]
    )
    axe_check(lead)

    lead.get_by_role("navigation", name="Workbook tools").get_by_role(
        "link", name="Dashboard"
    ).click()
    _expect_at(lead, live_server, CYCLE, "SEL planning 2026-27")
    card = lead.locator(".tool-card").filter(has=lead.get_by_role("link", name="1. Shared vision"))
    expect(card.locator(".badge")).to_have_text("Complete")
    expect(card).to_contain_text("5 of 5")
    expect(card).to_contain_text("Next step: The vision is final.")
    expect(card.get_by_role("listitem")).to_have_text([DRAFT_2])
    axe_check(lead)


def test_committee_goes_from_the_starting_point_to_the_final_vision(
    new_page, e2e_cast, live_server, settings
):
    settings.SITE_URL = live_server.url  # the public links must point at the live server
    member = new_page()
    link, public_url, recorded = _committee_and_stakeholders(member, e2e_cast, live_server)
    _answer_the_questionnaire(new_page, live_server, link, public_url)
    final = _synthesis_drafts_and_feedback(member, e2e_cast, live_server, recorded)
    _lead_marks_the_final_vision(new_page(), e2e_cast, live_server, final)
