"""The login lock-out page in the browser: what it says, that it is usable, and that it ends.

The failure limit is lowered with `override_settings` around each test. Settings are shared by
the whole process, so the live server's thread sees the lower limit too, and the override ends
before the tables are flushed. (A test that used the `settings` fixture here errored at
teardown: its body ended on the page reached after logging in again, which `axe_check` never
looked at, and `new_page` fails a test for that when it closes the browser.)
"""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.core import mail
from django.test import override_settings
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD

from .support import axe_check, log_in, url_path

pytestmark = pytest.mark.e2e

LIMIT = 2
MAX_TABS = 20


@pytest.fixture
def low_limit(e2e_cast):
    """Two failures in a row lock a login; no attempt outlives the test."""
    with override_settings(AXES_FAILURE_LIMIT=LIMIT):
        yield e2e_cast
    axes_reset()


def _attempt(page: Page, email: str, password: str) -> int:
    """Log in from a freshly opened (and checked) login page; the status of the answer."""
    with page.expect_response(
        lambda r: r.request.method == "POST" and r.url.endswith("/accounts/login/")
    ) as answer:
        log_in(page, email, password)
    return answer.value.status


def _lock(page: Page, email: str) -> None:
    for _attempt_number in range(LIMIT - 1):
        assert _attempt(page, email, "not-the-password") == 200
        expect(page.get_by_role("alert")).to_contain_text("do not match an account")
        axe_check(page)
    assert _attempt(page, email, "not-the-password") == 429


def _expect_lockout_page(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many failed logins")
    expect(page).to_have_title(re.compile("^Too many failed logins"))
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(f"Logging in failed {LIMIT} times in a row")
    expect(alert).to_contain_text("Try again in 15 minutes.")
    # The moment itself, for software, in UTC: not a clock time in the server's zone.
    expect(alert.locator("time")).to_have_attribute(
        "datetime", re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
    )
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)


def test_locked_out_person_reaches_the_password_reset_by_keyboard(page, low_limit, live_server):
    _lock(page, "member@a.example")

    _expect_lockout_page(page)
    resume_at = datetime.datetime.fromisoformat(
        page.get_by_role("alert").locator("time").get_attribute("datetime")
    )
    now = datetime.datetime.now(datetime.UTC)
    assert now + datetime.timedelta(minutes=14) < resume_at <= now + datetime.timedelta(minutes=15)
    axe_check(page)

    reset_link = page.get_by_role("link", name="Reset your password")
    for _tab in range(MAX_TABS):
        page.keyboard.press("Tab")
        if reset_link.evaluate("link => link === document.activeElement"):
            break
    expect(reset_link).to_be_focused()
    assert reset_link.evaluate("link => link.matches(':focus-visible')"), "focus is shown"
    axe_check(page)  # with the focus ring drawn

    page.keyboard.press("Enter")

    expect(page).to_have_url(url_path(live_server, "/accounts/password/reset/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Reset your password")
    axe_check(page)
    page.get_by_label("Email").fill("member@a.example")
    page.get_by_role("button", name="Send the link").click()

    expect(page).to_have_url(url_path(live_server, "/accounts/password/reset/sent/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    axe_check(page)
    assert [message.to for message in mail.outbox] == [["member@a.example"]]
    assert "/accounts/password/reset/" in mail.outbox[0].body


def test_the_lock_holds_against_the_right_password_until_the_cool_off_ends(
    new_page, low_limit, live_server
):
    page = new_page()
    _lock(page, "lead@a.example")
    _expect_lockout_page(page)
    axe_check(page)

    assert _attempt(page, "lead@a.example", PASSWORD) == 429, "locked even for the password"
    _expect_lockout_page(page)
    axe_check(page)
    # Someone else at the same address is not locked out.
    colleague = new_page()
    log_in(colleague, "member@a.example")
    expect(colleague).to_have_url(url_path(live_server, "/d/riverbend/"))
    axe_check(colleague)

    # The refused attempt above started the wait again: move every attempt to just past it.
    cool_off = settings.AXES_COOLOFF_TIME
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - cool_off - datetime.timedelta(minutes=1)
    )

    assert _attempt(page, "lead@a.example", PASSWORD) == 302
    expect(page).to_have_url(url_path(live_server, "/d/riverbend/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Planning cycles")
    axe_check(page)
    assert not AccessAttempt.objects.exists(), "a success clears the count"
