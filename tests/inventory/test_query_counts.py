"""Inventory pages cost the same number of queries with 3 programs as with 300."""

import pytest

from inventory.models import Interview, Mention, Person, Program, name_key
from tests.conftest import count_page_queries


def _fill(cast, goal, count):
    start = Program.objects.filter(cycle=cast.cycle).count()
    programs = Program.objects.bulk_create(
        [
            Program(
                cycle=cast.cycle,
                name=f"Program {n}",
                name_key=name_key(f"Program {n}"),
                grades="K-5",
                grade_low=0,
                grade_high=5,
                decision="expand",
                next_steps="Meet",
                responsible=cast.member,
            )
            for n in range(start, start + count)
        ]
    )
    for program in programs:
        program.schools.add(cast.school)
        program.goals.add(goal)
    interviews = Interview.objects.bulk_create(
        [
            Interview(cycle=cast.cycle, category="school", respondent_name=f"P{n}")
            for n in range(count)
        ]
    )
    Mention.objects.bulk_create(
        [
            Mention(cycle=cast.cycle, interview=i, program=p, name=p.name, q7_evidence="Survey")
            for i, p in zip(interviews, programs, strict=True)
        ]
    )
    Person.objects.bulk_create(
        [Person(cycle=cast.cycle, category="school", name=f"Person {n}") for n in range(count)]
    )


@pytest.mark.parametrize(
    "name",
    ["home", "people", "interviews", "table", "build_on", "earlier", "survey", "import_upload"],
)
def test_query_count_is_constant(cast, url, goal, name):
    client = cast.client("lead")
    _fill(cast, goal, 3)
    few = count_page_queries(client, url(name))
    _fill(cast, goal, 297)
    assert Program.objects.count() == 300
    assert count_page_queries(client, url(name)) == few


def test_table_with_filters_is_constant(cast, url, goal):
    client = cast.client("lead")
    query = f"?band=elementary&school={cast.school.code}&goal={goal.code}&sort=active&page=2"
    _fill(cast, goal, 30)
    few = count_page_queries(client, url("table") + query)
    _fill(cast, goal, 270)
    assert count_page_queries(client, url("table") + query) == few


def test_exports_are_constant(cast, url, goal):
    client = cast.client("lead")
    _fill(cast, goal, 3)
    few = [
        count_page_queries(client, url("export", table=t, fmt="csv"))
        for t in ("inventory", "build-on")
    ]
    _fill(cast, goal, 297)
    many = [
        count_page_queries(client, url("export", table=t, fmt="csv"))
        for t in ("inventory", "build-on")
    ]
    assert many == few
