"""Idle timeout in the browser: the warning, staying signed in, and typed text surviving a logout.

The idle period is shortened to seconds (the real one is 30 minutes, two of them warned).
"""

import time

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD
from vision.models import Draft

from .support import axe_check, log_in, url_path

pytestmark = pytest.mark.e2e

IDLE = 10
WARNING = 6
NEW_DRAFT = "/d/riverbend/2026-27/vision/drafts/new/"
TEXT = "Every student in Riverbend feels they belong,\nand every adult models it."


def test_warning_stay_signed_in_and_text_kept_across_a_logout(
    page, e2e_cast, live_server, settings
):
    settings.SESSION_IDLE_SECONDS = IDLE
    settings.SESSION_IDLE_WARNING_SECONDS = WARNING
    settings.SESSION_IDLE_RENEW_SECONDS = 1
    log_in(page, "member@a.example")
    expect(page).to_have_url(url_path(live_server, "/d/riverbend/"))
    axe_check(page)

    page.goto(NEW_DRAFT)
    loaded = time.monotonic()
    statement = page.get_by_label("Vision statement")
    statement.fill(TEXT)
    axe_check(page)

    warning = page.get_by_role("alertdialog", name="You will be logged out soon")
    stay = warning.get_by_role("button", name="Stay signed in")
    expect(warning).to_be_visible()
    expect(stay).to_be_focused()
    expect(warning).to_contain_text("logged out in 0:0")
    axe_check(page)

    with page.expect_response(lambda r: r.url.endswith("/accounts/session/keep-alive/")) as kept:
        page.keyboard.press("Enter")
    assert kept.value.status == 200
    assert kept.value.json() == {"remaining": IDLE}
    expect(warning).to_be_hidden()
    expect(statement).to_be_focused()

    # Past the first deadline the page is still signed in: staying extended it.
    ended = page.get_by_role("alertdialog", name="You have been logged out")
    page.wait_for_timeout(max(0, (loaded + IDLE + 0.5 - time.monotonic()) * 1000))
    expect(ended).to_be_hidden()

    # Left alone, the session ends; the text is kept in the tab.
    expect(ended).to_be_visible(timeout=IDLE * 1000)
    expect(ended).to_be_focused()
    axe_check(page)
    page.wait_for_timeout(1500)  # the page gives up a second before the server does
    # Back to a real idle period, so that no warning interrupts the rest of the test.
    settings.SESSION_IDLE_SECONDS = 1800
    settings.SESSION_IDLE_WARNING_SECONDS = 120
    ended.get_by_role("link", name="Log in again").click()

    expect(page).to_have_url(
        url_path(live_server, f"/accounts/login/?next={NEW_DRAFT.replace('/', '%2F')}")
    )
    axe_check(page)
    page.get_by_label("Email address").fill("member@a.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page).to_have_url(url_path(live_server, NEW_DRAFT))
    kept_text = page.get_by_role("region", name="Text kept from before you were logged out")
    expect(kept_text).to_be_visible()
    expect(kept_text).to_be_focused()
    expect(statement).to_have_value("")
    axe_check(page)
    kept_text.get_by_role("button", name="Restore my text").click()

    expect(statement).to_have_value(TEXT)
    expect(kept_text).to_be_hidden()
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(url_path(live_server, "/d/riverbend/2026-27/vision/drafts/"))
    axe_check(page)
    assert Draft.objects.get().statement.replace("\r\n", "\n") == TEXT


def _text_kept_then_logged_out(page, settings, email: str):
    """`email` types into a new draft and is logged out idle; the text is kept in the tab."""
    settings.SESSION_IDLE_SECONDS = 5
    settings.SESSION_IDLE_WARNING_SECONDS = 2
    settings.SESSION_IDLE_RENEW_SECONDS = 1
    log_in(page, email)
    page.wait_for_url("**/d/riverbend/")
    axe_check(page)
    page.goto(NEW_DRAFT)
    page.get_by_label("Vision statement").fill(TEXT)
    axe_check(page)
    ended = page.get_by_role("alertdialog", name="You have been logged out")
    expect(ended).to_be_visible(timeout=10_000)
    page.wait_for_timeout(1500)  # the page gives up a second before the server does
    assert _kept_keys(page), "the text is kept for its author"
    settings.SESSION_IDLE_SECONDS = 1800
    settings.SESSION_IDLE_WARNING_SECONDS = 120
    ended.get_by_role("link", name="Log in again").click()
    page.wait_for_url("**/accounts/login/**")
    axe_check(page)


def _kept_keys(page) -> list[str]:
    return page.evaluate(
        "Object.keys(sessionStorage).filter((key) => key.startsWith('sel-unsaved:'))"
    )


def _log_in_here(page, email: str) -> None:
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_another_person_on_the_same_browser_is_never_offered_the_kept_text(
    page, e2e_cast, live_server, settings
):
    _text_kept_then_logged_out(page, settings, "member@a.example")
    _log_in_here(page, "lead@a.example")

    expect(page).to_have_url(url_path(live_server, NEW_DRAFT))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    kept_text = page.get_by_role("region", name="Text kept from before you were logged out")
    expect(kept_text).to_be_hidden()
    expect(page.get_by_label("Vision statement")).to_have_value("")
    axe_check(page)
    assert _kept_keys(page) == [], "the first person's text is gone from the browser"
    axe_check(page)


def test_logging_out_clears_the_kept_text(page, e2e_cast, live_server, settings):
    _text_kept_then_logged_out(page, settings, "member@a.example")
    page.goto("/accounts/login/")
    axe_check(page)
    _log_in_here(page, "member@a.example")
    page.wait_for_url("**/d/riverbend/")
    axe_check(page)
    assert _kept_keys(page), "still kept for its author, who has not been back to the page"

    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/accounts/login/**")
    axe_check(page)
    assert _kept_keys(page) == []
    _log_in_here(page, "member@a.example")
    page.wait_for_url("**/d/riverbend/")
    axe_check(page)
    page.goto(NEW_DRAFT)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    kept_text = page.get_by_role("region", name="Text kept from before you were logged out")
    expect(kept_text).to_be_hidden()
    expect(page.get_by_label("Vision statement")).to_have_value("")
    axe_check(page)
