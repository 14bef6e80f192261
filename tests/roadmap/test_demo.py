from django.core.management import call_command

from inventory.models import Program
from roadmap.models import ReflectionRow, RoadmapRow, SchoolRollout, Target
from roadmap.selectors import rollout_plan
from sel_planner.districts.models import PlanningCycle


def test_seed_demo_fills_the_workbook_roadmap_once(db):
    call_command("seed_demo")
    call_command("seed_demo")
    cycle = PlanningCycle.objects.get(slug="2026-27")

    rows = ReflectionRow.objects.filter(cycle=cycle)
    assert rows.count() == 2
    assert rows[0].source_labels() == [
        "Districtwide SEL Implementation Rubric",
        "Program and Initiative Inventory",
    ]
    assert rows[0].rubric_items == ["3-B", "3-C"]
    names = {str(p.code): p.name for p in Program.objects.filter(cycle=cycle)}
    assert [[names[code] for code in row.programs] for row in rows] == [
        ["PBIS"],
        ["Positive School Climate"],
    ]
    row = RoadmapRow.objects.get(cycle=cycle)
    assert row.years == 3
    outcome = Target.objects.filter(row=row, kind="outcome", unit="%").order_by("position")
    assert [int(t.value) for t in outcome] == [50, 60, 70, 80, 90]
    assert [(t.stage, t.year) for t in outcome] == [
        ("current", None),
        ("year", 1),
        ("year", 2),
        ("year", 3),
        ("long_term", None),
    ]
    plan = rollout_plan(cycle=cycle, years=3, first_year=2027)
    assert [year["total"] for year in plan["counts"]] == [4, 5, 8, 10]
    middle = {c["level"]: c["count"] for c in plan["counts"][2]["by_level"]}
    assert middle["MS"] == 3 and middle["HS"] == 0
    assert SchoolRollout.objects.filter(cycle=cycle).count() == 10
