"""Sessions: a new key at login, nothing left at logout, login throttling, idle timeout."""

import datetime
import importlib
import re
import zoneinfo

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import dateformat
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from sel_planner import middleware
from sel_planner.accounts.throttling import client_ip

from ..factories import PASSWORD

LOGIN = reverse("accounts:login")
LIMIT = 10


def _session_store():
    return importlib.import_module(settings.SESSION_ENGINE).SessionStore


def _login(client, email, password, **extra):
    return client.post(LOGIN, {"username": email, "password": password}, **extra)


def _is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _is_lockout_page(response) -> bool:
    body = response.content.decode()
    return (
        response.status_code == 429
        and "Too many failed logins" in body
        and reverse("accounts:password_reset") in body
    )


# Session key


def test_the_session_key_changes_at_login_and_the_old_one_is_gone(cast):
    client = Client()
    planted = client.session  # a session the visitor had (or was given) before logging in
    planted["seen_intro"] = True
    planted.save()
    before = planted.session_key

    assert _login(client, "member@a.example", PASSWORD).status_code == 302

    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert not _session_store()().exists(before), "the key from before login is useless"
    assert client.session["seen_intro"] is True, "what the session held is carried over"
    assert _is_signed_in(client)


def test_logout_flushes_the_session(cast):
    client = Client()
    _login(client, "member@a.example", PASSWORD)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert _session_store()().exists(key)

    assert client.post(reverse("accounts:logout")).status_code == 302

    assert not _session_store()().exists(key)
    assert not _is_signed_in(client)
    assert client.get(reverse("districts:home")).status_code == 302


# Login throttling (django-axes)


def test_ten_failures_lock_the_login_even_with_the_right_password(cast):
    client = Client()
    for _attempt in range(LIMIT - 1):
        response = _login(client, "lead@a.example", "wrong-password")
        assert response.status_code == 200
        assert "do not match an account" in response.content.decode()
    tenth = _login(client, "lead@a.example", "wrong-password")
    assert _is_lockout_page(tenth), "the tenth failure in a row locks"

    eleventh = _login(client, "lead@a.example", PASSWORD)
    assert _is_lockout_page(eleventh)
    assert not _is_signed_in(client)
    body = eleventh.content.decode()
    assert "Try again in <time" in body and ">15\xa0minutes</time>." in body
    assert 'role="alert"' in body and "<h1>" in body


def _resume_at(response) -> datetime.datetime:
    match = re.search(r'<time datetime="([^"]+)">', response.content.decode())
    assert match, "the page carries the moment logins resume"
    assert match.group(1).endswith("Z"), "in UTC"
    return datetime.datetime.fromisoformat(match.group(1))


def test_the_lock_out_page_gives_the_wait_not_the_server_clock(cast, settings):
    settings.AXES_FAILURE_LIMIT = 2
    client = Client()
    _login(client, "member@a.example", "wrong")
    before = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    locked = _login(client, "member@a.example", "wrong")
    after = datetime.datetime.now(datetime.UTC)

    assert _is_lockout_page(locked)
    body = locked.content.decode()
    assert "Logging in failed 2 times in a row" in body
    resume_at = _resume_at(locked)
    assert before + datetime.timedelta(minutes=15) <= resume_at
    assert resume_at <= after + datetime.timedelta(minutes=15)
    # No clock time in the server's zone (America/Chicago), which misleads readers elsewhere.
    chicago = resume_at.astimezone(zoneinfo.ZoneInfo(settings.TIME_ZONE))
    assert dateformat.time_format(chicago, settings.TIME_FORMAT) not in body
    shown = re.sub(r'datetime="[^"]*"', "", body)  # the machine-readable UTC time may hold it
    assert f"{chicago:%-I:%M}" not in shown


def test_a_long_cool_off_reads_in_hours(cast, settings):
    settings.AXES_FAILURE_LIMIT = 1
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=90)
    locked = _login(Client(), "member@a.example", "wrong")
    assert _is_lockout_page(locked)
    assert ">1\xa0hour, 30\xa0minutes</time>." in locked.content.decode()
    assert "Logging in failed 1 time in a row" in locked.content.decode()


