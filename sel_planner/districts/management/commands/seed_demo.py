"""Create the workbook's hypothetical district, its cycles, example content and one login per role.

Safe to run again: existing records are updated in place, nothing is duplicated.
"""

from datetime import date
from typing import TYPE_CHECKING

from django.core.management.base import BaseCommand
from django.db import transaction

from actionplan.demo import seed_actionplan_demo
from goals.demo import seed_goals_demo
from inventory.demo import seed_inventory_demo
from roadmap.demo import seed_roadmap_demo
from rubric.demo import seed_rubric_demo
from sel_planner.accounts.models import User
from sel_planner.districts import registry
from sel_planner.districts.models import District, Membership, PlanningCycle, Role, School
from sel_planner.reports.demo import seed_reports_demo
from vision.demo import seed_vision_demo

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DEMO_DISTRICT = {
    "slug": "riverbend",
    "name": "Riverbend Unified School District",
    "state": "IL",
    "timezone": "America/Chicago",
    "student_count": 7400,
}

# The workbook's roadmap example: 5 elementary, 3 middle and 2 high schools.
DEMO_SCHOOLS = [
    ("Cedar Grove Elementary", School.Level.ELEMENTARY, "K-5"),
    ("Lincoln Elementary", School.Level.ELEMENTARY, "K-5"),
    ("Maple Street Elementary", School.Level.ELEMENTARY, "K-5"),
    ("Riverside Elementary", School.Level.ELEMENTARY, "K-5"),
    ("Sunrise Elementary", School.Level.ELEMENTARY, "K-5"),
    ("Jefferson Middle School", School.Level.MIDDLE, "6-8"),
    ("Oak Hill Middle School", School.Level.MIDDLE, "6-8"),
    ("Westview Middle School", School.Level.MIDDLE, "6-8"),
    ("Riverbend High School", School.Level.HIGH, "9-12"),
    ("North Riverbend High School", School.Level.HIGH, "9-12"),
]

DEMO_USERS = [
    ("lead@riverbend.example", "Dana Whitfield", Role.LEAD, "demo-lead-2026"),
    ("member@riverbend.example", "Luis Ortega", Role.MEMBER, "demo-member-2026"),
    ("member2@riverbend.example", "Priya Shah", Role.MEMBER, "demo-member-2026"),
    ("viewer@riverbend.example", "Superintendent Grace Kim", Role.VIEWER, "demo-viewer-2026"),
]
DEMO_ADMIN = ("admin@riverbend.example", "Platform Admin", "demo-admin-2026")


class Command(BaseCommand):
    help = "Create or refresh the demo district, its 2026-27 cycle and one login per role."

    @transaction.atomic
    def handle(self, *args, **options):
        district, _ = District.objects.update_or_create(
            slug=DEMO_DISTRICT["slug"], defaults=DEMO_DISTRICT
        )
        for name, level, band in DEMO_SCHOOLS:
            School.objects.update_or_create(
                district=district, name=name, defaults={"level": level, "grade_band": band}
            )
        previous = self._cycle(district, "2025-26", PlanningCycle.Phase.CLOSED)
        cycle = self._cycle(district, "2026-27", PlanningCycle.Phase.PLAN)
        logins: list[tuple[StrOrPromise, str, str]] = []
        users = {}
        for email, full_name, role, password in DEMO_USERS:
            users[email] = self._user(email, full_name, password)
            Membership.objects.update_or_create(
                user=users[email], district=district, defaults={"role": role}
            )
            logins.append((Role(role).label, email, password))
        lead = users["lead@riverbend.example"]
        raters = [lead, users["member@riverbend.example"], users["member2@riverbend.example"]]
        seed_rubric_demo(previous_cycle=previous, cycle=cycle, raters=raters, lead=lead)
        seed_vision_demo(cycle=cycle, lead=lead, member=users["member@riverbend.example"])
        seed_goals_demo(cycle=cycle, lead=lead, members=raters[1:])
        seed_inventory_demo(cycle=cycle, lead=lead, members=raters[1:])
        seed_roadmap_demo(cycle=cycle, lead=lead)
        seed_actionplan_demo(cycle=cycle, lead=lead, members=raters[1:])
        seed_reports_demo(cycle=cycle)
        email, full_name, password = DEMO_ADMIN
        self._user(email, full_name, password, is_staff=True, is_superuser=True)
        logins.append(("Platform admin (/admin/)", email, password))

        self.stdout.write(self.style.SUCCESS(f"Demo district ready: {district.name}"))
        for label, email, password in logins:
            self.stdout.write(f"  {label:<26} {email:<28} password: {password}")

    def _cycle(self, district, label, phase):
        cycle = district.cycles.filter(slug=label).first()
        if cycle is None:
            year = int(label[:4])
            cycle = PlanningCycle.objects.create(
                district=district,
                label=label,
                start_date=date(year, 8, 1),
                end_date=date(year + 1, 7, 31),
                phase=phase,
            )
            registry.cycle_setup(cycle)
        return cycle

    def _user(self, email, full_name, password, **flags):
        user = User.objects.filter(email=email).first() or User(email=email)
        user.full_name = full_name
        user.set_password(password)
        for key, value in flags.items():
            setattr(user, key, value)
        user.save()
        return user
