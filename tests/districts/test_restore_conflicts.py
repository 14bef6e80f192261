"""Restoring a version that no longer fits the records as they are now
is refused with the reason."""

from django.urls import reverse

from sel_planner.districts.history import restore_problems
from tests.factories import CycleFactory, InterviewFactory, PersonFactory, SchoolFactory


def _first(obj):
    return obj.history.order_by("history_date", "history_id").first()


def _restore(cast, kind, obj, namespace="districts", **cycle):
    kwargs = {"district": cast.district.slug, **cycle, "kind": kind, "code": obj.code}
    return cast.client("lead").post(
        reverse(
            f"{namespace}:history_restore", kwargs={**kwargs, "history_id": _first(obj).history_id}
        ),
        follow=True,
    )


def _page(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_a_schools_old_name_now_held_by_another_school(cast):
    school = cast.school
    school.name = "Lincoln Academy"
    school.save()
    SchoolFactory(district=cast.district, name="Lincoln Elementary")
    page = _page(_restore(cast, "school", school))
    assert "This version was not restored." in page
    assert "“Lincoln Elementary” now has the same name" in page
    assert "Change it on “Lincoln Elementary” first" in page
    school.refresh_from_db()
    assert school.name == "Lincoln Academy"


def test_a_cycles_old_label_now_used_by_a_newer_cycle(cast):
    cycle = CycleFactory(district=cast.district, label="2027-28")
    cycle.label = "2028-29"
    cycle.save()
    CycleFactory(district=cast.district, label="2027-28")
    page = _page(_restore(cast, "cycle", cycle))
    assert "This version was not restored." in page
    assert "“2027-28” now has the same" in page
    cycle.refresh_from_db()
    assert cycle.label == "2028-29"


def test_an_interview_whose_person_was_removed(cast):
    person = PersonFactory(cycle=cast.cycle, name="Ms Rivera")
    interview = InterviewFactory(cycle=cast.cycle, person=person, respondent_name="Ms Rivera")
    interview.respondent_name = "Ms Rivera, principal"
    interview.save()
    person.delete()
    cycle = {"cycle": cast.cycle.slug}
    page = _page(_restore(cast, "interview", interview, namespace="inventory", **cycle))
    assert "This version was not restored." in page
    assert "The person this version names has been removed since." in page
    interview.refresh_from_db()
    assert interview.person_id is None
    assert interview.respondent_name == "Ms Rivera, principal"


def test_a_version_that_fits_has_no_problems_and_is_restored(cast):
    school = cast.school
    school.name = "Lincoln Academy"
    school.save()
    assert restore_problems(_first(school).instance) == []
    page = _page(_restore(cast, "school", school))
    assert "was restored" in page
    school.refresh_from_db()
    assert school.name == "Lincoln Elementary"