def test_the_lock_is_on_the_account_and_address_together(cast):
    for _attempt in range(LIMIT):
        _login(Client(), "lead@a.example", "wrong", REMOTE_ADDR="203.0.113.9")

    assert _is_lockout_page(_login(Client(), "lead@a.example", PASSWORD, REMOTE_ADDR="203.0.113.9"))
    # Someone guessing from elsewhere cannot lock the lead out of their own school's network…
    elsewhere = Client()
    assert (
        _login(elsewhere, "lead@a.example", PASSWORD, REMOTE_ADDR="198.51.100.4").status_code == 302
    )
    assert _is_signed_in(elsewhere)
    # …and other people at the guessing address can still log in.
    colleague = Client()
    assert (
        _login(colleague, "member@a.example", PASSWORD, REMOTE_ADDR="203.0.113.9").status_code
        == 302
    )


def test_failures_count_whatever_the_case_of_the_email(cast):
    for attempt in range(LIMIT):
        email = "LEAD@A.example" if attempt % 2 else "lead@a.example"
        _login(Client(), email, "wrong")
    assert _is_lockout_page(_login(Client(), "Lead@a.example", PASSWORD))


def test_a_success_resets_the_count(cast):
    client = Client()
    for _attempt in range(LIMIT - 1):
        _login(client, "member@a.example", "wrong")
    assert _login(client, "member@a.example", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.exists()
    client.post(reverse("accounts:logout"))

    for _attempt in range(LIMIT - 1):
        assert _login(client, "member@a.example", "wrong").status_code == 200
    assert _login(client, "member@a.example", PASSWORD).status_code == 302, "nine, not eighteen"


def test_the_lock_ends_after_the_cool_off(cast):
    client = Client()
    for _attempt in range(LIMIT):
        _login(client, "viewer@a.example", "wrong")
    assert _is_lockout_page(_login(client, "viewer@a.example", PASSWORD))

    # Fourteen minutes later it still holds (the refused attempt above started the wait again)…
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=14)
    )
    assert _is_lockout_page(_login(client, "viewer@a.example", PASSWORD))
    # …sixteen minutes after the last attempt it is over.
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    )
    assert _login(client, "viewer@a.example", PASSWORD).status_code == 302
    assert _is_signed_in(client)


def test_resetting_the_password_lifts_the_lock(cast):
    client = Client()
    for _attempt in range(LIMIT):
        _login(client, "member@a.example", "wrong")
    assert AccessAttempt.objects.filter(username="member@a.example").exists()

    uid = urlsafe_base64_encode(force_bytes(cast.member.pk))
    token = default_token_generator.make_token(cast.member)
    form_page = client.get(
        reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token}),
        follow=True,
    )
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-brand-new-secret-7", "new_password2": "a-brand-new-secret-7"},
    )
    assert done.status_code == 302
    assert not AccessAttempt.objects.filter(username="member@a.example").exists()
    assert _login(client, "member@a.example", "a-brand-new-secret-7").status_code == 302


def test_behind_the_proxy_only_the_address_it_appended_counts(settings):
    request = RequestFactory().post(
        LOGIN, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7"
    )
    settings.BEHIND_PROXY = False
    assert client_ip(request) == "10.0.0.2", "without a proxy the header is the visitor's to forge"
    settings.BEHIND_PROXY = True
    assert client_ip(request) == "198.51.100.7"


# Idle timeout


@pytest.fixture
def clock(monkeypatch):
    """The middleware's clock, moved by hand: `clock.now += 61`."""

    class Clock:
        now = 1_800_000_000.0

        def time(self):
            return self.now

    fake = Clock()
    monkeypatch.setattr(middleware.time, "time", fake.time)
    return fake


def _expire_date(client):
    return Session.objects.get(
        session_key=client.cookies[settings.SESSION_COOKIE_NAME].value
    ).expire_date


def test_settings_keep_sessions_short_and_unwritten_on_every_request():
    assert settings.SESSION_IDLE_SECONDS == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is False
    assert settings.SESSION_IDLE_RENEW_SECONDS == 60


