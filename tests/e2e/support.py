"""Helpers shared by the browser tests: accessibility checks and logging in."""

import re
from urllib.parse import urldefrag

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD

_axe = Axe()


class AxeCoverage:
    """Remembers which documents a page showed, so a test cannot skip the axe run on one.

    Every main-frame navigation (redirects count once, at the page they end on; a jump to
    an anchor in the same document is not a new page) must be followed by `axe_check`
    before the next navigation or the end of the test.
    """

    def __init__(self, page: Page):
        self.page = page
        self.current: str | None = None
        self.checked = True
        self.unchecked: list[str] = []
        page.on("framenavigated", self._navigated)

    def _navigated(self, frame) -> None:
        if frame != self.page.main_frame or frame.url.startswith("about:"):
            return
        url = frame.url
        if (
            self.current is not None
            and "#" in url
            and urldefrag(url).url == urldefrag(self.current).url
        ):
            self.current = url  # a jump to an anchor: same document, nothing new to check
            return
        if not self.checked:
            self.unchecked.append(self.current)
        self.current = url
        self.checked = False

    def mark_checked(self) -> None:
        self.checked = True

    def missed(self) -> list[str]:
        return self.unchecked + ([self.current] if not self.checked and self.current else [])


def _format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe found {len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"\n* {violation['id']} ({violation.get('impact') or 'no impact given'}): "
            f"{violation['help']}\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            html = re.sub(r"\s+", " ", node.get("html", ""))[:200]
            lines.append(f"    - {target}\n      {html}")
            summary = node.get("failureSummary") or ""
            lines.extend(f"      {line.strip()}" for line in summary.splitlines())
    return "\n".join(lines)


def axe_check(page: Page) -> None:
    """Run axe-core on the page as it is now; fail on any violation, whatever its impact."""
    page.wait_for_load_state("load")
    # Judge colours as they end up, not halfway through a CSS transition (e.g. a button
    # fading into its focus colours just after a Tab).
    page.evaluate("() => Promise.all(document.getAnimations().map((a) => a.finished))")
    results = _axe.run(page)
    violations = results.response["violations"]
    coverage = getattr(page, "_axe_coverage", None)
    if coverage is not None:
        coverage.mark_checked()
    if violations:
        pytest.fail(_format_violations(page.url, violations), pytrace=False)


def log_in(page: Page, email: str, password: str = PASSWORD) -> None:
    """Open the login page, check it, and submit the form (the caller checks where it lands)."""
    page.goto("/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in to SEL Planner")
    axe_check(page)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def url_path(live_server, path: str) -> re.Pattern:
    """A pattern for `expect(page).to_have_url` matching exactly this path on the live server."""
    return re.compile(re.escape(live_server.url + path) + r"(#.*)?$")
