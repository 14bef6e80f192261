"""The registry hooks: progress, dashboard panel, report section, annual parts,
carry forward; the demo."""

from datetime import date, timedelta

from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import timezone

from inventory.models import Interview, InventoryWorkspace, Mention, Program
from inventory.services import program_create
from inventory.tool import TOOL
from tests.factories import CycleFactory, GoalFactory, InterviewFactory


def test_progress_follows_the_three_sections(cast):
    assert TOOL.progress(cast.cycle).state == "not_started"
    InterviewFactory(cycle=cast.cycle, category="school")
    program = program_create(cycle=cast.cycle, name="PBIS")
    progress = TOOL.progress(cast.cycle)
    assert (progress.done, progress.total) == (2, 4)
    assert "decide" in progress.next_step
    program.decision = "maintain"
    program.save()
    InventoryWorkspace.objects.filter(cycle=cast.cycle).update(completed_on=timezone.localdate())
    assert TOOL.progress(cast.cycle).state == "done"


def test_dashboard_panel_lists_deadlines_and_reminds_after_two_years(cast):
    today = timezone.localdate()
    program_create(
        cycle=cast.cycle,
        name="Late",
        decision="expand",
        next_steps="x",
        deadline=today - timedelta(days=1),
    )
    program_create(
        cycle=cast.cycle,
        name="Soon",
        decision="maintain",
        next_steps="x",
        deadline=today + timedelta(days=5),
    )
    program_create(
        cycle=cast.cycle,
        name="Far",
        decision="maintain",
        next_steps="x",
        deadline=today + timedelta(days=90),
    )
    program_create(cycle=cast.cycle, name="Dropped", decision="phase_out", deadline=today)
    old = CycleFactory(district=cast.district, label="2023-24")
    InventoryWorkspace.objects.filter(cycle=old).update(completed_on=today - timedelta(days=800))
    panel = TOOL.dashboard_panel(cast.cycle)
    assert [p.name for p in panel.context["overdue"]] == ["Late"]
    assert [p.name for p in panel.context["upcoming"]] == ["Soon"]
    assert panel.context["reminder"] is True
    html = render_to_string(panel.template, {"data": panel.context})
    assert "Overdue" in html and "at least every two years" in html
    InventoryWorkspace.objects.filter(cycle=cast.cycle).update(
        completed_on=today - timedelta(days=30)
    )
    assert TOOL.dashboard_panel(cast.cycle).context["reminder"] is False


def test_dashboard_shows_the_panel(cast):
    page = cast.client("viewer").get(f"/d/{cast.district.slug}/{cast.cycle.slug}/").content.decode()
    assert "The district has not completed an inventory yet." in page


def test_annual_part_counts_interviews_by_category_without_names(cast):
    assert TOOL.annual_parts(cast.cycle) == []
    InterviewFactory(cycle=cast.cycle, category="students", respondent_name="Secret Name")
    InterviewFactory(cycle=cast.cycle, category="students")
    InterviewFactory(cycle=cast.cycle, source="survey", respondent_name="Anon")
    (part,) = TOOL.annual_parts(cast.cycle)
    assert (part.section, part.public) == ("engagement", True)
    html = render_to_string(part.template, part.context)
    assert "Students: 2" in html and "Online survey responses: 1" in html
    assert "Secret Name" not in html and "Anon" not in html


def test_report_section_prints_both_tables_landscape(cast):
    assert TOOL.report_section(cast.cycle) is None
    program = program_create(
        cycle=cast.cycle, name="PBIS", grades="K-8", decision="expand", next_steps="Meet"
    )
    program.schools.add(cast.school)
    section = TOOL.report_section(cast.cycle)
    html = render_to_string(section.template, section.context)
    assert "report-landscape" in html and "Lincoln Elementary" in html
    assert "Deadline for Next Step" in html and "Meet" in html


def test_carry_forward_copies_programs_and_repoints_goals(cast, goal):
    program = program_create(
        cycle=cast.cycle,
        name="Positive School Climate",
        grades="1-4",
        evidence="Climate survey",
        decision="expand",
        next_steps="Meet the team",
        responsible_name="Jo M.",
        deadline=date(2027, 5, 19),
    )
    program.schools.add(cast.school)
    program.goals.add(goal)
    Mention.objects.create(
        cycle=cast.cycle,
        program=program,
        name="PSC",
        interview=InterviewFactory(cycle=cast.cycle),
    )
    target = CycleFactory(district=cast.district, label="2027-28")
    new_goal = GoalFactory(cycle=target, priority__phrase=goal.priority.phrase)
    links = {("goals.Goal", goal.pk): new_goal}
    TOOL.carry_forward(source=cast.cycle, target=target, links=links)
    copy = target.inventory_program_set.get()
    assert copy.carried_from == program
    assert (copy.evidence, copy.next_steps, copy.responsible_name, copy.deadline) == (
        "Climate survey",
        "Meet the team",
        "Jo M.",
        date(2027, 5, 19),
    )
    assert list(copy.goals.all()) == [new_goal]
    assert list(copy.schools.all()) == [cast.school]
    assert links[("inventory.Program", program.pk)] == copy
    program.refresh_from_db()
    assert program.cycle == cast.cycle and program.mentions.count() == 1


