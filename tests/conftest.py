import os
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_ratelimit import core as ratelimit_core

from sel_planner.celery import app as celery_app
from sel_planner.districts.models import Role

from .factories import CycleFactory, DistrictFactory, MembershipFactory, SchoolFactory, UserFactory


def require_service(reason: str):
    """Skip locally when a real service is missing; fail when REQUIRE_SERVICES=1 (CI)."""
    if settings.REQUIRE_SERVICES or os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1 makes this a failure)")
    pytest.skip(reason)


@dataclass
class Cast:
    """District A with a lead, a member and a viewer; an outsider who leads district B."""

    district: object
    cycle: object
    school: object
    lead: object
    member: object
    viewer: object
    outsider: object
    other_district: object
    other_cycle: object

    def client(self, who: str | None) -> Client:
        client = Client()
        if who is not None:
            client.force_login(getattr(self, who))
        return client


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    celery_app.conf.task_always_eager = True
    settings.STORAGES = {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
    # A fast hasher: the real one costs most of a second per password by design.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _ratelimit_window(monkeypatch):
    """Hold the rate limits' clock still, so a window never ends in the middle of a test.

    Limits count in fixed windows; a test that makes its third request just after a window
    ends would see the count start again. Each test starts with an empty cache instead.
    """
    now = int(ratelimit_core.time.time())

    class Clock:
        @staticmethod
        def time():
            return now

    monkeypatch.setattr(ratelimit_core, "time", Clock)


@pytest.fixture
def cast(db) -> Cast:
    district = DistrictFactory(name="Riverbend Unified", slug="riverbend")
    cycle = CycleFactory(district=district, label="2026-27")
    school = SchoolFactory(district=district, name="Lincoln Elementary")
    lead = MembershipFactory(district=district, role=Role.LEAD, user__email="lead@a.example").user
    member = MembershipFactory(
        district=district, role=Role.MEMBER, user__email="member@a.example"
    ).user
    viewer = MembershipFactory(
        district=district, role=Role.VIEWER, user__email="viewer@a.example"
    ).user
    other_district = DistrictFactory(name="Lakeside Public Schools", slug="lakeside")
    other_cycle = CycleFactory(district=other_district, label="2026-27")
    outsider = MembershipFactory(
        district=other_district, role=Role.LEAD, user__email="outsider@b.example"
    ).user
    return Cast(
        district, cycle, school, lead, member, viewer, outsider, other_district, other_cycle
    )


@pytest.fixture
def user_factory(db):
    return UserFactory


def count_page_queries(client, url) -> int:
    """The queries one GET of a page costs;
    the page must answer 200 for the count to mean anything."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)
