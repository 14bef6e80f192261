"""Fill a database with districts exactly as `seed_demo` fills the demo district.

Runs inside Django (the bench starts it in a child process with DATABASE_URL set).
"""

import time
from datetime import date

from django.contrib.auth.hashers import make_password
from django.db import transaction

from actionplan.demo import seed_actionplan_demo
from goals.demo import seed_goals_demo
from inventory.demo import seed_inventory_demo
from roadmap.demo import seed_roadmap_demo
from rubric import demo as rubric_demo
from rubric.models import Assessment, Framework, Item
from sel_planner.accounts.models import User
from sel_planner.districts.management.commands.seed_demo import DEMO_DISTRICT, DEMO_SCHOOLS
from sel_planner.districts.models import District, Membership, PlanningCycle, Role, School
from sel_planner.reports.demo import seed_reports_demo
from vision.demo import seed_vision_demo

from .names import PASSWORD, district_slug

LAST_YEAR = 2026  # the current cycle is 2026-27, as in the demo district
VIEWERS = 4


def _users(index: int, members: int, password_hash: str) -> list[tuple[User, str]]:
    """The district's people: one lead, then members, then (from 5 people up) four viewers."""
    viewers = VIEWERS if members >= 5 else 0
    rows = []
    for n in range(members):
        role = Role.LEAD if n == 0 else (Role.VIEWER if n >= members - viewers else Role.MEMBER)
        local = "lead" if n == 0 else f"{role}{n:02d}"
        user = User(
            email=f"{local}@{district_slug(index)}.example",
            full_name=f"{role.label} {n:02d} of district {index:03d}",
            password=password_hash,
        )
        rows.append((user, role))
    User.objects.bulk_create([user for user, _role in rows])
    return rows


def _rubric_year(cycle, items, raters, lead) -> None:
    """A closed year's two assessments (beginning and end),
    as seed_rubric_demo makes last year's."""
    framework = items[0].focus_area.framework
    year = cycle.start_date.year
    end = {
        c: rubric_demo._clamp(s + rubric_demo.RISE.get(c, 0))
        for c, s in rubric_demo.BEGINNING.items()
    }
    for kind, scores, opens in [
        (Assessment.Kind.BEGINNING, rubric_demo.BEGINNING, date(year, 9, 1)),
        (Assessment.Kind.END, end, date(year + 1, 5, 1)),
    ]:
        assessment = Assessment.objects.create(
            cycle=cycle,
            framework=framework,
            kind=kind,
            opens_on=opens,
            closes_on=opens.replace(day=20),
        )
        rubric_demo._rate(assessment, items, raters, scores)
        rubric_demo._agree(assessment, items, scores, lead)


def district_build(*, index: int, cycles: int, members: int, password_hash: str, items) -> District:
    """One district with its schools, people and `cycles` school years, every tool filled."""
    district = District.objects.create(
        **{**DEMO_DISTRICT, "slug": district_slug(index), "name": f"Bench District {index:03d}"}
    )
    for name, level, band in DEMO_SCHOOLS:
        School.objects.create(district=district, name=name, level=level, grade_band=band)
    people = _users(index, max(members, 3), password_hash)
    for user, role in people:
        Membership.objects.create(user=user, district=district, role=role)
    lead = people[0][0]
    raters = [user for user, role in people if role != Role.VIEWER][:3]
    years = [
        PlanningCycle.objects.create(
            district=district,
            label=f"{y}-{str(y + 1)[2:]}",
            start_date=date(y, 8, 1),
            end_date=date(y + 1, 7, 31),
            phase=PlanningCycle.Phase.PLAN,
        )
        for y in range(LAST_YEAR - cycles + 1, LAST_YEAR + 1)
    ]
    for older in years[:-2]:
        _rubric_year(older, items, raters, lead)
    if len(years) >= 2:
        rubric_demo.seed_rubric_demo(
            previous_cycle=years[-2], cycle=years[-1], raters=raters, lead=lead
        )
    for cycle in years:
        seed_vision_demo(cycle=cycle, lead=lead, member=raters[1])
        seed_goals_demo(cycle=cycle, lead=lead, members=raters[1:])
        seed_inventory_demo(cycle=cycle, lead=lead, members=raters[1:])
        seed_roadmap_demo(cycle=cycle, lead=lead)
        seed_actionplan_demo(cycle=cycle, lead=lead, members=raters[1:])
        seed_reports_demo(cycle=cycle)
    PlanningCycle.objects.filter(pk__in=[c.pk for c in years[:-1]]).update(
        phase=PlanningCycle.Phase.CLOSED
    )
    return district


def build(*, districts: int, cycles: int, members: int, first: int = 1, log=print) -> float:
    """Build districts first..first+districts-1, one transaction each; returns the seconds taken."""
    start = time.perf_counter()
    password_hash = make_password(PASSWORD)  # hashed once: the hasher is slow on purpose
    framework = Framework.objects.get(is_current=True)
    items = list(
        Item.objects.filter(focus_area__framework=framework).select_related("focus_area__framework")
    )
    for index in range(first, first + districts):
        with transaction.atomic():
            district_build(
                index=index,
                cycles=cycles,
                members=members,
                password_hash=password_hash,
                items=items,
            )
        if index % 10 == 0 or index == first + districts - 1:
            elapsed = time.perf_counter() - start
            log(f"  built {index - first + 1}/{districts} districts in {elapsed:.0f} s")
    return time.perf_counter() - start
