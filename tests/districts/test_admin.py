from django.core import mail

from sel_planner.accounts.models import Invitation
from sel_planner.districts.models import District, Membership

from ..factories import UserFactory


def _inline(prefix, rows):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def _create(client, lead_email):
    return client.post(
        "/admin/districts/district/add/",
        {
            "name": "Maple Valley Schools",
            "slug": "maple-valley",
            "state": "WA",
            "timezone": "America/Los_Angeles",
            "student_count": "",
            "lead_email": lead_email,
            **_inline(
                "schools", [{"name": "Maple Elementary", "level": "ES", "grade_band": "K-5"}]
            ),
            **_inline("memberships", []),
        },
    )


def test_platform_admin_creates_a_district_and_invites_its_first_lead(
    db, client, django_capture_on_commit_callbacks
):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = _create(client, "new.lead@maple.example")
    assert response.status_code == 302, response.content[:500]
    district = District.objects.get(slug="maple-valley")
    assert [(s.name, s.level, s.grade_band) for s in district.schools.all()] == [
        ("Maple Elementary", "ES", "K-5")
    ]
    invitation = Invitation.objects.get(district=district)
    assert (invitation.email, invitation.role) == ("new.lead@maple.example", "lead")
    assert mail.outbox[0].to == ["new.lead@maple.example"]


def test_an_existing_account_becomes_lead_at_once(db, client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    person = UserFactory(email="known@maple.example")
    client.force_login(admin)
    assert _create(client, "KNOWN@maple.example").status_code == 302
    assert Membership.objects.get(user=person).role == "lead"
    assert not Invitation.objects.exists()