def test_login_starts_the_idle_period(cast, clock):
    client = Client()
    response = _login(client, "member@a.example", PASSWORD)
    assert client.session[middleware.RENEWED_AT] == int(clock.now)
    assert response["X-Session-Remaining"] == str(settings.SESSION_IDLE_SECONDS)


def test_the_expiry_is_renewed_at_most_once_a_minute(cast, clock):
    client = Client()
    _login(client, "member@a.example", PASSWORD)
    page = reverse("districts:cycles", kwargs={"district": "riverbend"})
    first = _expire_date(client)

    clock.now += 59
    response = client.get(page)
    assert response.status_code == 200
    assert client.session[middleware.RENEWED_AT] == int(clock.now) - 59, "not renewed yet"
    assert _expire_date(client) == first, "the session was not written"
    assert response["X-Session-Remaining"] == str(settings.SESSION_IDLE_SECONDS - 59)

    clock.now += 2
    response = client.get(page)
    assert client.session[middleware.RENEWED_AT] == int(clock.now)
    assert _expire_date(client) > first
    assert response["X-Session-Remaining"] == str(settings.SESSION_IDLE_SECONDS)


def test_pages_tell_the_script_how_long_the_session_has_left(cast, clock):
    client = Client()
    _login(client, "member@a.example", PASSWORD)
    clock.now += 30
    html = client.get(
        reverse("districts:cycles", kwargs={"district": "riverbend"})
    ).content.decode()
    assert f'data-session-remaining="{settings.SESSION_IDLE_SECONDS - 30}"' in html
    assert 'data-session-warning="120"' in html
    assert f'data-session-keep-alive="{reverse("accounts:keep_alive")}"' in html
    assert 'role="alertdialog"' in html
    assert "js/session.js" in html
    login_page = Client().get(LOGIN).content.decode()
    assert "data-session-remaining" not in login_page
    assert 'id="session-warning"' not in login_page


def test_an_idle_session_ends_and_the_page_asks_for_login_with_next(cast, clock):
    client = Client()
    _login(client, "member@a.example", PASSWORD)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    clock.now += settings.SESSION_IDLE_SECONDS - 1
    page = reverse("districts:dashboard", kwargs={"district": "riverbend", "cycle": "2026-27"})
    assert client.get(page).status_code == 200, "one second before the end it still works"

    clock.now += settings.SESSION_IDLE_SECONDS
    response = client.get(page + "?tab=1")
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={page}%3Ftab%3D1"
    assert not _session_store()().exists(key)
    login_page = client.get(response["Location"]).content.decode()
    assert "You were logged out after 30 minutes without activity" in login_page


def test_an_idle_htmx_request_sends_the_whole_page_to_login(cast, clock):
    client = Client()
    _login(client, "member@a.example", PASSWORD)
    clock.now += settings.SESSION_IDLE_SECONDS + 5
    page = reverse("districts:cycles", kwargs={"district": "riverbend"})
    response = client.get(page, headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == f"{LOGIN}?next={page}"
    assert not _is_signed_in(client)


def test_keep_alive_starts_the_idle_period_again(cast, clock):
    client = Client()
    _login(client, "member@a.example", PASSWORD)
    clock.now += settings.SESSION_IDLE_SECONDS - 30
    response = client.post(reverse("accounts:keep_alive"))
    assert response.status_code == 200
    assert response.json() == {"remaining": settings.SESSION_IDLE_SECONDS}
    assert client.session[middleware.RENEWED_AT] == int(clock.now)
    clock.now += settings.SESSION_IDLE_SECONDS - 30
    assert (
        client.get(reverse("districts:cycles", kwargs={"district": "riverbend"})).status_code == 200
    )


def test_keep_alive_needs_post_with_csrf_and_a_session(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.member)
    assert client.get(reverse("accounts:keep_alive")).status_code == 405
    assert client.post(reverse("accounts:keep_alive")).status_code == 403, "no CSRF token"
    anonymous = Client().post(reverse("accounts:keep_alive"))
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(LOGIN)
