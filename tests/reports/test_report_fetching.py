"""What a report may fetch while it is rendered (nothing but our static files), and task limits."""

import http.server
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from sel_planner.celery import app as celery_app
from sel_planner.reports import assembly, pdf, services, worker
from tests.factories import ReportDraftFactory

ROOT = Path(__file__).resolve().parents[2]


def _static_file_uri() -> str:
    return (Path(settings.STATICFILES_DIRS[0]) / "img" / "favicon.svg").resolve().as_uri()


@pytest.fixture
def target():
    """An HTTP server on 127.0.0.1 standing in for the metadata service: it records every hit."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # the name http.server calls
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.hits = hits
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def fetches(monkeypatch):
    """Every URL WeasyPrint asked the report's fetcher for, and whether it was refused."""
    seen = []
    real_class = pdf._fetcher_class

    def spying_class():
        base = real_class()

        class Spy(base):
            def fetch(self, url, headers=None):
                try:
                    result = super().fetch(url, headers)
                except Exception:
                    seen.append((url, "refused"))
                    raise
                seen.append((url, "served"))
                return result

        return Spy

    monkeypatch.setattr(pdf, "_fetcher_class", spying_class)
    return seen


def test_the_target_server_records_a_real_fetch(target):
    """The trap works: an ordinary fetch of it is recorded (so "no hits" below means something)."""
    with urllib.request.urlopen(f"{target.url}/control") as response:
        assert response.status == 200
    assert target.hits == ["/control"]


def test_the_fetcher_refuses_remote_and_local_files_and_nothing_reaches_the_target(target, fetches):
    html = (
        '<html lang="en"><head><title>t</title>'
        f'<link rel="stylesheet" href="{target.url}/style.css">'
        f"<style>@import url('{target.url}/imported.css'); "
        f"p {{ background: url('{target.url}/background.png'); }}</style></head>"
        f'<body><p>x</p><img alt="a" src="{target.url}/latest/meta-data/">'
        '<img alt="b" src="http://169.254.169.254/latest/meta-data/">'
        '<img alt="c" src="file:///etc/passwd">'
        f'<img alt="d" src="{_static_file_uri()}"></body></html>'
    )
    assert pdf.html_to_pdf(html).startswith(b"%PDF")

    assert target.hits == []
    asked = dict(fetches)
    for url in (
        f"{target.url}/style.css",
        f"{target.url}/latest/meta-data/",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
    ):
        assert asked.get(url) == "refused", (url, fetches)
    served = [url for url, outcome in fetches if outcome == "served"]
    assert served == [_static_file_uri()], "the project's own static files are still served"


def test_urls_typed_into_a_report_text_fetch_nothing(cast, target, fetches):
    ReportDraftFactory(
        cycle=cast.cycle,
        overview=(
            f'<img src="{target.url}/typed/"> <img src="http://169.254.169.254/"> '
            '<img src="file:///etc/passwd"> <link rel="stylesheet" href="file:///etc/passwd">'
        ),
    )
    html = assembly.build_html(cycle=cast.cycle, kind="annual")
    assert '<img src="file:///etc/passwd">' not in html, "the text is escaped, not markup"
    job, _new = services.report_request(cycle=cast.cycle, kind="annual")
    worker.report_generate(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "done"

    assert target.hits == []
    for url, _outcome in fetches:
        assert "169.254" not in url and "passwd" not in url and target.url not in url, url


def test_every_task_ends_before_the_broker_hands_it_to_another_worker():
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    ours = {name: task for name, task in celery_app.tasks.items() if not name.startswith("celery.")}
    assert "reports.generate_report" in ours
    for name, task in ours.items():
        hard = task.time_limit or celery_app.conf.task_time_limit
        soft = task.soft_time_limit or celery_app.conf.task_soft_time_limit
        assert hard is not None and hard < visibility, name
        assert soft is not None and 0 < soft < hard, name


def test_settings_refuse_a_time_limit_above_the_visibility_timeout():
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": "/tmp",
        "DJANGO_SETTINGS_MODULE": "sel_planner.settings",
        "CELERY_TASK_TIME_LIMIT": "4000",
        "CELERY_VISIBILITY_TIMEOUT": "3600",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "CELERY_VISIBILITY_TIMEOUT must hold" in result.stderr
