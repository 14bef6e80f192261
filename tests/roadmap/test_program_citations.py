"""Data reflection rows cite the cycle's inventory programs, shown with their latest values."""

from datetime import date

from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from goals.demo import seed_goals_demo
from inventory.demo import seed_inventory_demo
from inventory.models import Program
from inventory.services import program_create
from roadmap.demo import seed_roadmap_demo
from roadmap.models import ReflectionRow, Roadmap
from roadmap.services import roadmap_carry_forward
from roadmap.tool import roadmap_report_section
from sel_planner.districts.services import cycle_launch_next
from tests.factories import ReflectionRowFactory

from .helpers import make_goal


def _url(cast, name, cycle=None, **kwargs):
    cycle = cycle or cast.cycle
    return reverse(
        f"roadmap:{name}", kwargs={"district": "riverbend", "cycle": cycle.slug, **kwargs}
    )


def _data(goal, **overrides):
    return {
        "goal": goal.pk,
        "outcome": "In all 10 district schools, staff will implement evidence-based SEL programs.",
        "data_sources": ["inventory"],
        "data_source_other": "",
        "timing": "summative",
        "current_status": "4 (out of 5) elementary schools implementing.",
        "gap_analysis": "Middle schools dropped their program.",
        "priorities": "Find a program that fits middle schools.",
        **overrides,
    }


def _pbis(cycle, **cells):
    values = {
        "active": "Yes, at 3 of 5 schools",
        "active_state": "partly",
        "achieved": "Working well at 3 of 5 schools",
        "decision": "maintain",
    }
    return program_create(cycle=cycle, name="PBIS", **{**values, **cells})


def test_a_row_cites_programs_shown_with_their_latest_values(cast):
    goal = make_goal(cast.cycle)
    pbis = _pbis(cast.cycle)
    climate = program_create(cycle=cast.cycle, name="Positive School Climate")
    client = cast.client("member")
    form = client.get(_url(cast, "reflection_add")).content.decode()
    assert "PBIS" in form and "Positive School Climate" in form

    response = client.post(
        _url(cast, "reflection_add"), _data(goal, programs=[str(climate.code), str(pbis.code)])
    )

    assert response.status_code == 302
    row = ReflectionRow.objects.get()
    # Kept in the inventory's name order, whatever order they were ticked in.
    assert row.programs == [str(pbis.code), str(climate.code)]
    pbis.achieved = "Working well at 4 of 5 schools"
    pbis.decision = "expand"
    pbis.save()
    html = client.get(_url(cast, "reflection")).content.decode()
    assert "Inventory programs cited (latest values):" in html
    assert "Currently Active? Yes, at 3 of 5 schools" in html
    assert "Achieve Intended Goals? Working well at 4 of 5 schools" in html
    assert "decision: Expand" in html
    program_url = reverse(
        "inventory:program",
        kwargs={"district": "riverbend", "cycle": cast.cycle.slug, "code": pbis.code},
    )
    assert f'href="{program_url}"' in html
    assert "decision: No decision yet." in html  # the climate program has none


def test_a_program_of_another_district_is_a_form_error(cast):
    goal = make_goal(cast.cycle)
    _pbis(cast.cycle)
    foreign = _pbis(cast.other_cycle)
    response = cast.client("member").post(
        _url(cast, "reflection_add"), _data(goal, programs=[foreign.code])
    )
    assert response.status_code == 200
    assert "Choose programs of this cycle&#x27;s inventory." in response.content.decode()
    assert not ReflectionRow.objects.exists()


def test_a_program_of_last_years_cycle_is_a_form_error(cast):
    goal = make_goal(cast.cycle)
    new = cycle_launch_next(
        cycle=cast.cycle, label="2027-28", start_date=date(2027, 8, 1), end_date=date(2028, 7, 31)
    )
    new_goal = new.goals_goal_set.get()
    assert new_goal.carried_from == goal
    last_year = _pbis(cast.cycle)

    response = cast.client("member").post(
        _url(cast, "reflection_add", cycle=new), _data(new_goal, programs=[last_year.code])
    )

    assert response.status_code == 200
    assert response.context["form"].errors["programs"] == [
        "Choose programs of this cycle's inventory."
    ]
    # This cycle's inventory is empty: the message shows above the form.
    assert "Choose programs of this cycle&#x27;s inventory." in response.content.decode()
    assert not ReflectionRow.objects.filter(cycle=new).exists()


def test_without_programs_the_form_says_where_to_add_them(cast):
    make_goal(cast.cycle)
    html = cast.client("member").get(_url(cast, "reflection_add")).content.decode()
    assert "The inventory of this cycle has no programs yet" in html


def _row(cast, **fields):
    return ReflectionRowFactory(
        goal=make_goal(cast.cycle),
        outcome="First outcome",
        data_sources=["inventory"],
        **fields,
    )


def test_stale_edit_names_the_programs_on_the_conflict_page(cast):
    pbis = _pbis(cast.cycle)
    climate = program_create(cycle=cast.cycle, name="Positive School Climate")
    row = _row(cast)
    client = cast.client("member")
    url = _url(cast, "reflection_edit", code=row.code)
    saved = client.post(url, _data(row.goal, programs=[str(pbis.code)], version=1))
    assert saved.status_code == 302

    stale = client.post(url, _data(row.goal, programs=[str(climate.code)], version=1))

    assert stale.status_code == 409
    assert ("inventory programs", "PBIS", "Positive School Climate") in [
        (r["label"], r["theirs"], r["mine"]) for r in stale.context["rows"]
    ]
    row.refresh_from_db()
    assert row.programs == [str(pbis.code)]


