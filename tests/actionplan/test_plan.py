"""Annual goals, the action plan grid, key activities, owners, notes, conflicts and history."""

import json
from datetime import date
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

from django.urls import reverse

from actionplan.key_activities import grouped_choices, key_activities, key_activity
from actionplan.models import Activity, AnnualGoal, Milestone, ProgressNote, Status
from actionplan.quarters import cycle_quarters, quarter_of
from sel_planner.districts.models import Membership
from tests.factories import CycleFactory

from .helpers import activity, annual_goal, long_term_goal, milestone, plan


def _url(cast, name, **kwargs):
    return reverse(
        f"actionplan:{name}",
        kwargs={"district": cast.district.slug, "cycle": cast.cycle.slug, **kwargs},
    )


def test_quarters_are_dated_from_the_cycle(cast):
    quarters = cycle_quarters(cast.cycle)  # 2026-08-01 to 2027-07-31
    assert [q.number for q in quarters] == [1, 2, 3, 4]
    assert quarters[0].start == date(2026, 8, 1)
    assert quarters[-1].end == date(2027, 7, 31)
    for earlier, later in pairwise(quarters):
        assert (later.start - earlier.end).days == 1
    lengths = [(q.end - q.start).days + 1 for q in quarters]
    assert max(lengths) - min(lengths) <= 1
    assert quarter_of(cast.cycle, date(2026, 12, 1)) == 2
    assert quarter_of(cast.cycle, date(2027, 8, 1)) is None


def test_quarters_follow_a_short_cycle(db):
    cycle = CycleFactory(label="2030-31", start_date=date(2030, 9, 1), end_date=date(2031, 6, 30))
    quarters = cycle_quarters(cycle)
    assert quarters[0].start == date(2030, 9, 1)
    assert quarters[3].end == date(2031, 6, 30)
    assert quarters[1].start == date(2030, 11, 16)


def test_the_key_activity_pick_list_is_grouped_by_focus_area_and_cites_rubric_items():
    groups = grouped_choices()
    assert [title for title, _choices in groups] == [
        "1. Build Foundational Support and Plan",
        "2. Strengthen Adult SEL Competencies and Capacity",
        "3. Promote SEL for Students",
        "4. Reflect on Data for Continuous Improvement",
    ]
    focus_two = dict(groups[1][1])
    assert focus_two["professional-learning"] == (
        "Design and implement an SEL professional learning program for schools (rubric 2-B)"
    )
    assert key_activity("aligned-resources").citation == "Align Resources for SEL (rubric 1-G, 1-H)"
    assert sum(len(choices) for _title, choices in groups) == len(key_activities()) == 14


def test_the_key_activities_are_the_reference_lists_word_for_word():
    reference = json.loads(
        (Path(__file__).resolve().parents[1] / "reference" / "key_activities.json").read_text(
            encoding="utf-8"
        )
    )
    expected = [
        (area["number"], item["name"], tuple(item["rubric_items"]))
        for area in reference["focus_areas"]
        for item in area["key_activities"]
    ]
    assert [(a.focus_area, a.name, a.rubric_items) for a in key_activities().values()] == expected


def test_member_writes_an_annual_goal_with_the_smartie_check(cast):
    goal = long_term_goal(cast.cycle)
    client = cast.client("member")
    page = client.get(_url(cast, "annual_create", code=goal.code))
    assert "In order to move toward target, what change is going to occur in the next year?" in (
        page.content.decode()
    )
    assert (
        "Write the goal statement that incorporates all SMARTIE criteria." in page.content.decode()
    )
    response = client.post(
        _url(cast, "annual_create", code=goal.code),
        {
            "goal": goal.pk,
            "change": "Teachers build classroom community every day.",
            "stakeholders": "Elementary teachers, elementary students",
            "goal_type": "implementation",
            "baseline": "2.1 rating",
            "target": "3 rating",
            "statement": "By May, ratings reach 3.",
        },
    )
    annual = AnnualGoal.objects.get(cycle=cast.cycle)
    assert response.status_code == 302
    assert (annual.baseline_value, annual.target_value, annual.target_unit) == (
        Decimal("2.1"),
        Decimal(3),
        "rating",
    )
    detail = client.get(response["Location"]).content.decode()
    assert "SMARTIE check" in detail and "Quarter 4" in detail


