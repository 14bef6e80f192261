from decimal import Decimal

import pytest
from django.urls import reverse

from roadmap.models import RoadmapRow, Target
from roadmap.selectors import roadmap_grid

from .helpers import make_goal, make_roadmap, make_row, make_target


def _url(cast, name, **kwargs):
    return reverse(
        f"roadmap:{name}", kwargs={"district": "riverbend", "cycle": cast.cycle.slug, **kwargs}
    )


@pytest.mark.parametrize("years", [3, 4, 5])
def test_grid_has_a_column_per_year_labelled_with_school_years(cast, years):
    make_roadmap(cast.cycle)
    row = make_row(make_goal(cast.cycle, years_out=6), years=years)
    make_target(row, year=years, text=f"Target of the last year {years}")

    response = cast.client("viewer").get(_url(cast, "grid"))

    html = response.content.decode()
    assert response.status_code == 200
    for k in range(1, years + 1):
        assert f"Year {k}<span" in html
    assert f"Year {years + 1}<span" not in html
    # The cycle 2026-27 is Year 1, so the last column is years - 1 school years later.
    last = 2027 + years - 1
    assert f"{last - 1}-{last % 100:02d}" in html
    assert f"Target of the last year {years}" in html
    grid = roadmap_grid(cycle=cast.cycle)
    assert [c["k"] for c in grid["columns"]] == list(range(1, years + 1))
    assert [t.text for t in grid["rows"][0].years[years - 1].targets] == [
        f"Target of the last year {years}"
    ]


def test_targets_sit_in_their_own_cell(cast):
    row = make_row(make_goal(cast.cycle))
    make_target(row, text="50% now", value=Decimal(50), unit="%")
    make_target(row, year=1, text="60% in year one")
    make_target(row, year=1, text="Expand to 5 schools", kind=Target.Kind.ROLLOUT)
    make_target(row, year=3, text="80% in year three")
    make_target(row, stage=Target.Stage.LONG_TERM, text="90% in the end")

    grid_row = roadmap_grid(cycle=cast.cycle)["rows"][0]

    assert [t.text for t in grid_row.current.targets] == ["50% now"]
    assert [[t.text for t in cell.targets] for cell in grid_row.years] == [
        ["60% in year one", "Expand to 5 schools"],
        [],
        ["80% in year three"],
    ]
    assert [t.text for t in grid_row.long_term.targets] == ["90% in the end"]


def test_rows_of_different_lengths_share_the_columns(cast):
    short = make_row(make_goal(cast.cycle, n=0), years=3)
    make_row(make_goal(cast.cycle, n=1), years=5)

    grid = roadmap_grid(cycle=cast.cycle)

    assert len(grid["columns"]) == 5
    first = next(r for r in grid["rows"] if r.row == short)
    assert [cell.in_range for cell in first.years] == [True, True, True, False, False]
    html = cast.client("member").get(_url(cast, "grid")).content.decode()
    assert html.count("Beyond this goal's roadmap") == 2


def test_a_goal_without_a_row_is_planned_within_its_time_frame(cast):
    goal = make_goal(cast.cycle, years_out=3)  # 2026-27 to 2029-30: four roadmap years
    client = cast.client("member")
    form_page = client.get(_url(cast, "row_edit", code=goal.code))
    assert form_page.status_code == 200
    assert (
        form_page.context["form"].initial.get("years", form_page.context["form"].instance.years)
        == 4
    )

    too_long = client.post(_url(cast, "row_edit", code=goal.code), {"years": 5})

    assert too_long.status_code == 200
    assert "choose at most 4 years" in too_long.content.decode()
    assert not RoadmapRow.objects.exists()
    saved = client.post(_url(cast, "row_edit", code=goal.code), {"years": 4})
    assert saved.status_code == 302
    assert RoadmapRow.objects.get(goal=goal).years == 4
    assert cast.cycle.roadmap_roadmap_set.get().first_year == 2027


def test_shortening_a_row_keeps_its_targets(cast):
    row = make_row(make_goal(cast.cycle), years=5)
    make_target(row, year=5, text="Year five")

    response = cast.client("member").post(
        _url(cast, "row_edit", code=row.goal.code), {"years": 3, "version": row.version}
    )

    assert "1 targets sit in years after year 3" in response.content.decode()
    row.refresh_from_db()
    assert row.years == 5