def test_earlier_inventories_list_the_previous_cycle(cast, url):
    program = program_create(cycle=cast.cycle, name="PBIS", active="Yes, at 3 of 5 schools")
    target = CycleFactory(district=cast.district, label="2027-28", carried_from=cast.cycle)
    TOOL.carry_forward(source=cast.cycle, target=target, links={})
    from django.urls import reverse

    page = (
        cast.client("viewer")
        .get(
            reverse(
                "inventory:earlier", kwargs={"district": cast.district.slug, "cycle": target.slug}
            )
        )
        .content.decode()
    )
    assert "PBIS" in page and "Yes, at 3 of 5 schools" in page and "Carried forward" in page
    assert program.cycle == cast.cycle
    first = cast.client("viewer").get(url("earlier")).content.decode()
    assert "first cycle" in first


def test_seed_demo_fills_the_workbooks_example(db):
    call_command("seed_demo")
    call_command("seed_demo")
    cycle = set(Program.objects.values_list("cycle", flat=True))
    assert len(cycle) == 1
    names = sorted(Program.objects.values_list("name", flat=True))
    assert names == ["Bullying Prevention", "PBIS", "Positive School Climate"]
    for program in Program.objects.all():
        for field in (
            "organisation",
            "grades",
            "active",
            "why_not",
            "program_goals",
            "achieved",
            "evidence",
            "resources",
            "challenges",
            "connection",
        ):
            assert getattr(program, field), (program.name, field)
        assert program.goals.exists()
    climate = Program.objects.get(name="Positive School Climate")
    assert climate.responsible_name == "Jo M."
    assert climate.deadline == date(climate.cycle.end_date.year, 5, 19)
    assert climate.deadline.year == 2027
    assert climate.next_steps.startswith("SEL team lead will schedule a meeting")
    assert Interview.objects.count() == 3
    assert Mention.objects.filter(program__name="PBIS").count() == 2


def test_launching_the_next_cycle_carries_the_inventory(cast, goal):
    from sel_planner.districts.services import cycle_launch_next

    program = program_create(cycle=cast.cycle, name="PBIS", decision="maintain", next_steps="Keep")
    program.goals.add(goal)
    target = cycle_launch_next(
        cycle=cast.cycle, label="2027-28", start_date=date(2027, 8, 1), end_date=date(2028, 7, 31)
    )
    copy = target.inventory_program_set.get()
    assert (copy.name, copy.next_steps, copy.carried_from) == ("PBIS", "Keep", program)
    new_goal = target.goals_goal_set.get()
    assert list(copy.goals.all()) == [new_goal] and new_goal != goal
    assert cast.cycle.inventory_program_set.get() == program
    assert list(program.goals.all()) == [goal]


def test_programs_to_build_on_come_soonest_deadline_first_and_undated_last(cast):
    from inventory.selectors import build_on_among, build_on_rows

    today = date(2026, 10, 1)
    for name, deadline in [
        ("Alpha", None),
        ("Bravo", today + timedelta(days=9)),
        ("Charlie", today),
    ]:
        program = program_create(cycle=cast.cycle, name=name, grades="K-5")
        Program.objects.filter(pk=program.pk).update(decision="expand", deadline=deadline)
    program_create(cycle=cast.cycle, name="Delta", grades="K-5")  # no decision: not built on
    expected = ["Charlie", "Bravo", "Alpha"]
    assert [p.name for p in build_on_rows(cycle=cast.cycle)] == expected
    in_name_order = list(cast.cycle.inventory_program_set.order_by("name_key"))
    assert [p.name for p in build_on_among(in_name_order)] == expected


def test_a_new_cycle_gets_its_workspace_and_the_pages_only_read_it(cast, url):
    from sel_planner.districts import registry
    from sel_planner.districts.models import PlanningCycle

    cycle = PlanningCycle.objects.create(
        district=cast.district,
        label="2027-28",
        start_date=date(2027, 8, 1),
        end_date=date(2028, 7, 31),
    )
    registry.cycle_setup(cycle)
    registry.cycle_setup(cycle)
    assert InventoryWorkspace.objects.filter(cycle=cycle).count() == 1
    before = InventoryWorkspace.history.count()
    for name in ("home", "people", "workspace_edit"):
        assert cast.client("lead").get(url(name)).status_code == 200
    assert InventoryWorkspace.history.count() == before
    assert InventoryWorkspace.objects.filter(cycle=cast.cycle).count() == 1


def test_the_migration_gives_every_earlier_cycle_its_workspace(cast):
    from importlib import import_module

    from django.apps import apps

    from sel_planner.districts.models import PlanningCycle

    migration = import_module("inventory.migrations.0003_workspace_for_every_cycle")
    earlier = PlanningCycle.objects.create(
        district=cast.district,
        label="2024-25",
        start_date=date(2024, 8, 1),
        end_date=date(2025, 7, 31),
    )
    kept = InventoryWorkspace.objects.get(cycle=cast.cycle)
    migration.workspace_for_every_cycle(apps, None)
    assert InventoryWorkspace.objects.filter(cycle=earlier).count() == 1
    assert InventoryWorkspace.objects.get(cycle=cast.cycle) == kept
