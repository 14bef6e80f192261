"""Health check, settings from the environment, the registry, and security headers."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from sel_planner.districts import registry
from sel_planner.districts.registry import WorkbookTool

ROOT = Path(__file__).resolve().parent.parent


def test_healthz_reports_the_database_without_login(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert "Cache-Control" in response.headers


def test_healthz_fails_when_the_broker_is_unreachable(client, db, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unhealthy", "database": "ok", "broker": "unreachable"}


def _settings_in_subprocess(env: dict, code: str) -> str:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DATABASE_URL",
            "CELERY_BROKER_URL",
            "DEBUG",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "REDIS_URL",
            "EMAIL_HOST",
            "REQUIRE_SERVICES",
            "CELERY_RESULT_BACKEND",
        }
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "sel_planner.settings", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_no_environment_means_development_defaults():
    out = _settings_in_subprocess(
        {},
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.DEBUG, s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, "
        "s.EMAIL_BACKEND]))",
    )
    assert json.loads(out) == [
        True,
        "django.db.backends.sqlite3",
        True,
        "django.core.mail.backends.console.EmailBackend",
    ]


def test_development_database_keeps_no_connections_and_production_keeps_them():
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps(s.DATABASES['default']['CONN_MAX_AGE']))"
    )
    assert json.loads(_settings_in_subprocess({}, code)) == 0
    assert json.loads(_settings_in_subprocess(PRODUCTION, code)) == 60


SQLITE_WRITERS = """
import json, sys, threading, time, django
django.setup()
from django.db import connection, transaction
from django.core.management import call_command
call_command("migrate", "districts", verbosity=0)
from sel_planner.districts.models import District
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    mode = cursor.fetchone()[0]
    cursor.execute("PRAGMA busy_timeout")
    timeout = cursor.fetchone()[0]
errors = []

def save(name):
    # As a save does: read the row, then write, in one transaction; the other request's
    # transaction overlaps it.
    try:
        with transaction.atomic():
            District.objects.count()
            time.sleep(0.5)
            District.objects.create(name=name, slug=name.lower())
    except Exception as exc:
        errors.append(repr(exc))
    connection.close()

threads = [threading.Thread(target=save, args=(name,)) for name in ("First", "Second")]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps([mode, timeout, errors, District.objects.count()]))
"""


def test_sqlite_writes_at_once_wait_for_each_other(tmp_path):
    """The embedded database: a second write waits for the first instead of failing."""
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    out = _settings_in_subprocess({"DATABASE_URL": database}, SQLITE_WRITERS)
    assert json.loads(out.splitlines()[-1]) == ["wal", 20000, [], 2]


PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 20 + "production-secret-with-enough-entropy-0123456789",
    "ALLOWED_HOSTS": "sel.example.org",
    "DATABASE_URL": "postgres://sel:pw@db:5432/sel",
    "CELERY_BROKER_URL": "redis://redis:6379/0",
    "REDIS_URL": "redis://redis:6379/1",
    "EMAIL_HOST": "smtp.example.org",
}


def test_production_settings_pass_the_deploy_check():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            **PRODUCTION,
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_secret_key_refuses_to_start():
    env = {**PRODUCTION, "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "sel_planner.settings", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_use_the_environment():
    out = _settings_in_subprocess(
        PRODUCTION,
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.DEBUG, s.DATABASES['default']['ENGINE'], "
        "s.DATABASES['default']['HOST'], s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL, "
        "s.EMAIL_BACKEND, s.ALLOWED_HOSTS, s.CELERY_TASK_ACKS_LATE, s.CELERY_TASK_TIME_LIMIT]))",
    )
    assert json.loads(out) == [
        False,
        "django.db.backends.postgresql",
        "db",
        False,
        "redis://redis:6379/0",
        "django.core.mail.backends.smtp.EmailBackend",
        ["sel.example.org"],
        True,
        300,
    ]


def test_bad_boolean_in_the_environment_is_explained():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "sel_planner.settings", "DEBUG": "maybe"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "DEBUG must be true or false" in result.stderr


def test_registry_has_the_six_tools_in_workbook_order():
    tools = registry.tools()
    assert [t.slug for t in tools] == [
        "vision",
        "goals",
        "inventory",
        "rubric",
        "roadmap",
        "actionplan",
    ]
    assert [t.order for t in tools] == [1, 2, 3, 4, 5, 6]
    for tool in tools:
        module = __import__(f"{tool.slug}.tool", fromlist=["TOOL"])
        assert module.TOOL is tool


def test_registry_refuses_a_second_tool_with_the_same_slug():
    clash = WorkbookTool(
        slug="rubric",
        title="x",
        order=9,
        question="",
        description="",
        estimated_time="",
        materials="",
    )
    with pytest.raises(ValueError, match="already registered"):
        registry.register(clash)


def test_tool_without_pages_reports_not_started(cast, monkeypatch):
    # A tool registered for this test only, so that it stays one without pages.
    tool = registry.WorkbookTool(
        slug="placeholder",
        title="Placeholder",
        order=99,
        question="",
        description="",
        estimated_time="",
        materials="",
    )
    monkeypatch.setitem(registry._tools, "placeholder", tool)
    progress = registry.get_tool("placeholder").progress(cast.cycle)
    assert (progress.state, progress.percent) == ("not_started", 0)
    assert tool.url(cast.cycle) == "/d/riverbend/2026-27/tools/placeholder/"
    assert cast.client("viewer").get("/d/riverbend/2026-27/tools/nothing/").status_code == 404


def test_strict_content_security_policy(cast):
    response = cast.client("lead").get("/d/riverbend/2026-27/")
    policy = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response.headers["X-Frame-Options"] == "DENY"


PAGES = [
    "/d/riverbend/",
    "/d/riverbend/2026-27/",
    "/d/riverbend/members/",
    "/d/riverbend/schools/",
    "/d/riverbend/settings/",
    "/d/riverbend/cycles/new/",
    "/d/riverbend/2026-27/tools/goals/",
]


@pytest.mark.parametrize("url", PAGES)
def test_pages_have_no_inline_script_or_style_and_one_h1(cast, url):
    html = cast.client("lead").get(url).content.decode()
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert re.findall(r"\sstyle=", html) == []
    assert re.findall(r"\son[a-z]+=", html) == []
    assert html.count("<h1") == 1
    assert 'href="#main"' in html and 'id="main"' in html


def test_user_text_is_escaped(cast):
    cast.district.name = '<script>alert("x")</script>'
    cast.district.save()
    html = cast.client("member").get("/d/riverbend/").content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


def test_csrf_is_enforced(cast):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.lead)
    response = client.post(
        reverse("districts:school_create", kwargs={"district": "riverbend"}), {"name": "X"}
    )
    assert response.status_code == 403
    assert cast.district.schools.count() == 1


def test_healthz_checks_the_configured_broker(client, db, settings):
    if not settings.CELERY_BROKER_URL:
        from .conftest import require_service

        require_service("CELERY_BROKER_URL is not set: no broker for the health check to reach")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["broker"] == "ok"


def test_the_licence_and_the_notice_of_casels_content_are_there():
    licence = (ROOT / "LICENSE").read_text()
    assert licence.startswith("MIT License")
    notice = (ROOT / "NOTICE").read_text()
    assert "Collaborative for Academic, Social, and Emotional" in notice
    assert "not covered by the MIT License" in notice
    for path in re.findall(r"^  ([\w/.]+?)\s{2,}", notice, flags=re.MULTILINE):
        assert (ROOT / path).exists(), path