def test_the_long_term_goal_must_be_of_this_cycle(cast):
    foreign = long_term_goal(cast.other_cycle)
    goal = long_term_goal(cast.cycle, phrase="Another priority")
    response = cast.client("member").post(
        _url(cast, "annual_create", code=goal.code),
        {"goal": foreign.pk, "goal_type": "outcome", "statement": "x"},
    )
    assert response.status_code == 200
    assert "goal" in response.context["form"].errors
    assert not AnnualGoal.objects.exists()


def test_a_long_term_goal_without_an_annual_goal_is_flagged(cast):
    covered = long_term_goal(cast.cycle, phrase="Covered priority")
    long_term_goal(cast.cycle, phrase="Lonely priority")
    annual_goal(cast.cycle, goal=covered)
    page = cast.client("viewer").get(_url(cast, "home")).content.decode()
    assert page.count("No annual goal yet") == 1
    empty = cast.client("viewer").get(
        reverse("actionplan:home", kwargs={"district": "lakeside", "cycle": "2026-27"})
    )
    assert empty.status_code == 404


def test_this_years_roadmap_target_is_shown_on_top_and_fills_a_new_annual_goal(cast):
    from tests.roadmap.helpers import make_roadmap, make_row, make_target

    goal = long_term_goal(cast.cycle)
    make_roadmap(cast.cycle)
    row = make_row(goal)
    text = "All 5 elementary schools are implementing an SEL program with fidelity."
    make_target(row, year=1, text=text)
    make_target(row, year=2, text="Year two target")
    form = cast.client("member").get(_url(cast, "annual_create", code=goal.code))
    assert form.context["form"].initial["year_target"] == text
    annual = annual_goal(cast.cycle, goal=goal)
    page = cast.client("viewer").get(_url(cast, "annual", code=annual.code)).content.decode()
    assert "Year 1 target that leads up to our long-term goal:" in page
    assert text in page and "Year two target" not in page
    home = cast.client("viewer").get(_url(cast, "home")).content.decode()
    assert text in home


def test_milestone_per_quarter_with_owner_and_data(cast):
    annual = annual_goal(cast.cycle)
    response = cast.client("member").post(
        _url(cast, "milestone_edit", code=annual.code, quarter=2),
        {
            "text": "Middle schools select an EBP.",
            "status": "in_progress",
            "members": [cast.member.pk, cast.lead.pk],
            "owner_name": "District SEL coach",
            "data_sources": ["professional_learning"],
        },
    )
    assert response.status_code == 302
    mile = Milestone.objects.get(annual_goal=annual)
    assert (mile.quarter, set(mile.members.all()), mile.owner_name, mile.data_sources) == (
        2,
        {cast.member, cast.lead},
        "District SEL coach",
        ["professional_learning"],
    )
    assert (
        cast.client("member")
        .get(_url(cast, "milestone_edit", code=annual.code, quarter=5))
        .status_code
        == 404
    )


