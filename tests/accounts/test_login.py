import re
import unicodedata

import pytest
from django.contrib.auth.backends import ModelBackend
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from sel_planner.accounts.throttling import login_username

from ..factories import PASSWORD, UserFactory


def _login(client, email, password):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def test_login_with_email_in_any_case(cast):
    client = cast.client(None)
    response = _login(client, "LEAD@A.example", PASSWORD)
    assert response.status_code == 302
    # One district: the picker is skipped.
    assert client.get("/").headers["Location"] == "/d/riverbend/"


def test_wrong_password_is_explained_and_keeps_the_email(cast):
    response = _login(cast.client(None), "lead@a.example", "wrong")
    assert response.status_code == 200
    body = response.content.decode()
    assert "do not match an account" in body
    assert 'value="lead@a.example"' in body


def test_password_resets_are_rate_limited(cast, settings):
    # Failed logins are throttled by django-axes: tests/safety/test_sessions.py.
    settings.LOGIN_RATE = "3/m"
    client = cast.client(None)
    for _ in range(3):
        response = client.post(reverse("accounts:password_reset"), {"email": "lead@a.example"})
        assert response.status_code == 302
    limited = client.post(reverse("accounts:password_reset"), {"email": "lead@a.example"})
    assert limited.status_code == 429
    assert len(mail.outbox) == 3


def test_person_in_two_districts_picks_one(cast):
    from ..factories import MembershipFactory

    MembershipFactory(user=cast.member, district=cast.other_district)
    response = cast.client("member").get("/")
    assert response.status_code == 200
    names = [d.name for d in response.context["districts"]]
    assert names == ["Lakeside Public Schools", "Riverbend Unified"]


def test_password_reset_by_email(cast):
    client = cast.client(None)
    response = client.post(reverse("accounts:password_reset"), {"email": "member@a.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/accounts/password/reset/\S+/", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "brand-new-secret-9", "new_password2": "brand-new-secret-9"},
    )
    assert done.status_code == 302
    cast.member.refresh_from_db()
    assert cast.member.check_password("brand-new-secret-9")


def test_password_reset_for_unknown_email_sends_nothing_and_reveals_nothing(cast):
    response = cast.client(None).post(
        reverse("accounts:password_reset"), {"email": "nobody@x.example"}
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 0


def test_change_password(cast):
    client = cast.client("viewer")
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "viewer-new-pass-1",
            "new_password2": "viewer-new-pass-1",
        },
    )
    assert response.status_code == 302
    cast.viewer.refresh_from_db()
    assert cast.viewer.check_password("viewer-new-pass-1")


def test_change_password_with_wrong_old_password_is_explained(cast):
    response = cast.client("viewer").post(
        reverse("accounts:password_change"),
        {
            "old_password": "nope",
            "new_password1": "viewer-new-pass-1",
            "new_password2": "viewer-new-pass-1",
        },
    )
    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors


def test_logout_needs_post(cast):
    client = cast.client("viewer")
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get("/").status_code == 302


def _ascii_letter(folded: str) -> str | None:
    bare = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return bare.lower() if len(bare) == 1 and bare.isascii() and bare.isalpha() else None


def _case_look_alikes() -> dict[str, list[str]]:
    """ASCII letter -> the non-ASCII characters whose upper or lower case is that letter.

    PostgreSQL is asked itself (its UPPER() is what a case-insensitive lookup runs); elsewhere
    Python's Unicode case mappings stand in for it.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT chr(n), upper(chr(n)), lower(chr(n)) FROM generate_series(128, 1114111) n"
                " WHERE n NOT BETWEEN 55296 AND 57343"
                " AND (upper(chr(n)) ~ '^[A-Za-z]$' OR lower(chr(n)) ~ '^[A-Za-z]$')"
            )
            rows = cursor.fetchall()
    else:
        rows = [
            (chr(n), chr(n).upper(), chr(n).lower())
            for n in range(128, 0x110000)
            if not 0xD800 <= n <= 0xDFFF
        ]
    found: dict[str, list[str]] = {}
    for char, upper, lower in rows:
        letter = _ascii_letter(upper) or _ascii_letter(lower)
        if letter:
            found.setdefault(letter, []).append(char)
    return found


@pytest.fixture
def look_alike_account(db):
    """An account whose address holds every letter that has look-alikes, and the look-alikes."""
    look_alikes = _case_look_alikes()
    # Dotless ı, long ſ and the Kelvin sign at least: the letters of the reported lock-out bypass.
    assert {"i", "s", "k"} <= set(look_alikes)
    letters = "".join(sorted(look_alikes))
    user = UserFactory(email=f"{letters}@{letters}.example")
    return user, look_alikes


def _spellings_with_look_alikes(email: str, look_alikes: dict) -> list[str]:
    local, domain = email.split("@")
    return [
        spelling
        for letter, chars in look_alikes.items()
        for char in chars
        for spelling in (
            f"{local.replace(letter, char)}@{domain}",
            f"{local}@{domain.replace(letter, char)}",
        )
    ]


def test_look_alike_letters_do_not_get_past_the_lock_out(look_alike_account, settings):
    user, look_alikes = look_alike_account
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        _login(Client(), user.email, "wrong")
    assert _login(Client(), user.email, PASSWORD).status_code == 429
    for spelling in _spellings_with_look_alikes(user.email, look_alikes):
        client = Client()
        response = _login(client, spelling, PASSWORD)
        assert response.status_code in (200, 429), spelling
        assert "_auth_user_id" not in client.session, f"{spelling!r} signed in past the lock"


def test_a_spelling_that_reaches_an_account_is_counted_as_that_account(look_alike_account):
    user, look_alikes = look_alike_account
    spellings = _spellings_with_look_alikes(user.email, look_alikes)
    spellings += [user.email.upper(), f" {user.email.title()} "]
    for spelling in spellings:
        found = ModelBackend().authenticate(None, username=spelling, password=PASSWORD)
        if found is not None:
            assert login_username(None, {"username": spelling}) == found.email, spelling


def test_stored_addresses_are_brought_into_the_normalised_form(db):
    import importlib

    from django.apps import apps

    from sel_planner.accounts.models import User

    migration = importlib.import_module(
        "sel_planner.accounts.migrations.0003_normalise_stored_emails"
    )
    mixed = UserFactory(email="placeholder-1@a.example")
    clash = UserFactory(email="placeholder-2@a.example")
    UserFactory(email="ana@a.example")  # a full-width "ａ" is this address once normalised
    # Rows written before addresses were normalised, past the model's own normalising.
    User.objects.filter(pk=mixed.pk).update(email="\uff2bim.Lee@Riverbend.example")
    User.objects.filter(pk=clash.pk).update(email="\uff41na@a.example")
    migration.normalise_stored_emails(apps, None)
    mixed.refresh_from_db()
    clash.refresh_from_db()
    assert mixed.email == "kim.lee@riverbend.example"
    assert clash.email == "\uff41na@a.example", "an address another account holds is left alone"
