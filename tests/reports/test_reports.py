"""Reports: requesting and generating PDFs in process, the pages, downloads and the draft."""

import io
import re
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from sel_planner.districts.models import PlanningCycle
from sel_planner.districts.registry import tools
from sel_planner.reports import assembly, services, worker
from sel_planner.reports.models import SECTION_TITLES, ReportDraft, ReportJob
from sel_planner.reports.tasks import generate_report

from ..factories import ReportDraftFactory, ReportJobFactory, UserFactory
from .support import assert_demo_annual_report, assert_workbook_record, flat, pdf_text

HOME = "/d/riverbend/2026-27/reports/"


def _job_url(job, name="job"):
    return reverse(
        f"reports:{name}",
        kwargs={"district": job.cycle.district.slug, "cycle": job.cycle.slug, "code": job.code},
    )


def _stored_reports() -> list[str]:
    root = Path(settings.STORAGES["default"]["OPTIONS"]["location"]) / "reports"
    return sorted(str(p) for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())
    return PlanningCycle.objects.select_related("district").get(
        district__slug="riverbend", slug="2026-27"
    )


def _request(client, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{HOME}request/", data)
    return response


# Requesting and downloading


def test_a_viewer_requests_the_annual_report_and_downloads_it(
    cast, django_capture_on_commit_callbacks
):
    client = cast.client("viewer")
    response = _request(client, django_capture_on_commit_callbacks, kind="annual")
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == _job_url(job)
    assert (job.status, job.requested_by, job.kind) == ("done", cast.viewer, "annual")
    assert job.progress_done == job.progress_total == len(SECTION_TITLES) + 1
    download = client.get(_job_url(job, "download"))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "riverbend-2026-27-annual.pdf" in download["Content-Disposition"]
    data = b"".join(download.streaming_content)
    assert data.startswith(b"%PDF")
    assert "Riverbend Unified" in pdf_text(data)


def test_one_tool_alone_prints_only_that_tool(cast, django_capture_on_commit_callbacks):
    _request(cast.client("member"), django_capture_on_commit_callbacks, kind="tool", tool="goals")
    job = ReportJob.objects.get()
    assert (job.status, job.tool, job.progress_total) == ("done", "goals", 2)
    text = pdf_text(job.file.read())
    assert "Long-term SMARTIE goals" in text
    assert "Implementation rubric" not in text


def test_a_tool_report_without_a_known_tool_is_refused(cast, django_capture_on_commit_callbacks):
    client = cast.client("lead")
    response = _request(client, django_capture_on_commit_callbacks, kind="tool", tool="nope")
    assert response.status_code == 302
    assert not ReportJob.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Select a valid choice" in page
    _request(client, django_capture_on_commit_callbacks, kind="tool")
    assert not ReportJob.objects.exists()
    _request(client, django_capture_on_commit_callbacks, kind="everything")
    assert not ReportJob.objects.exists()


def test_a_download_of_another_districts_report_is_not_found(cast):
    job = ReportJobFactory(cycle=cast.other_cycle, done=True)
    url = reverse(
        "reports:download", kwargs={"district": "riverbend", "cycle": "2026-27", "code": job.code}
    )
    assert cast.client("lead").get(url).status_code == 404
    assert cast.client("lead").get(_job_url(job, "download")).status_code == 404
    assert cast.client("outsider").get(_job_url(job, "download")).status_code == 200


def test_an_unfinished_report_has_no_download(cast):
    job = ReportJobFactory(cycle=cast.cycle, kind="annual", progress_total=8)
    assert cast.client("lead").get(_job_url(job, "download")).status_code == 404


# The demo district's reports


def test_the_demo_annual_report_holds_each_tools_part_in_the_workbook_order(demo):
    job, _new = services.report_request(cycle=demo, kind="annual")
    assert worker.report_generate(job_id=job.pk) == "done"
    job.refresh_from_db()
    assert_demo_annual_report(job.file.read(), demo)


def test_the_workbook_record_has_a_section_for_every_registered_tool(demo):
    job, _new = services.report_request(cycle=demo, kind="workbook")
    worker.report_generate(job_id=job.pk)
    job.refresh_from_db()
    assert job.progress_total == len(tools()) + 1
    assert_workbook_record(job.file.read())


def test_the_pdf_is_tagged_with_its_language_and_embeds_its_fonts(demo):
    html = assembly.build_html(cycle=demo, kind="annual")
    from sel_planner.reports.pdf import html_to_pdf

    reader = PdfReader(io.BytesIO(html_to_pdf(html)))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    fonts = [
        font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values()
    ]
    assert fonts
    for font in fonts:
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor
    first = reader.pages[0].extract_text()
    assert "Riverbend Unified School District" in first and "2026-27" in first
    contents = reader.pages[1].extract_text()
    assert re.search(r"Key learnings, conclusions, and next steps \.+ \d+", contents)
    assert re.search(r"\d+ / \d+", reader.pages[2].extract_text())


def test_report_templates_run_no_queries(demo):
    annual = assembly.annual_sections(demo)
    with CaptureQueriesContext(connection) as captured:
        assembly.render_annual(annual, public=False)
        assembly.document_html(cycle=demo, kind="annual", sections=annual)
    assert len(captured) == 0, [q["sql"] for q in captured]


# Bad input


def test_a_report_of_an_empty_cycle_says_what_is_missing(cast):
    job, _new = services.report_request(cycle=cast.cycle, kind="annual")
    worker.report_generate(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "done"
    text = pdf_text(job.file.read())
    # A new cycle starts from the workbook's stakeholder groups, to be engaged: the engagement
    # section lists them; every other section says it has nothing yet.
    assert text.count("Nothing for this section yet") == len(SECTION_TITLES) - 1
    assert "Senior leaders" in text
    workbook, _new = services.report_request(cycle=cast.cycle, kind="workbook")
    worker.report_generate(job_id=workbook.pk)
    workbook.refresh_from_db()
    text = pdf_text(workbook.file.read())
    # The shared vision holds the workbook's starting roles, groups and questions from the start.
    assert text.count("Nothing has been recorded in this tool") == len(tools()) - 1


def test_narrative_with_html_is_shown_as_text(cast):
    ReportDraftFactory(
        cycle=cast.cycle, overview='<b>Bold</b> <img src="http://169.254.169.254/"> & more'
    )
    page = cast.client("viewer").get(f"{HOME}preview/annual/").content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt; &lt;img" in page
    assert "<b>Bold</b>" not in page
    html = assembly.build_html(cycle=cast.cycle, kind="annual")
    assert "<b>Bold" not in html and "&lt;b&gt;Bold" in html


def test_the_pdf_fetches_nothing_but_the_projects_static_files(cast):
    from urllib import request as urllib_request

    from sel_planner.reports.pdf import allowed_file, html_to_pdf, stylesheet_path

    opened = []
    real_open = urllib_request.OpenerDirector.open

    def spy(self, url, *args, **kwargs):
        opened.append(url if isinstance(url, str) else url.full_url)
        return real_open(self, url, *args, **kwargs)

    html = (
        '<html lang="en"><head><title>t</title></head><body><p>x</p>'
        '<img alt="a" src="http://169.254.169.254/latest/meta-data/">'
        '<img alt="b" src="file:///etc/passwd">'
        '<link rel="stylesheet" href="https://example.com/x.css"></body></html>'
    )
    with mock.patch.object(urllib_request.OpenerDirector, "open", spy):
        pdf = html_to_pdf(html)
    assert pdf.startswith(b"%PDF")
    assert [url for url in opened if not url.startswith("file://")] == []
    assert not any("passwd" in url for url in opened)
    assert allowed_file("file:///etc/passwd") is None
    assert allowed_file("file://evil.example/etc/passwd") is None
    assert allowed_file(stylesheet_path().as_uri()) is not None
    assert allowed_file(stylesheet_path().as_uri().replace("report.css", "../../etc")) is None


def test_a_failed_job_shows_the_error_serves_no_file_and_can_be_retried(
    cast, django_capture_on_commit_callbacks
):
    client = cast.client("member")
    with mock.patch("sel_planner.reports.worker.html_to_pdf", side_effect=RuntimeError("boom")):
        _request(client, django_capture_on_commit_callbacks, kind="annual")
    job = ReportJob.objects.get()
    assert job.status == "failed" and not job.file and _stored_reports() == []
    assert "boom" not in job.error and "Try again" in job.error
    page = client.get(_job_url(job)).content.decode()
    assert job.error.split(";")[0] in page
    assert "Try again</button>" in page
    assert client.get(_job_url(job, "download")).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(_job_url(job, "job_retry")).status_code == 302
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == ("done", 2, "")
    assert client.get(_job_url(job, "download")).status_code == 200
    client.post(_job_url(job, "job_retry"))
    assert ReportJob.objects.get().attempts == 2, "a finished job is not retried"


def test_a_transient_error_in_process_fails_the_job_in_plain_words(cast):
    job, _new = services.report_request(cycle=cast.cycle, kind="annual")
    with mock.patch(
        "sel_planner.reports.tasks.report_generate", side_effect=OperationalError("gone")
    ):
        assert generate_report.apply(args=[job.pk]).get() == "failed"
    job.refresh_from_db()
    assert job.status == "failed" and "busy" in job.error


def test_a_stalled_job_offers_a_retry(cast, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    started = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 120)
    job = ReportJobFactory(
        cycle=cast.cycle, kind="annual", progress_total=8, status="running", started_at=started
    )
    page = cast.client("viewer").get(_job_url(job)).content.decode()
    assert "stopped before it was finished" in page and "hx-trigger" not in page
    with django_capture_on_commit_callbacks(execute=True):
        cast.client("viewer").post(_job_url(job, "job_retry"))
    job.refresh_from_db()
    assert job.status == "done"


# The task


def test_a_second_delivery_of_a_job_produces_one_file(cast):
    job, _new = services.report_request(cycle=cast.cycle, kind="annual")
    assert generate_report.apply(args=[job.pk]).get() == "done"
    first = ReportJob.objects.get(pk=job.pk)
    assert generate_report.apply(args=[job.pk]).get() == "skipped"
    again = ReportJob.objects.get(pk=job.pk)
    assert (again.attempts, again.file.name, again.finished_at) == (
        1,
        first.file.name,
        first.finished_at,
    )
    assert _stored_reports() == [default_storage.path(first.file.name)]


def test_a_delivery_after_a_worker_died_replaces_its_leftover_file(cast):
    job, _new = services.report_request(cycle=cast.cycle, kind="annual")
    name = job.file.field.generate_filename(job, "report.pdf")
    default_storage.save(name, ContentFile(b"half a PDF"))
    ReportJob.objects.filter(pk=job.pk).update(status="running", attempts=1)
    assert worker.report_generate(job_id=job.pk) == "done"
    job.refresh_from_db()
    assert (job.status, job.attempts, job.file.name) == ("done", 2, name)
    assert _stored_reports() == [default_storage.path(name)]
    assert job.file.read().startswith(b"%PDF")


def test_the_task_is_late_acknowledged_retried_and_time_limited_below_the_visibility_timeout():
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert generate_report.acks_late is True
    assert generate_report.reject_on_worker_lost is True
    assert 0 < generate_report.soft_time_limit < generate_report.time_limit < visibility
    assert OperationalError in generate_report.autoretry_for
    assert generate_report.retry_backoff and generate_report.max_retries >= 3


def test_the_task_takes_the_job_id_only_and_is_queued_on_commit(
    cast, django_capture_on_commit_callbacks
):
    with mock.patch("sel_planner.reports.tasks.generate_report.delay") as delay:
        with django_capture_on_commit_callbacks() as callbacks:
            job, _new = services.report_request(cycle=cast.cycle, kind="annual", user=cast.lead)
            delay.assert_not_called()
        assert len(callbacks) == 1
        callbacks[0]()
    delay.assert_called_once_with(job.pk)


# The pages


def test_the_job_fragment_polls_until_the_report_is_ready(cast):
    job = ReportJobFactory(
        cycle=cast.cycle, kind="annual", progress_total=8, progress_done=3, status="running"
    )
    client = cast.client("viewer")
    fragment = client.get(_job_url(job), headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in fragment
    assert '<progress id="job-progress"' in fragment and 'value="3"' in fragment
    assert "step 3 of 8" in fragment and "<html" not in fragment
    job.file.save("report.pdf", ContentFile(b"%PDF-1.7"), save=False)
    job.status, job.progress_done = "done", 8
    job.save()
    fragment = client.get(_job_url(job), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in fragment and _job_url(job, "download") in fragment


def test_the_home_page_lists_reports_with_who_asked_and_when(cast):
    ReportJobFactory(cycle=cast.cycle, kind="workbook", progress_total=7, requested_by=cast.member)
    page = cast.client("viewer").get(HOME).content.decode()
    assert "Workbook record" in page and cast.member.display_name in page
    assert "Print the annual report" in page
    assert "Publish the public summary" not in page, "only a lead publishes"
    assert "Edit the report draft" not in page, "a viewer edits nothing"


def test_the_home_page_says_what_to_do_when_nothing_was_printed(cast):
    page = cast.client("lead").get(HOME).content.decode()
    assert "No report printed yet" in page and "Publish the public summary" in page


def test_the_home_page_costs_the_same_queries_with_few_and_many_reports(cast):
    def count():
        with CaptureQueriesContext(connection) as captured:
            assert cast.client("lead").get(HOME).status_code == 200
        return len(captured)

    ReportJobFactory(cycle=cast.cycle, kind="annual", requested_by=cast.lead)
    few = count()
    for index in range(40):
        ReportJobFactory(
            cycle=cast.cycle, kind="annual", requested_by=UserFactory(full_name=f"P {index}")
        )
    assert count() == few
    assert "Page 1 of 3" in cast.client("lead").get(HOME).content.decode()


def test_a_lead_deletes_an_old_report_after_confirming(cast):
    job = ReportJobFactory(cycle=cast.cycle, done=True)
    client = cast.client("lead")
    confirm = client.get(_job_url(job, "job_delete"))
    assert confirm.status_code == 200 and "Delete this report?" in confirm.content.decode()
    assert ReportJob.objects.exists() and len(_stored_reports()) == 1
    assert client.post(_job_url(job, "job_delete")).status_code == 302
    assert not ReportJob.objects.exists() and _stored_reports() == []


def test_the_preview_shows_the_seven_sections_and_the_workbook_preview_every_tool(demo):
    from django.test import Client

    from sel_planner.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email="viewer@riverbend.example"))
    page = client.get(f"{HOME}preview/annual/").content.decode()
    for title in SECTION_TITLES.values():
        assert str(title).replace("'", "&#x27;") in page
    page = client.get(f"{HOME}preview/workbook/").content.decode()
    for tool in tools():
        assert str(tool.title) in page
    assert client.get(f"{HOME}preview/other/").status_code == 404


# The draft


def _draft_data(draft=None, **fields):
    data = dict.fromkeys(SECTION_TITLES, "")
    data["public_sections"] = ["overview", "learnings"]
    if draft is not None:
        data["version"] = draft.version
    return {**data, **fields}


def test_a_member_writes_the_draft_and_it_appears_in_the_report(cast):
    client = cast.client("member")
    response = client.post(f"{HOME}draft/", _draft_data(learnings="We learned to listen."))
    assert response.status_code == 302
    draft = ReportDraft.objects.get(cycle=cast.cycle)
    assert draft.learnings == "We learned to listen."
    assert draft.public_sections == ["overview", "learnings"]
    assert (
        "We learned to listen."
        in cast.client("viewer").get(f"{HOME}preview/annual/").content.decode()
    )


def test_a_stale_draft_save_shows_the_conflict_page(cast):
    draft = ReportDraftFactory(cycle=cast.cycle, overview="Ours.")
    client = cast.client("member")
    client.post(f"{HOME}draft/", _draft_data(draft, overview="Member's text."))
    response = cast.client("lead").post(f"{HOME}draft/", _draft_data(draft, overview="Lead's."))
    assert response.status_code == 409
    assert "Member&#x27;s text." in response.content.decode()
    draft.refresh_from_db()
    assert (draft.overview, draft.version) == ("Member's text.", 2)


def test_a_too_long_narrative_is_refused_beside_the_field(cast):
    response = cast.client("member").post(f"{HOME}draft/", _draft_data(overview="x" * 20_001))
    assert response.status_code == 200
    assert "at most 20000 characters" in response.content.decode().replace(",", "")
    assert not ReportDraft.objects.exists()


def test_a_lead_restores_an_earlier_draft_and_the_publication_stays(cast):
    draft = ReportDraftFactory(cycle=cast.cycle, overview="First.")
    draft.overview, draft.version = "Second.", 2
    draft.save()
    services.summary_publish(draft=draft)
    token = ReportDraft.objects.get().public_token
    first = draft.history.order_by("history_date").first()
    page = cast.client("viewer").get(f"{HOME}draft/history/").content.decode()
    assert "First." in page and "Second." in page
    url = f"{HOME}draft/history/{first.history_id}/restore/"
    assert cast.client("lead").post(url).status_code == 302
    draft.refresh_from_db()
    assert (draft.overview, draft.public_token, draft.version) == ("First.", token, 3)


# The public summary


def test_the_public_summary_shows_only_public_parts_until_withdrawn(demo):
    from django.test import Client

    from sel_planner.accounts.models import User
    from vision.demo import EXAMPLE_VISION

    lead = Client()
    lead.force_login(User.objects.get(email="lead@riverbend.example"))
    assert lead.post(f"{HOME}publish/").status_code == 302
    draft = ReportDraft.objects.get(cycle=demo)
    assert draft.public_token and len(draft.public_token) >= 32
    url = reverse("reports_public:summary", kwargs={"token": draft.public_token})
    assert url in lead.get(HOME).content.decode()
    page = Client().get(url)
    assert page.status_code == 200
    text = flat(page.content.decode())
    assert flat(EXAMPLE_VISION) in text
    assert "90% of students will achieve the growth goals" in text
    assert flat(draft.learnings.splitlines()[0]) in text
    assert "Focus area 4" in text  # the progress chart and its data table
    assert "2 committee members answered the reflection and check-in" in text
    for name in User.objects.values_list("full_name", flat=True):
        assert name not in text
    assert draft.private_notes not in text
    assert draft.data not in text, "a narrative section the committee kept private"
    # The action plan's summary is public; the rubric's latest results in that section are not.
    assert str(SECTION_TITLES["summary"]) in text
    assert "Implementation rubric results:" in flat(
        lead.get(f"{HOME}preview/annual/").content.decode()
    )
    assert "Implementation rubric results:" not in text, "the rubric results are not public"
    assert "Baseline and target" not in text
    assert lead.post(f"{HOME}unpublish/").status_code == 302
    assert Client().get(url).status_code == 404
    lead.post(f"{HOME}publish/")
    assert ReportDraft.objects.get().public_token != draft.public_token
    assert Client().get(url).status_code == 404, "an old link stays dead"


def test_an_unknown_public_link_is_not_found(db):
    from django.test import Client

    assert Client().get("/r/not-a-real-token/").status_code == 404


def test_the_public_summary_is_rate_limited(cast, settings):
    settings.PUBLIC_LINK_RATE = "2/m"
    draft = services.summary_publish(draft=services.draft_for_edit(cycle=cast.cycle))
    url = reverse("reports_public:summary", kwargs={"token": draft.public_token})
    client = cast.client(None)
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]


def test_the_public_summary_asks_search_engines_not_to_index_it(cast):
    draft = services.summary_publish(draft=services.draft_for_edit(cycle=cast.cycle))
    url = reverse("reports_public:summary", kwargs={"token": draft.public_token})
    response = cast.client(None).get(url)
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    unknown = cast.client(None).get("/r/not-a-real-token/")
    assert unknown.status_code == 404 and unknown["X-Robots-Tag"] == "noindex, nofollow"


# The command line


def test_the_command_writes_the_pdf_through_a_job(demo, tmp_path):
    output = tmp_path / "annual.pdf"
    call_command(
        "generate_report",
        district="riverbend",
        cycle="2026-27",
        kind="annual",
        output=str(output),
        stdout=io.StringIO(),
    )
    assert output.read_bytes().startswith(b"%PDF")
    job = ReportJob.objects.get()
    assert (job.status, job.requested_by, job.attempts) == ("done", None, 1)
    assert "Key learnings" in pdf_text(output.read_bytes())


def test_the_command_refuses_an_unknown_cycle_or_tool(demo, tmp_path):
    with pytest.raises(CommandError, match="No such district"):
        call_command(
            "generate_report", district="x", cycle="2026-27", kind="annual", output=str(tmp_path)
        )
    with pytest.raises(CommandError, match="--tool"):
        call_command(
            "generate_report",
            district="riverbend",
            cycle="2026-27",
            kind="tool",
            tool="nope",
            output=str(tmp_path / "x.pdf"),
        )
    assert not ReportJob.objects.exists()


def _layout_pdf(body: str) -> PdfReader:
    from sel_planner.reports.pdf import html_to_pdf

    html = f'<html lang="en"><head><title>Layout</title></head><body>{body}</body></html>'
    return PdfReader(io.BytesIO(html_to_pdf(html)))


def test_long_tables_repeat_their_header_on_every_page():
    rows = "".join(f"<tr><th>Row {n}</th><td>{n}</td></tr>" for n in range(150))
    reader = _layout_pdf(
        "<table><thead><tr><th>Milestone heading</th><th>Value</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )
    assert len(reader.pages) >= 3
    for page in reader.pages:
        assert "Milestone heading" in page.extract_text()


def test_wide_content_gets_a_landscape_page():
    reader = _layout_pdf('<p>Portrait.</p><div class="report-landscape"><p>Wide.</p></div>')
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    assert sizes[0][0] < sizes[0][1], "letter, portrait"
    assert sizes[-1][0] > sizes[-1][1], "the report-landscape element's page"
    assert "Wide." in reader.pages[-1].extract_text()


def test_two_members_starting_the_draft_at_once_meet_the_conflict_page(cast):
    # The member opened the form while there was no draft; someone else saved one first.
    ReportDraftFactory(cycle=cast.cycle, overview="Theirs.")
    with mock.patch(
        "sel_planner.reports.assembly.draft_for", side_effect=[None, ReportDraft.objects.get()]
    ):
        response = cast.client("member").post(f"{HOME}draft/", _draft_data(overview="Mine."))
    assert response.status_code == 409
    assert "Theirs." in response.content.decode()
    assert ReportDraft.objects.get().overview == "Theirs."


def test_an_unreachable_broker_fails_the_job_in_plain_words(
    cast, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError as BrokerDown

    with mock.patch.object(generate_report, "delay", side_effect=BrokerDown("refused")):
        response = _request(
            cast.client("viewer"), django_capture_on_commit_callbacks, kind="annual"
        )
    assert response.status_code == 302
    job = ReportJob.objects.get()
    assert job.status == "failed" and "background service is unreachable" in job.error


def test_the_demo_draft_is_seeded_once(demo):
    call_command("seed_demo", stdout=io.StringIO())
    draft = ReportDraft.objects.get()
    assert draft.cycle == demo and draft.version == 1 and draft.history.count() == 1
    assert draft.learnings and draft.overview and draft.public_token is None


def test_a_transient_error_in_a_worker_is_retried_with_back_off(cast):
    from celery.exceptions import Retry

    job, _new = services.report_request(cycle=cast.cycle, kind="annual")
    countdowns = []

    def retry(*args, **kwargs):
        countdowns.append(kwargs.get("countdown"))
        raise Retry()

    generate_report.push_request(is_eager=False, retries=2, id="t-1")
    try:
        with (
            mock.patch(
                "sel_planner.reports.tasks.report_generate",
                side_effect=OperationalError("connection lost"),
            ),
            mock.patch.object(generate_report, "retry", side_effect=retry),
            # The jitter picks a wait up to the back-off; take its longest.
            mock.patch("celery.utils.time.random.randrange", side_effect=lambda n: n - 1),
            pytest.raises(Retry),
        ):
            generate_report.run(job.pk)
    finally:
        generate_report.pop_request()
    assert countdowns == [2 * 2**2], "the third try waits 8 seconds: 2, 4, 8, ... up to 60"
    job.refresh_from_db()
    assert job.status == "queued", "not failed while retries remain"
