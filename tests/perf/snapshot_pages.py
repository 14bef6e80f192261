"""Writes the HTML of every crawled page of the demo cycle to a folder, to compare two versions.

Not part of the suite (its name is not test_*): run it by path, once on each version, and diff
the folders; values that differ from run to run (tokens, nonces, codes, times) are replaced.

    PAGE_SNAPSHOT_DIR=/tmp/before .venv/bin/python -m pytest tests/perf/snapshot_pages.py
"""

import io
import os
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from .test_page_queries import _complete_demo, _pages

VOLATILE = [
    (
        re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'),
        'name="csrfmiddlewaretoken" value=""',
    ),
    (re.compile(r'"X-CSRFToken": "[^"]+"'), '"X-CSRFToken": ""'),
    (re.compile(r'nonce="[^"]+"'), 'nonce=""'),
    (re.compile(r'name="([\w-]*)page" value="[^"]+"'), r'name="\1page" value=""'),
    (re.compile(r'data-session-remaining="\d+"'), 'data-session-remaining=""'),
    (re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "<uuid>"),
    (re.compile(r"m[0-9a-f]{12}-"), "m<code>-"),
    (re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?( ?[ap]\.m\.)?"), "<time>"),
    (re.compile(r"/(s|f|r|inventory-survey)/[A-Za-z0-9_-]{20,}/"), r"/\1/<token>/"),
]


def _normalised(html: str) -> str:
    for pattern, replacement in VOLATILE:
        html = pattern.sub(replacement, html)
    return html


@pytest.mark.django_db
def test_snapshot(tmp_path):
    target = Path(os.environ["PAGE_SNAPSHOT_DIR"])
    target.mkdir(parents=True, exist_ok=True)
    from sel_planner.districts.models import PlanningCycle

    storages = {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages, SESSION_IDLE_RENEW_SECONDS=10**9):
        call_command("seed_demo", stdout=io.StringIO())
        cycle = PlanningCycle.objects.select_related("district").get(
            district__slug="riverbend", slug="2026-27"
        )
        lead = cycle.district.memberships.get(user__email="lead@riverbend.example").user
        _complete_demo(cycle, lead)
        for who in ("lead@riverbend.example", "viewer@riverbend.example"):
            client = Client()
            client.force_login(cycle.district.memberships.get(user__email=who).user)
            for label, (name, kwargs) in _pages(cycle, lead).items():
                cache.clear()
                response = client.get(reverse(name, kwargs=kwargs))
                body = _normalised(response.content.decode())
                safe = re.sub(r"[^A-Za-z0-9_.-]", "_", label)
                (target / f"{who.split('@')[0]}-{safe}.html").write_text(
                    f"{response.status_code}\n{body}", encoding="utf-8"
                )