def test_history_names_the_programs_even_after_one_is_removed(cast):
    pbis = _pbis(cast.cycle)
    climate = program_create(cycle=cast.cycle, name="Positive School Climate")
    row = _row(cast)
    client = cast.client("member")
    url = _url(cast, "reflection_edit", code=row.code)
    assert (
        client.post(url, _data(row.goal, programs=[str(pbis.code)], version=1)).status_code == 302
    )
    both = [str(pbis.code), str(climate.code)]
    assert client.post(url, _data(row.goal, programs=both, version=2)).status_code == 302
    climate.delete()

    page = cast.client("viewer").get(_url(cast, "history", kind="reflection", code=row.code))

    changes = [
        (change["old"], change["new"])
        for record in page.context["page"].object_list
        for change in record.changes
        if change["field"] == "inventory programs"
    ]
    assert changes == [
        ("PBIS", "PBIS, Positive School Climate"),
        ("—", "PBIS"),
    ]
    html = page.content.decode()
    assert str(pbis.code) not in html
    # The page shows the row itself only with the programs still in the inventory.
    reflection = client.get(_url(cast, "reflection")).content.decode()
    assert "PBIS" in reflection and "Positive School Climate" not in reflection


def test_the_report_section_prints_the_cited_programs(cast):
    pbis = _pbis(cast.cycle)
    _row(cast, programs=[str(pbis.code)])

    section = roadmap_report_section(cast.cycle)
    with CaptureQueriesContext(connection) as captured:
        html = render_to_string(section.template, section.context)

    assert len(captured) == 0

    assert "PBIS" in html and "Currently Active? Yes, at 3 of 5 schools" in html
    assert "decision: Maintain" in html
    assert "/inventory/" not in html  # printed, not linked


def test_carry_forward_cites_the_inventorys_copies(cast):
    seed_goals_demo(cycle=cast.cycle, lead=cast.lead, members=[cast.member])
    seed_inventory_demo(cycle=cast.cycle, lead=cast.lead, members=[cast.member])
    seed_roadmap_demo(cycle=cast.cycle, lead=cast.lead)
    old_rows = list(ReflectionRow.objects.filter(cycle=cast.cycle).order_by("position"))
    names = {str(p.code): p.name for p in Program.objects.filter(cycle=cast.cycle)}
    assert [[names[c] for c in r.programs] for r in old_rows] == [
        ["PBIS"],
        ["Positive School Climate"],
    ]

    new = cycle_launch_next(
        cycle=cast.cycle, label="2027-28", start_date=date(2027, 8, 1), end_date=date(2028, 7, 31)
    )

    copies = {str(p.code): p for p in Program.objects.filter(cycle=new)}
    new_rows = list(ReflectionRow.objects.filter(cycle=new).order_by("position"))
    assert [[copies[c].name for c in r.programs] for r in new_rows] == [
        ["PBIS"],
        ["Positive School Climate"],
    ]
    assert all(copies[c].carried_from.cycle == cast.cycle for r in new_rows for c in r.programs)
    # Last year's rows keep citing last year's programs.
    for row in old_rows:
        row.refresh_from_db()
    assert all(
        Program.objects.get(code=c).cycle == cast.cycle for r in old_rows for c in r.programs
    )
    html = cast.client("member").get(_url(cast, "reflection", cycle=new)).content.decode()
    assert "Currently Active? Yes, at 3 of 5 schools" in html


def test_a_program_the_inventory_did_not_carry_is_dropped(cast):
    goal = make_goal(cast.cycle)
    pbis = _pbis(cast.cycle)
    row = ReflectionRowFactory(
        goal=goal,
        outcome="Outcome",
        data_sources=["inventory"],
        programs=[str(pbis.code)],
    )
    new = cycle_launch_next(
        cycle=cast.cycle, label="2027-28", start_date=date(2027, 8, 1), end_date=date(2028, 7, 31)
    )
    ReflectionRow.objects.filter(cycle=new).delete()
    Roadmap.objects.filter(cycle=new).delete()
    # The inventory registered no copy of PBIS: only the goal was carried.
    links = {("goals.Goal", goal.pk): new.goals_goal_set.get()}

    roadmap_carry_forward(source=cast.cycle, target=new, links=links)

    copy = ReflectionRow.objects.get(cycle=new)
    assert copy.carried_from == row and copy.programs == []


def test_removing_a_cited_program_warns_which_reflection_rows_cite_it(cast):
    goal = make_goal(cast.cycle)
    pbis = _pbis(cast.cycle)
    quiet = program_create(cycle=cast.cycle, name="Second Step")
    ReflectionRowFactory(
        goal=goal,
        outcome="Staff implement SEL programs.",
        programs=[str(pbis.code)],
    )
    client = cast.client("member")

    def delete_page(program):
        url = reverse(
            "inventory:program_delete",
            kwargs={"district": "riverbend", "cycle": cast.cycle.slug, "code": program.code},
        )
        return client.get(url).content.decode()

    page = delete_page(pbis)
    assert "Other tools cite this program" in page
    assert "Staff implement SEL programs." in page
    assert "Other tools cite this program" not in delete_page(quiet)
