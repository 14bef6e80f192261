from django.urls import reverse

from roadmap.models import SchoolRollout
from roadmap.selectors import rollout_plan
from sel_planner.districts.models import School

from ..factories import SchoolFactory, SchoolRolloutFactory
from .helpers import make_goal, make_row


def _url(cast, name, **kwargs):
    return reverse(
        f"roadmap:{name}", kwargs={"district": "riverbend", "cycle": cast.cycle.slug, **kwargs}
    )


def _workbook_schools(cast):
    """The workbook's district: 5 elementary (one is the cast's), 3 middle and 2 high schools."""
    schools = [cast.school] + [
        SchoolFactory(district=cast.district, name=f"Elementary {i}") for i in range(4)
    ]
    schools += [
        SchoolFactory(district=cast.district, name=f"Middle {i}", level=School.Level.MIDDLE)
        for i in range(3)
    ]
    schools += [
        SchoolFactory(district=cast.district, name=f"High {i}", level=School.Level.HIGH)
        for i in range(2)
    ]
    return schools


def test_counts_per_year_follow_the_school_list(cast):
    schools = _workbook_schools(cast)
    make_row(make_goal(cast.cycle), years=3)
    years = [0, 0, 0, 0, 1, 2, 2, 2, 3, 3]
    for school, year in zip(schools, years, strict=True):
        SchoolRolloutFactory(cycle=cast.cycle, school=school, year=year)

    plan = rollout_plan(cycle=cast.cycle, years=3, first_year=2027)

    assert [year["total"] for year in plan["counts"]] == [4, 5, 8, 10]
    by_level = {c["level"]: c["count"] for c in plan["counts"][2]["by_level"]}
    assert by_level == {"ES": 5, "MS": 3, "HS": 0, "other": 0}
    assert plan["total_schools"] == 10 and plan["unplanned"] == []
    html = cast.client("viewer").get(_url(cast, "rollout")).content.decode()
    assert "4 → 5 → 8 → 10" in html
    assert "of 10 schools" in html


def test_unplanned_schools_count_against_the_list(cast):
    _workbook_schools(cast)
    SchoolRolloutFactory(cycle=cast.cycle, school=cast.school, year=0)

    plan = rollout_plan(cycle=cast.cycle, years=3, first_year=2027)

    assert [year["total"] for year in plan["counts"]] == [1, 1, 1, 1]
    assert len(plan["unplanned"]) == 9
    assert "Not planned yet" in cast.client("member").get(_url(cast, "rollout")).content.decode()


def test_planning_a_school(cast):
    make_row(make_goal(cast.cycle), years=4)
    client = cast.client("member")
    assert client.get(_url(cast, "rollout_add") + f"?school={cast.school.code}").status_code == 200

    response = client.post(
        _url(cast, "rollout_add"), {"school": cast.school.pk, "year": 4, "grades": "K-2"}
    )

    assert response.status_code == 302
    rollout = SchoolRollout.objects.get()
    assert (rollout.cycle, rollout.school, rollout.year, rollout.grades) == (
        cast.cycle,
        cast.school,
        4,
        "K-2",
    )


def test_a_school_of_another_district_is_a_form_error(cast):
    foreign = SchoolFactory(district=cast.other_district, name="Lakeside Elementary")

    response = cast.client("member").post(
        _url(cast, "rollout_add"), {"school": foreign.pk, "year": 1}
    )

    assert response.status_code == 200
    assert "Choose one of the district&#x27;s schools." in response.content.decode()
    assert not SchoolRollout.objects.exists()


def test_a_year_beyond_the_roadmap_is_a_form_error(cast):
    make_row(make_goal(cast.cycle), years=3)

    response = cast.client("member").post(
        _url(cast, "rollout_add"), {"school": cast.school.pk, "year": 5}
    )

    assert response.status_code == 200
    assert (
        "That year is beyond the roadmap, which runs from Year 1 to Year 3."
        in response.content.decode()
    )
    assert not SchoolRollout.objects.exists()


def test_a_school_is_planned_once(cast):
    SchoolRolloutFactory(cycle=cast.cycle, school=cast.school, year=1)

    response = cast.client("member").post(
        _url(cast, "rollout_add"), {"school": cast.school.pk, "year": 2}
    )

    assert "This school is already in the roll-out plan." in response.content.decode()
    assert SchoolRollout.objects.get().year == 1


def test_changing_and_taking_out_a_school(cast):
    rollout = SchoolRolloutFactory(cycle=cast.cycle, school=cast.school, year=1)
    client = cast.client("member")
    url = _url(cast, "rollout_edit", code=rollout.code)

    assert client.post(url, {"school": cast.school.pk, "year": 2, "version": 1}).status_code == 302
    stale = client.post(url, {"school": cast.school.pk, "year": 3, "version": 1})
    assert stale.status_code == 409
    assert [(r["theirs"], r["mine"]) for r in stale.context["rows"]] == [
        ("Year 2 (2027-28)", "Year 3 (2028-29)")
    ]
    rollout.refresh_from_db()
    assert rollout.year == 2
    assert client.post(_url(cast, "rollout_delete", code=rollout.code)).status_code == 302
    assert not SchoolRollout.objects.exists()


def test_empty_school_list_says_what_to_do(cast):
    cast.school.delete()
    assert (
        "Add the district's schools"
        in cast.client("lead").get(_url(cast, "rollout")).content.decode()
    )
    assert (
        "Ask the district's SEL lead"
        in cast.client("member").get(_url(cast, "rollout")).content.decode()
    )


def test_a_school_after_the_last_year_is_pointed_out(cast):
    row = make_row(make_goal(cast.cycle), years=5)
    SchoolRolloutFactory(cycle=cast.cycle, school=cast.school, year=5)
    row.years = 3
    row.save()

    html = cast.client("viewer").get(_url(cast, "rollout")).content.decode()

    assert "start after the roadmap&#x27;s last year" not in html
    assert "start after the roadmap's last year" in html and "Lincoln Elementary" in html


def test_a_malformed_school_code_in_the_link_is_ignored(cast):
    response = cast.client("member").get(_url(cast, "rollout_add") + "?school=12")
    assert response.status_code == 200
    assert response.context["form"].initial["school"] is None
