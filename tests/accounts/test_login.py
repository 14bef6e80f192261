import re

from django.core import mail
from django.urls import reverse

from ..factories import PASSWORD


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
