"""Browser tests: Debian's Chromium, driven by Playwright against pytest-django's live server.

One browser per session, a fresh context (cookies, storage) per test. Only /usr/bin/chromium
is used: no browser is ever downloaded.
"""

import os
import re
from pathlib import Path

import pytest

from tests.conftest import require_service

from .support import AxeCoverage

# Playwright's sync API runs an event loop in the main thread; Django would otherwise refuse
# ORM calls from the test (factories, assertions) as "async unsafe".
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TIMEOUT_MS = 10_000


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)  # read by `new_page` to screenshot failures
    return report


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        require_service(
            f"{CHROMIUM} is missing: install Debian's chromium package to run the browser tests"
        )
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def e2e_cast(transactional_db, live_server, cast):
    """The shared `cast`, committed so the live server's thread sees it.

    `transactional_db` is requested first: pytest-django then runs `cast`'s `db` as a
    TransactionTestCase (real commits, tables flushed afterwards) instead of a rolled-back
    transaction the server could not see.
    """
    return cast


@pytest.fixture
def new_page(browser, live_server, request):
    """Open a page in a fresh browser context (its own cookies): `new_page()`.

    Call it twice for two people using the app at once. At teardown the fixture saves a
    screenshot of every page if the test failed, and fails the test if a page showed a
    document that `axe_check` never looked at.
    """
    contexts = []
    pages = []

    def open_page():
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page._axe_coverage = AxeCoverage(page)
        pages.append(page)
        return page

    yield open_page

    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    try:
        if failed:
            ARTIFACTS.mkdir(exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
            for number, page in enumerate(pages, start=1):
                try:
                    page.screenshot(path=str(ARTIFACTS / f"{name}-{number}.png"), full_page=True)
                except Exception as error:  # a screenshot is best effort
                    print(f"could not save a screenshot of {page.url}: {error}")
        missed = [url for page in pages for url in page._axe_coverage.missed()]
    finally:
        for context in contexts:
            context.close()
    if not failed and missed:
        pytest.fail(f"axe_check was not run on: {', '.join(missed)}", pytrace=False)


@pytest.fixture
def page(new_page):
    return new_page()
