from django.urls import reverse

from sel_planner.districts.models import Membership, Role


def _role_url(membership):
    return reverse(
        "districts:member_role", kwargs={"district": "riverbend", "code": membership.code}
    )


def _remove_url(membership):
    return reverse(
        "districts:member_remove", kwargs={"district": "riverbend", "code": membership.code}
    )


def test_lead_changes_a_role(cast):
    membership = cast.member.memberships.get()
    response = cast.client("lead").post(_role_url(membership), {"role": Role.VIEWER}, follow=True)
    membership.refresh_from_db()
    assert membership.role == Role.VIEWER
    assert "is now: Viewer" in response.content.decode()
    assert membership.history.count() == 2  # created, then the role change


def test_last_lead_cannot_step_down(cast):
    membership = cast.lead.memberships.get()
    response = cast.client("lead").post(_role_url(membership), {"role": Role.MEMBER}, follow=True)
    membership.refresh_from_db()
    assert membership.role == Role.LEAD
    assert "at least one SEL lead" in response.content.decode()


def test_a_lead_can_step_down_when_another_lead_exists(cast):
    Membership.objects.filter(user=cast.member).update(role=Role.LEAD)
    membership = cast.lead.memberships.get()
    cast.client("lead").post(_role_url(membership), {"role": Role.MEMBER})
    membership.refresh_from_db()
    assert membership.role == Role.MEMBER


def test_last_lead_cannot_be_removed(cast):
    membership = cast.lead.memberships.get()
    response = cast.client("lead").post(_remove_url(membership), follow=True)
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert "at least one SEL lead" in response.content.decode()


def test_remove_asks_first_then_removes(cast):
    membership = cast.viewer.memberships.get()
    client = cast.client("lead")
    confirm = client.get(_remove_url(membership))
    assert confirm.status_code == 200
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert "Remove from the district" in confirm.content.decode()
    client.post(_remove_url(membership))
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert cast.client("viewer").get("/d/riverbend/").status_code == 404


def test_unknown_role_is_refused_with_a_message(cast):
    membership = cast.member.memberships.get()
    response = cast.client("lead").post(_role_url(membership), {"role": "superuser"}, follow=True)
    membership.refresh_from_db()
    assert membership.role == Role.MEMBER
    assert "Choose one of the listed roles." in response.content.decode()


def test_lead_cannot_touch_another_districts_member(cast):
    foreign = cast.outsider.memberships.get()
    response = cast.client("lead").post(
        reverse("districts:member_role", kwargs={"district": "riverbend", "code": foreign.code}),
        {"role": Role.VIEWER},
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.role == Role.LEAD


def test_bad_code_is_not_found(cast):
    response = cast.client("lead").get("/d/riverbend/members/not-a-uuid/remove/")
    assert response.status_code == 404


def test_members_page_shows_roles_but_only_leads_see_invitations(cast):
    member_view = cast.client("member").get("/d/riverbend/members/")
    assert "Invite someone" not in member_view.content.decode()
    lead_view = cast.client("lead").get("/d/riverbend/members/")
    assert "Invite someone" in lead_view.content.decode()
    assert "viewer@a.example" in lead_view.content.decode()
