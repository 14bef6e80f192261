import pytest
from playwright.sync_api import expect

from .support import axe_check, log_in, url_path

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    "path",
    ["/d/riverbend/", "/d/riverbend/2026-27/", "/d/riverbend/members/"],
    ids=["cycles", "dashboard", "people"],
)
def test_first_tab_reaches_the_skip_link_which_moves_focus_to_main(
    page, e2e_cast, live_server, path
):
    log_in(page, "lead@a.example")
    expect(page).to_have_url(url_path(live_server, "/d/riverbend/"))
    axe_check(page)
    page.goto(path)
    axe_check(page)

    page.keyboard.press("Tab")

    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()  # visually hidden until focused
    expect(skip).to_have_attribute("href", "#main")

    page.keyboard.press("Enter")

    expect(page.locator("#main")).to_be_focused()
    expect(page.get_by_role("main")).to_be_focused()
    expect(page).to_have_url(url_path(live_server, path + "#main"))
    # The next Tab continues inside the main content, not back at the page header.
    page.keyboard.press("Tab")
    expect(page.locator("main :focus")).to_have_count(1)
    axe_check(page)
