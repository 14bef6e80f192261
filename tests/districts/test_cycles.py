from datetime import date

import pytest
from django.urls import reverse

from sel_planner.districts.access import Need, ReadOnlyCycle, access_cycle
from sel_planner.districts.models import PlanningCycle

CREATE = "/d/riverbend/cycles/new/"


def test_lead_creates_a_cycle(cast):
    response = cast.client("lead").post(
        CREATE,
        {"label": "2027-28", "start_date": "2027-08-01", "end_date": "2028-07-31", "phase": "plan"},
    )
    cycle = PlanningCycle.objects.get(district=cast.district, slug="2027-28")
    assert response["Location"] == "/d/riverbend/2027-28/"
    assert cycle.start_date == date(2027, 8, 1)
    assert cycle.phase == PlanningCycle.Phase.PLAN


def test_end_before_start_is_explained_beside_the_field(cast):
    response = cast.client("lead").post(
        CREATE,
        {"label": "2027-28", "start_date": "2027-08-01", "end_date": "2027-01-01", "phase": "plan"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["end_date"] == [
        "The end date must be after the start date."
    ]
    assert 'value="2027-28"' in response.content.decode()
    assert not PlanningCycle.objects.filter(slug="2027-28").exists()


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("2026-27", "The district already has a cycle for this school year."),
        ("members", "Name the cycle after its school year, for example 2026-27."),
        ("???", "Use letters or numbers, for example 2026-27."),
    ],
)
def test_bad_labels_are_explained(cast, label, message):
    response = cast.client("lead").post(
        CREATE,
        {"label": label, "start_date": "2027-08-01", "end_date": "2028-07-31", "phase": "plan"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["label"] == [message]


def test_garbage_dates_are_form_errors_not_crashes(cast):
    response = cast.client("lead").post(
        CREATE,
        {"label": "2027-28", "start_date": "soon", "end_date": "99999-99-99", "phase": "later"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"start_date", "end_date", "phase"} <= set(errors)


def test_same_label_in_another_district_is_fine(cast):
    assert PlanningCycle.objects.filter(slug="2026-27").count() == 2


def test_closing_and_reopening_a_cycle(cast):
    url = reverse("districts:cycle_edit", kwargs={"district": "riverbend", "cycle": "2026-27"})
    client = cast.client("lead")
    data = {"label": "2026-27", "start_date": "2026-08-01", "end_date": "2027-07-31", "version": 1}
    assert client.post(url, {**data, "phase": "closed"}).status_code == 302
    cast.cycle.refresh_from_db()
    assert cast.cycle.is_closed
    dashboard = client.get("/d/riverbend/2026-27/")
    assert "This cycle is closed" in dashboard.content.decode()
    assert client.post(url, {**data, "version": 2, "phase": "reflect"}).status_code == 302
    cast.cycle.refresh_from_db()
    assert cast.cycle.phase == "reflect"


def test_closed_cycle_refuses_writes_through_the_access_helper(cast):
    cast.cycle.phase = PlanningCycle.Phase.CLOSED
    cast.cycle.save()
    for need in (Need.EDIT, Need.LEAD):
        with pytest.raises(ReadOnlyCycle):
            access_cycle(cast.lead, "riverbend", "2026-27", need=need)
    assert access_cycle(cast.viewer, "riverbend", "2026-27").pk == cast.cycle.pk


def test_access_helper_gives_the_same_answer_for_missing_and_foreign(cast):
    from django.http import Http404

    for district, cycle in [
        ("riverbend", "1999-00"),
        ("lakeside", "2026-27"),
        ("nowhere", "2026-27"),
    ]:
        with pytest.raises(Http404):
            access_cycle(cast.lead, district, cycle)


def test_access_helper_is_one_query(cast, django_assert_num_queries):
    with django_assert_num_queries(1):
        cycle = access_cycle(cast.member, "riverbend", "2026-27", need=Need.EDIT)
        assert cycle.district.name == "Riverbend Unified"
        assert cycle.role == "member"


def test_stale_cycle_edit_shows_the_merge_page(cast):
    url = reverse("districts:cycle_edit", kwargs={"district": "riverbend", "cycle": "2026-27"})
    client = cast.client("lead")
    base = {"start_date": "2026-08-01", "end_date": "2027-07-31", "phase": "plan", "version": 1}
    assert client.post(url, {**base, "label": "2026-27", "phase": "implement"}).status_code == 302
    stale = client.post(url, {**base, "label": "2026-27", "end_date": "2027-06-30"})
    assert stale.status_code == 409
    body = stale.content.decode()
    assert "Someone else saved a change first" in body
    assert "Implement" in body  # the other person's phase
    cast.cycle.refresh_from_db()
    assert cast.cycle.phase == "implement"
    assert cast.cycle.end_date == date(2027, 7, 31)
    assert stale.context["form"]["version"].value() == "2"


def test_a_new_cycle_has_each_tools_one_per_cycle_records(cast):
    from goals.models import GoalsWorkspace

    response = cast.client("lead").post(
        CREATE,
        {"label": "2027-28", "start_date": "2027-08-01", "end_date": "2028-07-31", "phase": "plan"},
    )
    assert response.status_code == 302
    cycle = PlanningCycle.objects.get(district=cast.district, slug="2027-28")
    assert GoalsWorkspace.objects.filter(cycle=cycle).count() == 1