def test_adding_a_target_with_its_number(cast):
    row = make_row(make_goal(cast.cycle))
    client = cast.client("member")
    assert client.get(_url(cast, "target_add", code=row.code) + "?column=year-2").status_code == 200

    response = client.post(
        _url(cast, "target_add", code=row.code),
        {"column": "year-2", "kind": "outcome", "text": "70% of students grow.", "number": "70 %"},
    )

    assert response.status_code == 302
    assert response["Location"].endswith(f"#goal-{row.goal.code}")
    target = Target.objects.get()
    assert (target.stage, target.year, target.value, target.unit) == ("year", 2, Decimal(70), "%")
    assert target.cycle == cast.cycle


def test_a_number_with_words_in_it_is_refused(cast):
    row = make_row(make_goal(cast.cycle))

    response = cast.client("member").post(
        _url(cast, "target_add", code=row.code),
        {
            "column": "year-1",
            "kind": "outcome",
            "text": "Sixty percent",
            "number": "60% of students",
        },
    )

    assert response.status_code == 200
    assert "Write only the number and its unit here" in response.content.decode()
    assert response.context["form"].data["text"] == "Sixty percent"
    assert not Target.objects.exists()


def test_a_year_beyond_the_goals_roadmap_is_refused(cast):
    row = make_row(make_goal(cast.cycle), years=3)

    response = cast.client("member").post(
        _url(cast, "target_add", code=row.code),
        {"column": "year-5", "kind": "outcome", "text": "Too late", "number": ""},
    )

    assert response.status_code == 200
    assert (
        "beyond this goal&#x27;s roadmap, which runs from Year 1 to Year 3"
        in response.content.decode()
    )
    assert not Target.objects.exists()


def test_a_target_of_another_cycle_is_not_found(cast):
    from goals.models import Goal

    row = make_row(make_goal(cast.other_cycle))
    assert Goal.objects.filter(cycle=cast.other_cycle).exists()

    response = cast.client("lead").get(_url(cast, "target_add", code=row.code))

    assert response.status_code == 404


def test_stale_target_edit_shows_both_versions(cast):
    target = make_target(make_row(make_goal(cast.cycle)), year=1, text="First text")
    client = cast.client("member")
    url = _url(cast, "target_edit", code=target.code)
    data = {"column": "year-1", "kind": "outcome", "number": "", "version": target.version}
    assert client.post(url, {**data, "text": "Second text"}).status_code == 302

    stale = client.post(url, {**data, "text": "Competing text"})

    assert stale.status_code == 409
    assert [row["label"] for row in stale.context["rows"]] == ["Target"]
    html = stale.content.decode()
    assert "Second text" in html and "Competing text" in html
    target.refresh_from_db()
    assert target.text == "Second text"
    merged = client.post(url, {**data, "text": "Competing text", "version": target.version})
    assert merged.status_code == 302
    target.refresh_from_db()
    assert target.text == "Competing text" and target.version == 3


def test_target_history_and_restore(cast):
    target = make_target(make_row(make_goal(cast.cycle)), year=1, text="First text")
    url = _url(cast, "target_edit", code=target.code)
    data = {"column": "year-1", "kind": "outcome", "number": "", "version": 1}
    cast.client("member").post(url, {**data, "text": "Second text"})
    history_url = _url(cast, "history", kind="target", code=target.code)

    page = cast.client("lead").get(history_url)

    assert page.status_code == 200
    assert "Second text" in page.content.decode()
    first = target.history.order_by("history_date").first()
    restore = _url(
        cast, "history_restore", kind="target", code=target.code, history_id=first.history_id
    )
    assert cast.client("lead").post(restore).status_code == 302
    target.refresh_from_db()
    assert target.text == "First text"
    assert "/restore/" not in cast.client("member").get(history_url).content.decode()
    assert "/restore/" in cast.client("lead").get(history_url).content.decode()


def test_removing_a_target(cast):
    target = make_target(make_row(make_goal(cast.cycle)), year=1)

    response = cast.client("member").post(_url(cast, "target_delete", code=target.code))

    assert response.status_code == 302
    assert not Target.objects.exists()
    assert Target.history.filter(code=target.code, history_type="-").exists()


def test_district_priorities_note(cast):
    client = cast.client("member")
    response = client.post(
        _url(cast, "roadmap_edit"),
        {
            "district_priorities": "Attendance goal of the strategic plan.",
            "rollout_approach": "",
            "rollout_note": "",
            "version": 1,
        },
    )
    assert response.status_code == 302
    assert (
        "Attendance goal of the strategic plan." in client.get(_url(cast, "grid")).content.decode()
    )


def test_empty_grid_says_what_to_do(cast):
    html = cast.client("viewer").get(_url(cast, "grid")).content.decode()
    assert "Write the long-term SMARTIE goals first" in html
