"""Reports: a viewer prints the annual report, watches it progress and downloads the PDF."""

import threading
from unittest import mock

import pytest
from django.db import connection
from playwright.sync_api import expect

from sel_planner.reports.models import ReportDraft, ReportJob
from sel_planner.reports.tasks import generate_report

from .support import axe_check, log_in, url_path

pytestmark = pytest.mark.e2e

CYCLE = "/d/riverbend/2026-27/"
REPORTS = f"{CYCLE}reports/"
LEARNING = "Families asked for news of SEL in their home languages."


class BackgroundWorker:
    """Runs queued report jobs in a thread, as a worker would, slowly enough to be watched."""

    def __init__(self):
        self.threads = []

    def delay(self, job_id):
        def run():
            try:
                generate_report.apply(args=[job_id])
            finally:
                connection.close()

        thread = threading.Thread(target=run, daemon=True)
        self.threads.append(thread)
        thread.start()

    def join(self):
        for thread in self.threads:
            thread.join(timeout=60)


@pytest.fixture
def worker(settings):
    settings.REPORTS_SECTION_DELAY = 0.4
    background = BackgroundWorker()
    with mock.patch.object(generate_report, "delay", background.delay):
        yield background
    background.join()


def test_viewer_prints_the_annual_report_and_downloads_it(new_page, e2e_cast, live_server, worker):
    ReportDraft.objects.create(cycle=e2e_cast.cycle, learnings=LEARNING)
    page = new_page()
    log_in(page, "viewer@a.example")
    expect(page).to_have_url(url_path(live_server, "/d/riverbend/"))
    axe_check(page)
    page.goto(CYCLE)
    axe_check(page)
    page.get_by_role("navigation", name="Workbook tools").get_by_role(
        "link", name="Reports"
    ).click()
    expect(page).to_have_url(url_path(live_server, REPORTS))
    expect(page.get_by_role("heading", level=1)).to_have_text("Reports")
    expect(page.get_by_text("No report printed yet.")).to_be_visible()
    expect(page.get_by_role("link", name="Edit the report draft")).to_have_count(0)
    axe_check(page)

    # The preview reads like the report, the key learnings last.
    page.get_by_role("link", name="Preview the annual report").click()
    expect(page).to_have_url(url_path(live_server, f"{REPORTS}preview/annual/"))
    expect(page.get_by_role("heading", level=2, name="Key learnings, conclusions, and next steps"))
    expect(page.get_by_text(LEARNING)).to_be_visible()
    expect(page.get_by_text("Nothing for this section yet").first).to_be_visible()
    axe_check(page)

    page.get_by_role("button", name="Print this as a PDF").click()
    job = ReportJob.objects.get()
    expect(page).to_have_url(url_path(live_server, f"{REPORTS}jobs/{job.code}/"))
    progress = page.get_by_role("progressbar")
    expect(progress).to_be_visible()
    axe_check(page)
    expect(page.get_by_text("Preparing the report: step")).to_be_visible()
    expect(progress).not_to_have_attribute("value", "0")
    download_link = page.get_by_role("link", name="Download the PDF")
    expect(download_link).to_be_visible(timeout=30_000)
    expect(page.get_by_role("progressbar")).to_have_count(0)
    expect(page.locator("#job-status").get_by_role("status")).to_have_text("The report is ready.")
    axe_check(page)
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename == "riverbend-2026-27-annual.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    job.refresh_from_db()
    assert (job.status, job.requested_by, job.attempts) == ("done", e2e_cast.viewer, 1)

    # The list shows who asked for it.
    page.get_by_role("link", name="Back to the reports").click()
    expect(page).to_have_url(url_path(live_server, REPORTS))
    row = page.get_by_role("row").filter(has_text="Annual stakeholder report")
    expect(row).to_contain_text(e2e_cast.viewer.display_name)
    expect(row).to_contain_text("Ready")
    axe_check(page)


def test_lead_writes_the_draft_publishes_the_summary_and_withdraws_it(
    new_page, e2e_cast, live_server
):
    page = new_page()
    log_in(page, "lead@a.example")
    expect(page).to_have_url(url_path(live_server, "/d/riverbend/"))
    axe_check(page)
    page.goto(REPORTS)
    axe_check(page)
    page.get_by_role("link", name="Edit the report draft").click()
    expect(page).to_have_url(url_path(live_server, f"{REPORTS}draft/"))
    axe_check(page)
    page.get_by_role("textbox", name="Key learnings, conclusions, and next steps").fill(LEARNING)
    public_sections = page.get_by_role("group", name="Narrative shown on the public summary")
    expect(
        public_sections.get_by_label("Key learnings, conclusions, and next steps")
    ).to_be_checked()
    page.get_by_label("Notes for the committee").fill("Ask the board about the budget.")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(url_path(live_server, REPORTS))
    expect(page.get_by_text("The report draft is saved.")).to_be_visible()
    axe_check(page)

    page.get_by_role("button", name="Publish the public summary").click()
    expect(page).to_have_url(url_path(live_server, REPORTS))
    token = ReportDraft.objects.get().public_token
    link = page.get_by_role("link", name=f"{live_server.url}/r/{token}/")
    expect(link).to_be_visible()
    axe_check(page)

    public = new_page()
    public.goto(f"/r/{token}/")
    expect(public.get_by_role("heading", level=1)).to_contain_text("our report for 2026-27")
    expect(public.get_by_text(LEARNING)).to_be_visible()
    expect(public.get_by_text("Ask the board")).to_have_count(0)
    axe_check(public)

    page.get_by_role("button", name="Withdraw the public summary").click()
    expect(page.get_by_text("its link no longer works")).to_be_visible()
    axe_check(page)
    public.reload()
    expect(public.get_by_role("heading", level=1)).to_have_text("This summary is not available")
    axe_check(public)
