import re

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


FOCUS_RING = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return {
    name: element.tagName.toLowerCase() + (element.type ? "[" + element.type + "]" : "")
      + " " + (element.textContent || element.name || "").trim().slice(0, 40),
    style: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
    colour: style.outlineColor,
  };
}"""


def _contrast_on_white(colour: str) -> float:
    red, green, blue = (int(part) / 255 for part in re.findall(r"\d+", colour)[:3])

    def linear(channel):
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    return 1.05 / (luminance + 0.05)


@pytest.mark.parametrize(
    "path",
    [
        "/d/riverbend/2026-27/",
        "/d/riverbend/2026-27/edit/",
        "/d/riverbend/2026-27/vision/committee/roles/new/",
    ],
    ids=["dashboard", "cycle-form", "role-form"],
)
def test_every_control_shows_a_strong_focus_ring(page, e2e_cast, live_server, path):
    """Tab through the page: each control reached has a ring of 2 px or more, 3:1 on white."""
    log_in(page, "lead@a.example")
    axe_check(page)
    page.goto(path)
    axe_check(page)
    seen, faint = set(), []
    for _press in range(60):
        page.keyboard.press("Tab")
        ring = page.evaluate(FOCUS_RING)
        if ring["name"] in seen or ring["name"].startswith("body"):  # body: past the last one
            continue
        seen.add(ring["name"])
        strong = ring["style"] != "none" and ring["width"] >= 2
        if not strong or _contrast_on_white(ring["colour"]) < 3:
            faint.append(ring)
    kinds = {name.split(" ")[0] for name in seen}
    assert {"a", "button[submit]"} & kinds, kinds
    assert faint == []
