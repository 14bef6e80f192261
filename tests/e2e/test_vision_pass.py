"""Tool 1, shared vision: one pass from the starting point to the final vision."""

import pytest
from playwright.sync_api import expect

from vision.models import Draft, EngagementSession, FeedbackRound, Response, Theme, Vision

from .support import axe_check, log_in

pytestmark = pytest.mark.e2e

VISION = "/d/riverbend/2026-27/vision/"
FIRST = "Our district will prepare students academically and socially."
SECOND = "Our district will prepare all students academically, socially, and emotionally."


def _go(page, path, heading):
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    axe_check(page)


def _saved(page, text):
    expect(page.locator(".messages")).to_contain_text(text)
    axe_check(page)


def test_committee_goes_from_starting_point_to_final_vision(new_page, e2e_cast):
    page = new_page()
    log_in(page, "member@a.example")
    axe_check(page)
    _go(page, VISION, "Tool 1: Create a Shared Vision")

    page.get_by_role("link", name="Choose the starting point").click()
    axe_check(page)
    page.get_by_label("Write a new vision").check()
    page.get_by_role("button", name="Save").click()
    _saved(page, "Starting point saved.")
    assert Vision.objects.get().starting_point == "new"

    _go(page, f"{VISION}stakeholders/", "Step 2")
    page.get_by_role("link", name="Log a session").click()
    axe_check(page)
    page.get_by_label("Session*", exact=True).fill("Family night")
    page.get_by_label("Date").fill("2026-09-24")
    page.get_by_label("Families").check()
    page.get_by_label("Format").select_option("event")
    page.get_by_label("Number of participants").fill("40")
    page.get_by_role("button", name="Save").click()
    _saved(page, "Session saved.")
    page.get_by_role("link", name="Record responses").click()
    axe_check(page)
    page.get_by_label(
        "What do we want all students to know and be able to do upon graduation?"
    ).fill("Kindness")
    page.get_by_label(
        "What do you want our district to look like in 3 years? 5 years? 10 years?"
    ).fill("Belonging")
    page.get_by_role("button", name="Record responses").click()
    _saved(page, "Responses recorded.")
    assert Response.objects.count() == 2 and EngagementSession.objects.get().participants == 40

    _go(page, f"{VISION}synthesis/", "Step 3")
    page.get_by_role("link", name="Add a theme, word or phrase for question 1").click()
    axe_check(page)
    page.get_by_label("Theme, word or phrase").fill("Belonging and kindness")
    page.get_by_label("Family night: Kindness").check()
    page.get_by_label("Family night: Belonging").check()
    page.get_by_role("button", name="Save").click()
    _saved(page, "Theme saved.")
    expect(page.get_by_text("2 supporting responses")).to_be_visible()
    assert Theme.objects.get().responses.count() == 2

    for statement in (FIRST, SECOND):
        _go(page, f"{VISION}drafts/new/", "Draft the vision statement")
        page.get_by_label("Vision statement").fill(statement)
        page.get_by_role("button", name="Save").click()
        axe_check(page)
    assert Draft.objects.count() == 2
    first, second = Draft.objects.order_by("created_at")
    _go(page, f"{VISION}drafts/compare/?a={first.code}&b={second.code}", "Compare two drafts")
    expect(page.locator("ins").first).to_be_visible()

    _go(page, f"{VISION}feedback/new/", "Open a feedback round")
    page.get_by_label("Draft to ask about").select_option(index=2)  # the second draft
    page.get_by_label("Open from").fill("2026-11-01")
    page.get_by_label("Open until").fill("2026-11-30")
    page.get_by_role("button", name="Open the round").click()
    axe_check(page)
    assert FeedbackRound.objects.get().draft == second

    lead = new_page()
    log_in(lead, "lead@a.example")
    axe_check(lead)
    _go(lead, f"{VISION}drafts/{second.code}/final/", "Mark as the final vision")
    lead.get_by_role("button", name="Mark as the final vision").click()
    axe_check(lead)
    expect(lead.get_by_text("Say who approved the vision.")).to_be_visible()
    lead.get_by_label("Approved by").fill("Board of Education")
    lead.get_by_role("button", name="Mark as the final vision").click()
    axe_check(lead)
    second.refresh_from_db()
    assert (second.is_final, second.approved_by) == (True, "Board of Education")
    _go(lead, VISION, "Tool 1: Create a Shared Vision")
    expect(lead.get_by_role("region", name="Our Shared Vision")).to_contain_text(SECOND)