def test_a_milestone_owner_from_another_district_is_refused(cast):
    annual = annual_goal(cast.cycle)
    response = cast.client("member").post(
        _url(cast, "milestone_edit", code=annual.code, quarter=1),
        {
            "text": "Short-list of EBPs.",
            "status": "not_started",
            "members": [cast.member.pk, cast.outsider.pk],
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["members"]
    assert errors == [f"{cast.outsider.pk} is not a member of this district."]
    assert not Milestone.objects.exists()


def test_a_named_person_without_an_account_can_be_responsible(cast):
    annual = annual_goal(cast.cycle)
    cast.client("member").post(
        _url(cast, "milestone_edit", code=annual.code, quarter=1),
        {"text": "Short-list of EBPs.", "status": "not_started", "owner_name": "SEL Coordinator"},
    )
    assert Milestone.objects.get().owner_name == "SEL Coordinator"


def _activity_data(cast, **changes):
    return {
        "key_activity": "evidence-based-programs-and-practices",
        "action": "Pick five programs.",
        "due_date": "2026-10-15",
        "owner": cast.member.pk,
        "status": "not_started",
        **changes,
    }


def test_an_activity_cites_a_key_activity_and_has_due_date_and_owner(cast):
    mile = milestone(annual_goal(cast.cycle))
    response = cast.client("member").post(
        _url(cast, "activity_create", code=mile.code), _activity_data(cast)
    )
    assert response.status_code == 302
    saved = Activity.objects.get()
    assert (saved.key_activity, saved.due_date, saved.owner) == (
        "evidence-based-programs-and-practices",
        date(2026, 10, 15),
        cast.member,
    )
    bad = cast.client("member").post(
        _url(cast, "activity_create", code=mile.code),
        _activity_data(cast, key_activity="made-up", due_date="", owner=""),
    )
    errors = bad.context["form"].errors
    assert set(errors) >= {"key_activity", "due_date", "owner"}
    assert "Give the activity a due date." in errors["due_date"]


def test_an_activity_owner_from_another_district_is_refused(cast):
    mile = milestone(annual_goal(cast.cycle))
    response = cast.client("member").post(
        _url(cast, "activity_create", code=mile.code), _activity_data(cast, owner=cast.outsider.pk)
    )
    assert "owner" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_a_due_date_outside_the_cycle_is_kept_with_a_warning(cast):
    mile = milestone(annual_goal(cast.cycle))
    response = cast.client("member").post(
        _url(cast, "activity_create", code=mile.code),
        _activity_data(cast, due_date="2027-09-15"),
        follow=True,
    )
    assert Activity.objects.get().due_date == date(2027, 9, 15)
    texts = [str(m) for m in response.context["messages"]]
    assert any("outside this cycle" in text for text in texts)


def test_a_due_date_in_another_quarter_is_kept_with_a_warning(cast):
    mile = milestone(annual_goal(cast.cycle), quarter=1)
    response = cast.client("member").post(
        _url(cast, "activity_create", code=mile.code),
        _activity_data(cast, due_date="2027-03-01"),
        follow=True,
    )
    assert Activity.objects.get().due_date == date(2027, 3, 1)
    texts = [str(m) for m in response.context["messages"]]
    assert any("falls in quarter 3, not in the milestone's quarter 1" in text for text in texts)
    within = cast.client("member").post(
        _url(cast, "activity_create", code=mile.code), _activity_data(cast), follow=True
    )
    assert not [m for m in within.context["messages"] if m.level_tag == "warning"]


def test_an_owner_who_left_the_district_is_flagged_and_kept(cast):
    annual, mile, act = plan(cast.cycle, owner=cast.member)
    Membership.objects.filter(user=cast.member, district=cast.district).delete()
    page = cast.client("lead").get(_url(cast, "annual", code=annual.code)).content.decode()
    assert "left the district" in page
    act.refresh_from_db()
    assert act.owner == cast.member
    assert act.history.first().owner_id == cast.member.pk
    # The edit form still offers them, so saving other changes loses nothing...
    response = cast.client("lead").post(
        _url(cast, "activity_edit", code=act.code),
        _activity_data(cast, owner=cast.member.pk, status="in_progress", version=act.version),
    )
    assert response.status_code == 302
    act.refresh_from_db()
    assert (act.owner, act.status) == (cast.member, "in_progress")
    # ...but a new activity cannot be given to them.
    refused = cast.client("lead").post(
        _url(cast, "activity_create", code=mile.code), _activity_data(cast)
    )
    assert "owner" in refused.context["form"].errors


def test_status_and_dated_progress_notes(cast):
    _annual, mile, act = plan(cast.cycle, owner=cast.member)
    client = cast.client("member")
    client.post(
        _url(cast, "note_add", kind="activity", code=act.code),
        {"noted_on": "2026-09-20", "text": "Two schools scheduled their meeting."},
    )
    client.post(
        _url(cast, "note_add", kind="milestone", code=mile.code),
        {"noted_on": "2026-09-21", "text": "On track."},
    )
    empty = client.post(
        _url(cast, "note_add", kind="activity", code=act.code),
        {"noted_on": "2026-09-22"},
        follow=True,
    )
    assert "Write the progress note first." in empty.content.decode()
    assert ProgressNote.objects.filter(activity=act, noted_on=date(2026, 9, 20)).exists()
    assert ProgressNote.objects.filter(milestone=mile).count() == 1
    assert ProgressNote.objects.count() == 2
    page = client.get(_url(cast, "activity", code=act.code)).content.decode()
    assert "Two schools scheduled their meeting." in page
    assert client.post(_url(cast, "note_add", kind="goal", code=act.code)).status_code == 404


def test_a_stale_activity_edit_shows_both_versions(cast):
    _annual, _mile, act = plan(cast.cycle, owner=cast.member)
    opened = act.version
    Activity.objects.filter(pk=act.pk).update(action="Someone else's text", version=opened + 1)
    response = cast.client("member").post(
        _url(cast, "activity_edit", code=act.code),
        _activity_data(cast, action="My own text", version=opened),
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else&#x27;s text" in page and "My own text" in page
    act.refresh_from_db()
    assert act.action == "Someone else's text"


def test_a_stale_annual_goal_edit_shows_both_versions(cast):
    annual = annual_goal(cast.cycle)
    AnnualGoal.objects.filter(pk=annual.pk).update(statement="Newer statement", version=2)
    response = cast.client("member").post(
        _url(cast, "annual_edit", code=annual.code),
        {"goal": annual.goal_id, "goal_type": "outcome", "statement": "Mine", "version": 1},
    )
    assert response.status_code == 409
    assert AnnualGoal.objects.get().statement == "Newer statement"


def test_history_and_lead_restore(cast):
    _annual, _mile, act = plan(cast.cycle, owner=cast.member)
    first_action = act.action
    cast.client("member").post(
        _url(cast, "activity_edit", code=act.code),
        _activity_data(cast, action="Changed", version=act.version),
    )
    history = cast.client("viewer").get(_url(cast, "history", kind="activity", code=act.code))
    assert "Changed" in history.content.decode()
    oldest = act.history.order_by("history_date").first()
    restore = _url(
        cast, "history_restore", kind="activity", code=act.code, history_id=oldest.history_id
    )
    assert cast.client("member").post(restore).status_code == 403
    assert cast.client("lead").post(restore).status_code == 302
    act.refresh_from_db()
    assert act.action == first_action
    other = plan(cast.other_cycle)[2]
    assert (
        cast.client("lead").get(_url(cast, "history", kind="activity", code=other.code)).status_code
        == 404
    )
    assert (
        cast.client("lead").get(_url(cast, "history", kind="nope", code=act.code)).status_code
        == 404
    )


def test_deleting_asks_first_and_says_what_goes(cast):
    annual, _mile, act = plan(cast.cycle, owner=cast.member)
    ProgressNote.objects.create(cycle=cast.cycle, activity=act, noted_on=date(2026, 9, 1), text="x")
    ask = cast.client("member").get(_url(cast, "activity_delete", code=act.code))
    assert "1 progress note goes with it" in ask.content.decode()
    assert Activity.objects.exists()
    cast.client("member").post(_url(cast, "activity_delete", code=act.code))
    assert not Activity.objects.exists()
    ask = cast.client("lead").get(_url(cast, "annual_delete", code=annual.code)).content.decode()
    assert "1 milestone(s)" in ask
    cast.client("lead").post(_url(cast, "annual_delete", code=annual.code))
    assert not AnnualGoal.objects.exists() and not Milestone.objects.exists()
    assert AnnualGoal.history.filter(code=annual.code).exists()


def test_the_grid_shows_four_quarter_columns_with_activities(cast):
    annual = annual_goal(cast.cycle, rationale="Peer community is weak in middle schools.")
    for quarter in (1, 2, 3, 4):
        mile = milestone(annual, quarter=quarter, owner_name=f"Coach {quarter}")
        activity(mile, action=f"Step of quarter {quarter}", status=Status.DONE)
    page = cast.client("viewer").get(_url(cast, "annual", code=annual.code)).content.decode()
    for quarter in (1, 2, 3, 4):
        assert f"Quarter {quarter}" in page and f"Step of quarter {quarter}" in page
    for row in [
        "Milestone",
        "Key Activities",
        "Responsible Team Member(s)",
        "Data Needed to Track Progress",
    ]:
        assert row in page
    assert (
        "Design and implement an SEL professional learning program for schools (rubric 2-B)" in page
    )
    assert "Peer community is weak in middle schools." in page
