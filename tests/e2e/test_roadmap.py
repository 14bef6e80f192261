"""Tool 5, long-term roadmap: a data reflection row and a roadmap cell, filled in the browser."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from playwright.sync_api import expect

from goals.models import Goal, Priority
from inventory.services import program_create
from roadmap.models import ReflectionRow, Target
from rubric.models import Framework

from .support import axe_check, log_in, url_path

pytestmark = pytest.mark.e2e

CYCLE = "/d/riverbend/2026-27/"
ROADMAP = f"{CYCLE}roadmap/"
PHRASE = "Provide a world-class education that prepares all students."
OUTCOME = "At least 90% of all students will achieve their growth goals."


@pytest.fixture
def framework(e2e_cast):
    """The CASEL rubric its data migration loads; an earlier browser test's flush removed it."""
    if not Framework.objects.filter(is_current=True).exists():
        migration = importlib.import_module("rubric.migrations.0002_load_casel_2021")
        migration.load(apps, None)
    return Framework.objects.get(is_current=True)


@pytest.fixture
def goal(e2e_cast):
    priority = Priority.objects.create(cycle=e2e_cast.cycle, phrase=PHRASE)
    return Goal.objects.create(
        cycle=e2e_cast.cycle,
        priority=priority,
        statement="Five years from now, 90% of students grow.",
        target_year=2031,
        baseline_value=Decimal(50),
        baseline_unit="%",
        target_value=Decimal(90),
        target_unit="%",
        status=Goal.Status.APPROVED,
    )


@pytest.fixture
def program(e2e_cast):
    return program_create(
        cycle=e2e_cast.cycle,
        name="PBIS",
        active="Yes, at 3 of 5 schools",
        active_state="partly",
        achieved="Working well at 3 of 5 schools",
        decision="maintain",
    )


def test_member_fills_a_reflection_row_and_a_roadmap_cell(
    new_page, e2e_cast, framework, goal, program, live_server
):
    page = new_page()
    log_in(page, "member@a.example")
    expect(page).to_have_url(url_path(live_server, "/d/riverbend/"))
    axe_check(page)
    page.goto(CYCLE)
    axe_check(page)
    page.get_by_role("navigation", name="Workbook tools").get_by_role(
        "link", name="5. Long-term roadmap"
    ).click()
    expect(page).to_have_url(url_path(live_server, ROADMAP))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tool 5: Develop a Long-Term SEL Implementation Roadmap"
    )
    expect(page.get_by_text("No roadmap for this goal yet.")).to_be_visible()
    axe_check(page)

    # Section 1: one row of the data reflection.
    page.get_by_role("link", name="Section 1: Current progress").click()
    expect(page).to_have_url(url_path(live_server, f"{ROADMAP}reflection/"))
    expect(page.get_by_role("heading", level=2, name=PHRASE)).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name=f"Add a row for {PHRASE}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a data reflection row")
    axe_check(page)
    page.get_by_label("Goal*", exact=True).fill(OUTCOME)
    page.get_by_label(
        "Student performance on assessment of student social and emotional competence"
    ).check()
    page.get_by_label("Formative and summative").check()
    page.get_by_label("Disaggregated by subgroup").check()
    page.get_by_label("Current Status").fill(
        "50% of participating students achieve their growth goal."
    )
    page.get_by_label("Gap Analysis").fill("Lower growth in relationship skills.")
    page.get_by_label("Priorities for Action").fill("Integrate SEL and academics.")
    page.get_by_label("3-C Integrate SEL with academics").check()
    page.get_by_role("group", name="Inventory programs").get_by_label("PBIS").check()
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(url_path(live_server, f"{ROADMAP}reflection/"))
    expect(page.locator(".messages")).to_contain_text("Row added.")
    table = page.get_by_role(
        "table", name=f"Data Reflection on Progress Toward Long-Term Goals: {PHRASE}"
    )
    expect(table).to_contain_text(OUTCOME)
    expect(table).to_contain_text("3-C Integrate SEL with academics: not scored yet")
    expect(table).to_contain_text("Currently Active? Yes, at 3 of 5 schools")
    expect(table).to_contain_text("Achieve Intended Goals? Working well at 3 of 5 schools")
    expect(table).to_contain_text("decision: Maintain")
    axe_check(page)
    table.get_by_role("link", name="PBIS").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("PBIS")
    axe_check(page)
    page.go_back()
    expect(table).to_contain_text("decision: Maintain")
    axe_check(page)

    # Section 2: plan the goal's years, then fill the Year 1 cell.
    page.get_by_role("link", name="Section 2: Annual targets").click()
    expect(page).to_have_url(url_path(live_server, f"{ROADMAP}targets/"))
    axe_check(page)
    page.get_by_role("link", name=f"Plan its years {PHRASE}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Years of the roadmap")
    axe_check(page)
    page.get_by_label("Number of years").select_option(label="3 years (2026-27 to 2028-29)")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("The goal's roadmap spans 3 years.")
    grid = page.get_by_role("table", name="Long-Term SEL Implementation Roadmap")
    expect(grid.get_by_role("columnheader", name="Year 3 2028-29")).to_be_visible()
    axe_check(page)
    grid.get_by_role("link", name=f"Add a target to Year 1 of {PHRASE}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a target")
    expect(page.get_by_label("Column")).to_have_value("year-1")
    axe_check(page)
    page.get_by_label("Target*", exact=True).fill(
        "60% of participating students achieve their growth goals."
    )
    page.get_by_label("Number").fill("60% of students")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Write only the number and its unit here")).to_be_visible()
    expect(page.get_by_label("Target*", exact=True)).to_have_value(
        "60% of participating students achieve their growth goals."
    )
    axe_check(page)
    page.get_by_label("Number").fill("60%")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("Target saved.")
    row = grid.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Long Term SMARTIE Goal 1")
    )
    expect(row.get_by_role("cell").nth(1)).to_contain_text(
        "60% of participating students achieve their growth goals."
    )
    axe_check(page)

    # The pictures and the roll-out plan read what was saved.
    page.get_by_role("link", name="Pictures").click()
    expect(
        page.get_by_role("img", name=f"Trajectory of the numeric targets: {PHRASE}")
    ).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Roll-out plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Roll-out plan")
    axe_check(page)

    saved = ReflectionRow.objects.get()
    assert saved.data_sources == ["sel_assessment"] and saved.timing == "both"
    assert saved.programs == [str(program.code)]
    target = Target.objects.get()
    assert (target.year, target.value, target.unit) == (1, Decimal(60), "%")
