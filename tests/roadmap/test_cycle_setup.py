"""Each cycle has its roadmap from the start, so that the pages only read it."""

from datetime import date

from django.urls import reverse

from roadmap.models import Roadmap, RoadmapRow
from sel_planner.districts.models import PlanningCycle
from sel_planner.districts.services import cycle_launch_next

from .helpers import make_goal, make_roadmap


def _url(cast, name, **kwargs):
    return reverse(
        f"roadmap:{name}", kwargs={"district": "riverbend", "cycle": cast.cycle.slug, **kwargs}
    )


def test_a_new_cycle_has_its_roadmap_with_its_own_year_as_year_one(cast):
    response = cast.client("lead").post(
        "/d/riverbend/cycles/new/",
        {"label": "2027-28", "start_date": "2027-08-01", "end_date": "2028-07-31", "phase": "plan"},
    )
    assert response.status_code == 302
    cycle = PlanningCycle.objects.get(district=cast.district, slug="2027-28")
    assert list(Roadmap.objects.filter(cycle=cycle).values_list("first_year", flat=True)) == [2028]


def test_a_launched_cycle_keeps_the_roadmap_carried_into_it(cast):
    make_roadmap(cast.cycle, first_year=2026, district_priorities="Attendance")
    new = cycle_launch_next(
        cycle=cast.cycle, label="2027-28", start_date=date(2027, 8, 1), end_date=date(2028, 7, 31)
    )
    (roadmap,) = Roadmap.objects.filter(cycle=new)
    assert roadmap.first_year == 2026 and roadmap.district_priorities == "Attendance"


def test_opening_the_forms_creates_no_records(cast):
    goal = make_goal(cast.cycle)
    before = Roadmap.objects.filter(cycle=cast.cycle).get()
    versions = before.history.count()
    lead = cast.client("lead")

    assert lead.get(_url(cast, "roadmap_edit")).status_code == 200
    assert lead.get(_url(cast, "row_edit", code=goal.code)).status_code == 200

    assert list(Roadmap.objects.filter(cycle=cast.cycle)) == [before]
    assert before.history.count() == versions
    assert not RoadmapRow.objects.filter(cycle=cast.cycle).exists()


def test_saving_a_row_saves_only_the_row(cast):
    goal = make_goal(cast.cycle)
    roadmap = Roadmap.objects.get(cycle=cast.cycle)

    response = cast.client("member").post(
        _url(cast, "row_edit", code=goal.code), {"years": 3, "version": 1}
    )

    assert response.status_code == 302
    assert RoadmapRow.objects.get(goal=goal).years == 3
    assert Roadmap.objects.get(cycle=cast.cycle).version == roadmap.version


def test_cycles_made_before_get_their_roadmap_from_the_migration(cast):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("roadmap.migrations.0005_roadmap_for_every_cycle")
    Roadmap.objects.filter(cycle=cast.cycle).delete()

    migration.roadmap_for_every_cycle(apps, None)

    (roadmap,) = Roadmap.objects.filter(cycle=cast.cycle)
    assert roadmap.first_year == cast.cycle.end_date.year and roadmap.version == 1
