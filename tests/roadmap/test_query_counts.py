"""Roadmap pages cost the same number of queries with one long-term goal or eight."""

import pytest

from inventory.services import program_create
from roadmap.models import Target
from tests.conftest import count_page_queries

from ..factories import (
    AssessmentFactory,
    ReflectionRowFactory,
    SchoolRolloutFactory,
    agree_all,
    current_framework,
)
from .helpers import make_goal, make_roadmap, make_row, make_target


def _fill(cast, goals: range, items):
    for n in goals:
        goal = make_goal(cast.cycle, n=n)
        row = make_row(goal, years=3 + n % 3)
        make_target(row, text="Now", value=50, unit="%")
        for year in range(1, row.years + 1):
            make_target(row, year=year, text=f"Year {year}", value=50 + 10 * year, unit="%")
            make_target(row, year=year, text="Deliverable", kind=Target.Kind.DELIVERABLE)
        make_target(row, stage=Target.Stage.LONG_TERM, text="Goal", value=90, unit="%")
        reflection = ReflectionRowFactory(
            goal=goal, outcome=f"Outcome {n}", data_sources=["grades", "rubric"]
        )
        reflection.rubric_items = [item.code for item in items[n % 3 : n % 3 + 2]]
        programs = [program_create(cycle=cast.cycle, name=f"Program {n}-{k}") for k in range(3)]
        reflection.programs = [str(program.code) for program in programs]
        reflection.save()
        SchoolRolloutFactory(cycle=cast.cycle, school__name=f"School {n}", year=n % 4)


@pytest.mark.parametrize("page", ["", "reflection/", "targets/", "rollout/", "pictures/"])
def test_query_count_is_constant(cast, page):
    framework = current_framework()
    agree_all(AssessmentFactory(cycle=cast.cycle, framework=framework), cast.lead, score=3)
    items = list(framework.focus_areas.get(number=3).items.all())
    make_roadmap(cast.cycle)
    client = cast.client("member")
    url = f"/d/riverbend/{cast.cycle.slug}/roadmap/{page}"
    _fill(cast, range(1), items)
    one = count_page_queries(client, url)

    _fill(cast, range(1, 8), items)

    assert cast.cycle.goals_goal_set.count() == 8
    assert cast.cycle.inventory_program_set.count() == 24
    assert count_page_queries(client, url) == one
    if page == "reflection/":
        html = client.get(url).content.decode()
        assert html.count("Achieve Intended Goals?") == 24 and "Program 7-2" in html


def test_dashboard_panel_query_count_is_constant(cast):
    client = cast.client("viewer")
    url = f"/d/riverbend/{cast.cycle.slug}/"
    make_roadmap(cast.cycle)
    _fill(cast, range(1), [])
    one = count_page_queries(client, url)
    _fill(cast, range(1, 8), [])
    assert count_page_queries(client, url) == one
