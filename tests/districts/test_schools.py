from django.urls import reverse

from sel_planner.districts.models import School

SCHOOLS = "/d/riverbend/schools/"


def _edit_url(school):
    return reverse("districts:school_edit", kwargs={"district": "riverbend", "code": school.code})


def test_lead_adds_a_school(cast):
    response = cast.client("lead").post(
        "/d/riverbend/schools/new/",
        {"name": "Oak Hill Middle School", "level": "MS", "grade_band": "6-8"},
    )
    assert response["Location"] == SCHOOLS
    school = cast.district.schools.get(name="Oak Hill Middle School")
    assert (school.level, school.grade_band, school.version) == ("MS", "6-8", 1)


def test_duplicate_school_name_is_explained(cast):
    response = cast.client("lead").post(
        "/d/riverbend/schools/new/", {"name": "lincoln elementary", "level": "ES", "grade_band": ""}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [
        "The district already has a school with this name."
    ]
    assert cast.district.schools.count() == 1


def test_the_same_name_in_another_district_is_fine(cast):
    cast.client("outsider").post(
        "/d/lakeside/schools/new/",
        {"name": "Lincoln Elementary", "level": "ES", "grade_band": "K-5"},
    )
    assert School.objects.filter(name="Lincoln Elementary").count() == 2


def test_edit_then_stale_edit_shows_both_versions(cast):
    client = cast.client("lead")
    url = _edit_url(cast.school)
    first = client.post(
        url, {"name": "Lincoln Elementary", "level": "ES", "grade_band": "K-6", "version": 1}
    )
    assert first.status_code == 302
    stale = client.post(
        url, {"name": "Lincoln Academy", "level": "ES", "grade_band": "K-5", "version": 1}
    )
    assert stale.status_code == 409
    rows = {row["label"]: (row["theirs"], row["mine"]) for row in stale.context["rows"]}
    assert rows["Name"] == ("Lincoln Elementary", "Lincoln Academy")
    assert rows["Grade band"] == ("K-6", "K-5")
    cast.school.refresh_from_db()
    assert (cast.school.name, cast.school.grade_band, cast.school.version) == (
        "Lincoln Elementary",
        "K-6",
        2,
    )
    # Saving from the merge page keeps the user's text on purpose.
    merged = client.post(
        url, {"name": "Lincoln Academy", "level": "ES", "grade_band": "K-6", "version": 2}
    )
    assert merged.status_code == 302
    cast.school.refresh_from_db()
    assert (cast.school.name, cast.school.version) == ("Lincoln Academy", 3)


def test_tampered_version_is_a_form_error(cast):
    response = cast.client("lead").post(
        _edit_url(cast.school), {"name": "X", "level": "ES", "grade_band": "", "version": "abc"}
    )
    assert response.status_code == 200
    assert "version" in response.context["form"].errors


def test_delete_asks_first_and_restore_brings_it_back(cast):
    client = cast.client("lead")
    delete_url = reverse(
        "districts:school_delete", kwargs={"district": "riverbend", "code": cast.school.code}
    )
    assert "Remove the school" in client.get(delete_url).content.decode()
    assert cast.district.schools.count() == 1
    client.post(delete_url)
    assert cast.district.schools.count() == 0
    listing = client.get(SCHOOLS)
    assert [r.name for r in listing.context["removed"]] == ["Lincoln Elementary"]
    restore_url = reverse(
        "districts:school_restore", kwargs={"district": "riverbend", "code": cast.school.code}
    )
    client.post(restore_url)
    restored = cast.district.schools.get()
    assert (restored.code, restored.name) == (cast.school.code, "Lincoln Elementary")
    assert list(client.get(SCHOOLS).context["removed"]) == []


def test_history_page_shows_who_changed_what_and_lead_restores(cast):
    client = cast.client("lead")
    client.post(
        _edit_url(cast.school),
        {"name": "Lincoln Elementary", "level": "ES", "grade_band": "PK-5", "version": 1},
    )
    history_url = reverse(
        "districts:history",
        kwargs={"district": "riverbend", "kind": "school", "code": cast.school.code},
    )
    page = client.get(history_url)
    newest = page.context["page"].object_list[0]
    assert newest.history_user == cast.lead
    assert newest.changes == [{"field": "grade band", "old": "K-5", "new": "PK-5"}]
    oldest = page.context["page"].object_list[-1]
    client.post(
        reverse(
            "districts:history_restore",
            kwargs={
                "district": "riverbend",
                "kind": "school",
                "code": cast.school.code,
                "history_id": oldest.history_id,
            },
        )
    )
    cast.school.refresh_from_db()
    assert (cast.school.grade_band, cast.school.version) == ("K-5", 3)
    assert cast.school.history.first().history_change_reason.startswith("Restored the version of")


def test_history_of_another_districts_school_is_not_found(cast):
    from ..factories import SchoolFactory

    foreign = SchoolFactory(district=cast.other_district)
    url = reverse(
        "districts:history",
        kwargs={"district": "riverbend", "kind": "school", "code": foreign.code},
    )
    assert cast.client("lead").get(url).status_code == 404
    bad_kind = reverse(
        "districts:history", kwargs={"district": "riverbend", "kind": "user", "code": foreign.code}
    )
    assert cast.client("lead").get(bad_kind).status_code == 404


def test_district_settings_are_versioned_and_in_history(cast):
    client = cast.client("lead")
    data = {
        "name": "Riverbend USD",
        "state": "IL",
        "timezone": "America/Chicago",
        "student_count": "7400",
    }
    assert client.post("/d/riverbend/settings/", {**data, "version": 1}).status_code == 302
    cast.district.refresh_from_db()
    assert (cast.district.name, cast.district.version) == ("Riverbend USD", 2)
    stale = client.post(
        "/d/riverbend/settings/", {**data, "name": "Riverbend Schools", "version": 1}
    )
    assert stale.status_code == 409
    assert "Riverbend Schools" in stale.content.decode()
    bad = client.post(
        "/d/riverbend/settings/", {**data, "state": "ZZ", "student_count": "-3", "version": 2}
    )
    assert bad.status_code == 200
    assert {"state", "student_count"} <= set(bad.context["form"].errors)
    history = client.get(
        reverse(
            "districts:history",
            kwargs={"district": "riverbend", "kind": "district", "code": cast.district.code},
        )
    )
    assert history.context["page"].object_list[0].changes[0]["new"] == "Riverbend USD"


def test_only_leads_get_restore_buttons_and_never_for_the_current_version(cast):
    cast.client("lead").post(
        _edit_url(cast.school),
        {"name": "Lincoln Elementary", "level": "ES", "grade_band": "K-6", "version": 1},
    )
    url = reverse(
        "districts:history",
        kwargs={"district": "riverbend", "kind": "school", "code": cast.school.code},
    )
    lead_records = cast.client("lead").get(url).context["page"].object_list
    assert [bool(r.restore_url) for r in lead_records] == [False, True]
    viewer_records = cast.client("viewer").get(url).context["page"].object_list
    assert [r.restore_url for r in viewer_records] == ["", ""]
