from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from sel_planner.accounts.models import Invitation, User, invitation_token_hash
from sel_planner.accounts.services import invitation_create
from sel_planner.districts.models import Membership, Role

from ..factories import PASSWORD


def _invite(cast, email="newcomer@a.example", role=Role.MEMBER):
    return invitation_create(district=cast.district, email=email, role=role, invited_by=cast.lead)


def _accept_url(cast, token, district=None):
    return reverse(
        "accounts:invitation_accept",
        kwargs={"district": district or cast.district.slug, "token": token},
    )


def _link_in_last_email() -> str:
    body = mail.outbox[-1].body
    return next(line for line in body.splitlines() if "/accounts/invitations/" in line).strip()


def test_lead_invites_by_email_and_the_link_is_stored_hashed(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client("lead").post(
            reverse("districts:member_invite", kwargs={"district": "riverbend"}),
            {"email": "New.Person@A.example", "role": Role.VIEWER},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(district=cast.district)
    assert invitation.email == "new.person@a.example"
    assert invitation.role == Role.VIEWER
    assert invitation.invited_by == cast.lead
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.person@a.example"]
    token = _link_in_last_email().rstrip("/").rsplit("/", 1)[-1]
    assert invitation.token_hash == invitation_token_hash(token)
    assert token not in invitation.token_hash
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)


def test_invitee_sets_name_and_password_and_joins(cast):
    _invitation, token = _invite(cast)
    client = cast.client(None)
    page = client.get(_accept_url(cast, token))
    assert page.status_code == 200
    assert "newcomer@a.example" in page.content.decode()
    response = client.post(
        _accept_url(cast, token),
        {
            "full_name": "Ana Newcomer",
            "password1": "a-long-new-pass",
            "password2": "a-long-new-pass",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("districts:cycles", kwargs={"district": "riverbend"})
    user = User.objects.get(email="newcomer@a.example")
    assert user.full_name == "Ana Newcomer"
    assert user.check_password("a-long-new-pass")
    assert Membership.objects.get(user=user, district=cast.district).role == Role.MEMBER
    assert (
        client.get(
            reverse("districts:dashboard", kwargs={"district": "riverbend", "cycle": "2026-27"})
        ).status_code
        == 200
    )


def test_bad_password_is_explained_beside_the_field_and_keeps_the_name(cast):
    _invitation, token = _invite(cast)
    response = cast.client(None).post(
        _accept_url(cast, token), {"full_name": "Ana", "password1": "short", "password2": "other"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password2"] == ["The two passwords do not match."]
    assert 'value="Ana"' in response.content.decode()
    assert not User.objects.filter(email="newcomer@a.example").exists()


def test_weak_password_is_refused(cast):
    _invitation, token = _invite(cast)
    response = cast.client(None).post(
        _accept_url(cast, token),
        {"full_name": "Ana", "password1": "12345678901", "password2": "12345678901"},
    )
    assert response.status_code == 200
    assert "password1" in response.context["form"].errors


def test_reused_link_explains_itself(cast):
    _invitation, token = _invite(cast)
    data = {"full_name": "Ana", "password1": "a-long-new-pass", "password2": "a-long-new-pass"}
    assert cast.client(None).post(_accept_url(cast, token), data).status_code == 302
    again = cast.client(None).get(_accept_url(cast, token))
    assert again.status_code == 410
    body = again.content.decode()
    assert "already been accepted" in body
    assert "lead@a.example" in body  # who to ask for a new one
    assert User.objects.filter(email="newcomer@a.example").count() == 1


def test_expired_link_explains_itself(cast):
    invitation, token = _invite(cast)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = cast.client(None).post(
        _accept_url(cast, token),
        {"full_name": "Ana", "password1": "a-long-new-pass", "password2": "a-long-new-pass"},
    )
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not User.objects.filter(email="newcomer@a.example").exists()


def test_link_used_with_another_districts_address_is_refused(cast):
    _invitation, token = _invite(cast)
    response = cast.client(None).get(_accept_url(cast, token, district=cast.other_district.slug))
    assert response.status_code == 404
    assert "link is incomplete or has been changed" in response.content.decode()


def test_tampered_token_is_refused(cast):
    _invitation, token = _invite(cast)
    response = cast.client(None).get(_accept_url(cast, token[:-2] + "xx"))
    assert response.status_code == 404
    assert "ask your district" in response.content.decode().lower()


def test_withdrawn_invitation_cannot_be_used(cast):
    invitation, token = _invite(cast)
    cast.client("lead").post(
        reverse(
            "districts:invitation_withdraw",
            kwargs={"district": "riverbend", "code": invitation.code},
        )
    )
    response = cast.client(None).get(_accept_url(cast, token))
    assert response.status_code == 410
    assert "withdrew" in response.content.decode()


def test_inviting_again_replaces_the_pending_invitation(cast):
    _first, first_token = _invite(cast)
    _second, second_token = _invite(cast)
    assert cast.client(None).get(_accept_url(cast, first_token)).status_code == 410
    assert cast.client(None).get(_accept_url(cast, second_token)).status_code == 200


def test_existing_account_joins_after_logging_in(cast):
    _invitation, token = invitation_create(
        district=cast.district, email=cast.outsider.email, role=Role.VIEWER, invited_by=cast.lead
    )
    anonymous = cast.client(None).get(_accept_url(cast, token))
    assert "Log in to accept" in anonymous.content.decode()
    client = cast.client("outsider")
    assert client.post(_accept_url(cast, token)).status_code == 302
    assert Membership.objects.get(user=cast.outsider, district=cast.district).role == Role.VIEWER
    # The outsider keeps their own district too.
    assert Membership.objects.filter(user=cast.outsider).count() == 2


def test_logged_in_as_someone_else_cannot_take_the_invitation(cast):
    _invitation, token = invitation_create(
        district=cast.district, email=cast.outsider.email, role=Role.VIEWER, invited_by=cast.lead
    )
    response = cast.client("member").post(_accept_url(cast, token))
    assert response.status_code == 200
    assert not Membership.objects.filter(user=cast.outsider, district=cast.district).exists()


def test_inviting_an_existing_member_is_a_form_error(cast):
    response = cast.client("lead").post(
        reverse("districts:member_invite", kwargs={"district": "riverbend"}),
        {"email": "MEMBER@a.example", "role": Role.MEMBER},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "This person is already a member of the district."
    ]
    assert len(mail.outbox) == 0


@pytest.mark.parametrize("email", ["", "not-an-email"])
def test_invite_with_bad_email_keeps_the_form(cast, email):
    response = cast.client("lead").post(
        reverse("districts:member_invite", kwargs={"district": "riverbend"}),
        {"email": email, "role": "member"},
    )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not Invitation.objects.exists()


def test_invite_with_unknown_role_is_a_form_error(cast):
    response = cast.client("lead").post(
        reverse("districts:member_invite", kwargs={"district": "riverbend"}),
        {"email": "x@a.example", "role": "owner"},
    )
    assert response.status_code == 200
    assert "role" in response.context["form"].errors


def test_login_as_new_member_after_accepting(cast):
    _invitation, token = _invite(cast)
    cast.client(None).post(
        _accept_url(cast, token),
        {"full_name": "Ana", "password1": "a-long-new-pass", "password2": "a-long-new-pass"},
    )
    client = cast.client(None)
    response = client.post(
        reverse("accounts:login"), {"username": "newcomer@a.example", "password": "a-long-new-pass"}
    )
    assert response.status_code == 302
    assert PASSWORD != "a-long-new-pass"


def _other_click_finishes_first(monkeypatch, invitation, **accept_kwargs):
    """The second click's request reached the accept step before the first one committed."""
    from sel_planner.accounts import services, views

    def accept_after_the_other_click(**kwargs):
        fresh = Invitation.objects.get(pk=invitation.pk)
        services.invitation_accept(invitation=fresh, **accept_kwargs)
        return services.invitation_accept(**kwargs)

    monkeypatch.setattr(views, "invitation_accept", accept_after_the_other_click)


def test_a_double_click_on_create_account_lands_on_the_already_used_page(cast, monkeypatch):
    invitation, token = _invite(cast)
    _other_click_finishes_first(
        monkeypatch, invitation, full_name="Ana", password="a-long-new-pass"
    )
    data = {"full_name": "Ana", "password1": "a-long-new-pass", "password2": "a-long-new-pass"}
    second = cast.client(None).post(_accept_url(cast, token), data)
    assert second.status_code == 410
    body = second.content.decode()
    assert "already been accepted" in body
    assert reverse("accounts:login") in body
    user = User.objects.get(email="newcomer@a.example")
    assert Membership.objects.filter(user=user, district=cast.district).count() == 1


def test_a_double_click_on_join_lands_on_the_already_used_page(cast, monkeypatch):
    invitation, token = invitation_create(
        district=cast.district, email=cast.outsider.email, role=Role.VIEWER, invited_by=cast.lead
    )
    _other_click_finishes_first(monkeypatch, invitation, user=cast.outsider)
    second = cast.client("outsider").post(_accept_url(cast, token))
    assert second.status_code == 410
    assert "already been accepted" in second.content.decode()
    assert Membership.objects.filter(user=cast.outsider, district=cast.district).count() == 1
