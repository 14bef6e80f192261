from django.urls import reverse

from roadmap.models import ReflectionRow

from ..factories import AssessmentFactory, ReflectionRowFactory, agree_all, current_framework
from .helpers import make_goal


def _url(cast, name, **kwargs):
    return reverse(
        f"roadmap:{name}", kwargs={"district": "riverbend", "cycle": cast.cycle.slug, **kwargs}
    )


def _data(goal, **overrides):
    return {
        "goal": goal.pk,
        "outcome": "At least 90% of all students will achieve their growth goals.",
        "data_sources": ["sel_assessment"],
        "data_source_other": "",
        "timing": "summative",
        "disaggregated": "on",
        "current_status": "Currently, 50% of students are achieving their growth goal.",
        "gap_analysis": "Lower growth in relationship skills.",
        "priorities": "SEL and academic integration.",
        **overrides,
    }


def test_adding_a_row_that_cites_a_rubric_item(cast):
    framework = current_framework()
    item = framework.focus_areas.get(number=3).items.get(code="3-B")
    assessment = AssessmentFactory(cycle=cast.cycle, framework=framework)
    agree_all(assessment, cast.lead, score=2)
    goal = make_goal(cast.cycle)
    client = cast.client("member")
    assert client.get(_url(cast, "reflection_add") + f"?goal={goal.code}").status_code == 200

    response = client.post(_url(cast, "reflection_add"), _data(goal, rubric_items=[item.code]))

    assert response.status_code == 302
    row = ReflectionRow.objects.get()
    assert row.cycle == cast.cycle and row.goal == goal
    assert row.data_sources == ["sel_assessment"] and row.disaggregated
    assert row.rubric_items == [item.code]
    html = client.get(_url(cast, "reflection")).content.decode()
    assert "Student performance on assessment of student social and emotional competence" in html
    assert "disaggregated by subgroup" in html
    assert "3-B Adopt and implement evidence-based programs and practices: 2" in html


def test_a_typed_data_source_is_enough(cast):
    goal = make_goal(cast.cycle)
    response = cast.client("member").post(
        _url(cast, "reflection_add"),
        _data(goal, data_sources=[], data_source_other="Student interviews"),
    )
    assert response.status_code == 302
    assert ReflectionRow.objects.get().source_labels() == ["Student interviews"]


def test_a_row_needs_a_data_source(cast):
    goal = make_goal(cast.cycle)
    response = cast.client("member").post(
        _url(cast, "reflection_add"), _data(goal, data_sources=[])
    )
    assert response.status_code == 200
    assert "Pick a data source from the list or type one in below." in response.content.decode()
    assert not ReflectionRow.objects.exists()


def test_a_goal_of_another_district_is_a_form_error(cast):
    foreign = make_goal(cast.other_cycle)
    response = cast.client("member").post(_url(cast, "reflection_add"), _data(foreign))
    assert response.status_code == 200
    assert "Choose one of this cycle&#x27;s long-term goals." in response.content.decode()
    assert not ReflectionRow.objects.exists()


def test_an_unknown_data_source_is_a_form_error(cast):
    goal = make_goal(cast.cycle)
    response = cast.client("member").post(
        _url(cast, "reflection_add"), _data(goal, data_sources=["horoscopes"])
    )
    assert response.status_code == 200
    assert response.context["form"].errors["data_sources"]
    assert not ReflectionRow.objects.exists()


def _row(cast):
    return ReflectionRowFactory(
        goal=make_goal(cast.cycle),
        outcome="First outcome",
        data_sources=["grades"],
    )


def test_stale_row_edit_is_a_conflict(cast):
    row = _row(cast)
    client = cast.client("member")
    url = _url(cast, "reflection_edit", code=row.code)
    assert client.post(url, _data(row.goal, outcome="Second outcome", version=1)).status_code == 302

    stale = client.post(
        url,
        _data(row.goal, outcome="Competing outcome", data_sources=["grades", "rubric"], version=1),
    )

    assert stale.status_code == 409
    assert [(r["label"], r["theirs"], r["mine"]) for r in stale.context["rows"]] == [
        ("Goal", "Second outcome", "Competing outcome"),
        (
            "Data Source",
            "Student performance on assessment of student social and emotional competence",
            "Districtwide SEL Implementation Rubric, Grades",
        ),
    ]
    row.refresh_from_db()
    assert row.outcome == "Second outcome"


def test_removing_a_row_asks_first(cast):
    row = _row(cast)
    client = cast.client("member")
    url = _url(cast, "reflection_delete", code=row.code)

    confirm = client.get(url)

    assert "Remove this data reflection row?" in confirm.content.decode()
    assert ReflectionRow.objects.exists()
    assert client.post(url).status_code == 302
    assert not ReflectionRow.objects.exists()


def test_row_history_lists_changes(cast):
    row = _row(cast)
    cast.client("member").post(
        _url(cast, "reflection_edit", code=row.code),
        _data(row.goal, gap_analysis="Few chances to collaborate.", version=1),
    )
    page = cast.client("viewer").get(_url(cast, "history", kind="reflection", code=row.code))
    assert page.status_code == 200
    assert "Few chances to collaborate." in page.content.decode()


def test_empty_reflection_says_what_to_do(cast):
    html = cast.client("viewer").get(_url(cast, "reflection")).content.decode()
    assert "Write the long-term SMARTIE goals first" in html
    make_goal(cast.cycle)
    html = cast.client("member").get(_url(cast, "reflection")).content.decode()
    assert "No rows yet: pull out the measurable outcomes" in html
    assert "Add a row" in html


def test_a_malformed_goal_code_in_the_link_is_ignored(cast):
    make_goal(cast.cycle)
    response = cast.client("member").get(_url(cast, "reflection_add") + "?goal=not-a-code")
    assert response.status_code == 200
    assert response.context["form"].initial["goal"] is None


def test_a_closed_cycle_is_read_only(cast):
    row = _row(cast)
    cast.cycle.phase = "closed"
    cast.cycle.save()
    client = cast.client("lead")

    html = client.get(_url(cast, "reflection")).content.decode()

    assert "First outcome" in html and "Add a row" not in html
    response = client.post(_url(cast, "reflection_edit", code=row.code), _data(row.goal, version=1))
    assert response.status_code == 403
    row.refresh_from_db()
    assert row.outcome == "First outcome"
