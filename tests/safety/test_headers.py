"""Security headers on every HTML page, and the production settings that browsers rely on."""

import json
import subprocess
import sys
from pathlib import Path

from django.db import transaction
from django.urls import reverse

from ..test_access_matrix import OPEN, RULES, SIGNED_IN

ROOT = Path(__file__).resolve().parents[2]


def _directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


def _problems(response) -> list[str]:
    problems = []
    csp = response.headers.get("Content-Security-Policy")
    if csp is None:
        return ["no Content-Security-Policy"]
    directives = _directives(csp)
    for name in ("script-src", "style-src"):
        sources = directives.get(name)
        if sources is None:
            problems.append(f"no {name}")
        elif "'unsafe-inline'" in sources or "'unsafe-eval'" in sources or "*" in sources:
            problems.append(f"{name} {' '.join(sources)}")
    if directives.get("frame-ancestors") != ["'none'"]:
        problems.append(f"frame-ancestors {directives.get('frame-ancestors')}")
    if response.headers.get("X-Frame-Options") != "DENY":
        problems.append("X-Frame-Options is not DENY")
    if response.headers.get("X-Content-Type-Options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    if response.headers.get("Referrer-Policy") not in (
        "same-origin",
        "strict-origin",
        "no-referrer",
    ):
        problems.append(f"Referrer-Policy {response.headers.get('Referrer-Policy')}")
    return problems


def _html_pages(cast):
    """(label, who, url) for every GET of the access matrix, as a visitor who may see it.

    Each is a callable: the matrix's rules create the objects their URL needs, so each URL is
    built (and its objects rolled back) on its own.
    """
    for name, rule in RULES.items():
        if rule.get is not None:
            yield name, "lead", lambda rule=rule, name=name: reverse(name, kwargs=rule.kwargs(cast))
    for name, rule in OPEN.items():
        if "GET" in rule.methods:
            yield name, None, lambda rule=rule, name=name: reverse(name, kwargs=rule.kwargs(cast))
    for name, rule in SIGNED_IN.items():
        if "GET" in rule.methods:
            yield name, "lead", lambda rule=rule, name=name: reverse(name, kwargs=rule.kwargs(cast))
    yield "404 page", "lead", lambda: "/d/no-such-district/"
    yield (
        "403 page",
        "viewer",
        lambda: reverse("districts:school_create", kwargs={"district": cast.district.slug}),
    )


def test_every_html_page_carries_the_security_headers(cast):
    checked, failures = 0, {}
    statuses = set()
    clients = {who: cast.client(who) for who in ("lead", "viewer", None)}
    for label, who, make_url in _html_pages(cast):
        with transaction.atomic():
            url = make_url()
            response = clients[who].get(url)
            transaction.set_rollback(True)
        if not response.get("Content-Type", "").startswith("text/html") or not response.content:
            continue
        checked += 1
        statuses.add(response.status_code)
        problems = _problems(response)
        if problems:
            failures[f"{label} {url} ({response.status_code})"] = problems
    assert failures == {}
    assert checked > len(RULES) // 2, "most of the matrix's pages are HTML and were checked"
    assert {200, 403, 404} <= statuses, "error pages are checked too"


def test_the_check_rejects_a_weak_policy(cast):
    """The header check itself fails on what it must catch (a policy allowing inline scripts)."""
    response = cast.client("lead").get(
        reverse("districts:cycles", kwargs={"district": "riverbend"})
    )
    assert _problems(response) == []
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self' 'unsafe-inline'; frame-ancestors 'self'"
    )
    del response.headers["X-Content-Type-Options"]
    assert _problems(response) == [
        "script-src 'self' 'unsafe-inline'",
        "no style-src",
        "frame-ancestors [\"'self'\"]",
        "no X-Content-Type-Options: nosniff",
    ]


def _production_env() -> dict[str, str]:
    """The variables of .env.example, as an operator fills them in, and nothing else."""
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "PYTHONPATH": str(ROOT)}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            env[key.strip()] = value.strip()
    env["SECRET_KEY"] = "production-only-key-3c9f0e2b7a814d6f95e0c1b2a3d4e5f60718293a4b5c6d7e"
    env["POSTGRES_PASSWORD"] = "not-used-by-the-checks"
    return env


PRINT_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({
    "DEBUG": s.DEBUG,
    "SESSION_COOKIE_SECURE": s.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": s.CSRF_COOKIE_SECURE,
    "SESSION_COOKIE_HTTPONLY": s.SESSION_COOKIE_HTTPONLY,
    "SECURE_HSTS_SECONDS": s.SECURE_HSTS_SECONDS,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": s.SECURE_HSTS_INCLUDE_SUBDOMAINS,
    "SECURE_SSL_REDIRECT": s.SECURE_SSL_REDIRECT,
    "SECURE_PROXY_SSL_HEADER": s.SECURE_PROXY_SSL_HEADER,
    "SESSION_IDLE_SECONDS": s.SESSION_IDLE_SECONDS,
    "AXES_FAILURE_LIMIT": s.AXES_FAILURE_LIMIT,
}))
"""


def test_production_settings_are_secure():
    env = {**_production_env(), "DJANGO_SETTINGS_MODULE": "sel_planner.settings"}
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 365 * 24 * 60 * 60
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SESSION_IDLE_SECONDS"] == 30 * 60
    assert values["AXES_FAILURE_LIMIT"] == 10


def test_check_deploy_finds_nothing_to_warn_about():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=_production_env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def _cache_directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_every_signed_in_page_and_download_is_kept_out_of_caches(cast):
    """Every GET of the matrix (pages, fragments, exports, material and report downloads), as
    a lead, is sent `private, no-store`, whatever its status."""
    client = cast.client("lead")
    failures, downloads, checked = {}, set(), set()
    for name, who, make_url in _html_pages(cast):
        if who is None:
            continue
        with transaction.atomic():
            url = make_url()
            response = client.get(url)
            transaction.set_rollback(True)
        checked.add(name)
        if "attachment" in response.get("Content-Disposition", ""):
            downloads.add(name)
        if not {"private", "no-store"} <= _cache_directives(response):
            failures[f"{name} {url} ({response.status_code})"] = response.get("Cache-Control")
    assert failures == {}
    assert {name for name, rule in RULES.items() if rule.get is not None} <= checked
    assert {
        "reports:download",
        "vision:material_download",
        "inventory:export",
        "rubric:export",
    } <= downloads, "the downloads were served, not refused, and checked"


def test_a_signed_in_post_and_the_logout_are_kept_out_of_caches(cast):
    client = cast.client("lead")
    kwargs = {"district": cast.district.slug, "cycle": cast.cycle.slug}
    response = client.post(reverse("reports:publish", kwargs=kwargs))
    assert response.status_code == 302
    assert {"private", "no-store"} <= _cache_directives(response)
    response = client.post(reverse("accounts:logout"))
    assert {"private", "no-store"} <= _cache_directives(response)


def test_public_pages_seen_signed_out_are_left_to_caches(cast):
    from sel_planner.reports import services

    draft = services.summary_publish(draft=services.draft_for_edit(cycle=cast.cycle))
    url = reverse("reports_public:summary", kwargs={"token": draft.public_token})
    assert "no-store" not in _cache_directives(cast.client(None).get(url))
    assert {"private", "no-store"} <= _cache_directives(cast.client("viewer").get(url))
