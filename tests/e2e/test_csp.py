import pytest
from playwright.sync_api import expect

from .support import axe_check, log_in, url_path

pytestmark = pytest.mark.e2e


def test_dashboard_works_under_the_content_security_policy(page, e2e_cast, live_server):
    log_in(page, "member@a.example")
    expect(page).to_have_url(url_path(live_server, "/d/riverbend/"))
    axe_check(page)

    console = []
    page.on("console", lambda message: console.append((message.type, message.text)))
    page_errors = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))

    response = page.goto("/d/riverbend/2026-27/")

    assert response.status == 200
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy, policy
    assert "unsafe-inline" not in policy, policy
    expect(page.get_by_role("heading", level=1)).to_have_text("SEL planning 2026-27")
    page.wait_for_load_state("load")
    # The page's own scripts and styles loaded from 'self' and ran.
    assert page.evaluate("typeof window.bootstrap") == "object"
    assert page.evaluate("typeof window.htmx") == "object"
    skip_link_position = page.get_by_role("link", name="Skip to main content").evaluate(
        "link => getComputedStyle(link).position"
    )
    assert skip_link_position == "absolute"  # from static/css/app.css
    csp_messages = [text for _type, text in console if "Content Security Policy" in text]
    assert csp_messages == []
    errors = [text for kind, text in console if kind == "error"]
    assert errors == []
    assert page_errors == []
    axe_check(page)

    # Control: the console does report a violation. An inline script added now is refused.
    with page.expect_console_message(
        predicate=lambda message: "Content Security Policy" in message.text
    ) as refused:
        page.evaluate(
            """() => {
                const script = document.createElement("script");
                script.textContent = "window.inlineRan = true";
                document.body.append(script);
            }"""
        )
    assert refused.value.type == "error"
    assert page.evaluate("window.inlineRan") is None
