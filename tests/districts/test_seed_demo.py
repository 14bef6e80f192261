from django.core.management import call_command

from sel_planner.accounts.models import User
from sel_planner.districts.models import District, Membership, PlanningCycle, School


def test_seed_demo_is_idempotent_and_matches_the_workbook_district(db, capsys):
    call_command("seed_demo")
    call_command("seed_demo")
    district = District.objects.get(slug="riverbend")
    levels = sorted(district.schools.values_list("level", flat=True))
    assert levels == ["ES"] * 5 + ["HS"] * 2 + ["MS"] * 3
    assert School.objects.count() == 10
    assert PlanningCycle.objects.get().label == "2026-27"
    roles = dict(Membership.objects.values_list("user__email", "role"))
    assert roles == {
        "lead@riverbend.example": "lead",
        "member@riverbend.example": "member",
        "viewer@riverbend.example": "viewer",
    }
    assert User.objects.get(email="lead@riverbend.example").check_password("demo-lead-2026")
    assert User.objects.get(email="admin@riverbend.example").is_superuser
    out = capsys.readouterr().out
    assert "viewer@riverbend.example" in out and "demo-viewer-2026" in out
