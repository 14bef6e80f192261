import pytest
from playwright.sync_api import expect

from .support import axe_check, log_in, url_path

pytestmark = pytest.mark.e2e

WORKBOOK_TOOLS = [
    "Shared vision",
    "Long-term SMARTIE goals",
    "Program and initiative inventory",
    "Implementation rubric",
    "Long-term roadmap",
    "Annual goals and action plan",
]


def test_cycle_dashboard_shows_the_six_tools_in_workbook_order(page, e2e_cast, live_server):
    log_in(page, "member@a.example")
    expect(page).to_have_url(url_path(live_server, "/d/riverbend/"))
    axe_check(page)

    page.get_by_role("link", name="2026-27").click()

    expect(page).to_have_url(url_path(live_server, "/d/riverbend/2026-27/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("SEL planning 2026-27")
    cards = page.locator(".tool-card")
    expect(cards.get_by_role("heading", level=3)).to_have_text(
        [f"{number}. {title}" for number, title in enumerate(WORKBOOK_TOOLS, start=1)]
    )
    expect(cards.locator(".badge")).to_have_text(["Not started"] * 6)
    # The cycle navigation lists the same tools, after the dashboard link.
    expect(page.get_by_role("navigation", name="Workbook tools").get_by_role("link")).to_have_text(
        ["Dashboard"]
        + [f"{n}. {title}" for n, title in enumerate(WORKBOOK_TOOLS, start=1)]
        + ["Reports"]
    )
    # A committee member does not get the lead's "Edit cycle" button.
    expect(page.get_by_role("link", name="Edit cycle")).to_have_count(0)
    axe_check(page)

    cards.get_by_role("link", name="5. Long-term roadmap").click()

    expect(page).to_have_url(url_path(live_server, "/d/riverbend/2026-27/roadmap/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tool 5: Develop a Long-Term SEL Implementation Roadmap"
    )
    axe_check(page)

    page.go_back()
    axe_check(page)
    cards.get_by_role("link", name="1. Shared vision").click()
    expect(page).to_have_url(url_path(live_server, "/d/riverbend/2026-27/vision/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tool 1: Create a Shared Vision")
    axe_check(page)
