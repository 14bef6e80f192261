"""Reflecting on progress, deciding on improvements, and launching the next cycle."""

from datetime import date

import pytest
from django.urls import reverse

from actionplan.models import Activity, AnnualGoal, Improvement, Milestone, Reflection, Status
from goals.models import Goal
from sel_planner.districts.models import PlanningCycle

from .helpers import activity, annual_goal, long_term_goal, milestone

LAUNCH = {"label": "2027-28", "start_date": "2027-08-01", "end_date": "2028-07-31"}


def _url(cast, name, **kwargs):
    return reverse(
        f"actionplan:{name}",
        kwargs={"district": cast.district.slug, "cycle": cast.cycle.slug, **kwargs},
    )


def _reflection_data(**changes):
    return {
        "progress": "partly",
        "evidence": "Walkthrough average 2.6, up from 2.1.",
        "disaggregated": "Multilingual learners' classrooms: 2.2.",
        "successes": "Coach in place.",
        "challenges": "Release time.",
        "with_staff": "on",
        "with_students": "on",
        **changes,
    }


def test_mid_year_and_end_of_year_reflections(cast):
    annual = annual_goal(cast.cycle)
    client = cast.client("member")
    for point in ("midyear", "end"):
        response = client.post(
            _url(cast, "reflection_edit", code=annual.code, point=point), _reflection_data()
        )
        assert response.status_code == 302
    assert set(annual.reflections.values_list("point", flat=True)) == {"midyear", "end"}
    midyear = annual.reflections.get(point="midyear")
    assert (midyear.with_staff, midyear.with_families) == (True, False)
    bad_point = client.get(_url(cast, "reflection_edit", code=annual.code, point="spring"))
    assert bad_point.status_code == 404


def test_a_reflection_without_data_is_refused_with_a_clear_message_and_kept_in_the_form(cast):
    annual = annual_goal(cast.cycle)
    response = cast.client("member").post(
        _url(cast, "reflection_edit", code=annual.code, point="midyear"),
        _reflection_data(evidence="", with_staff="", with_students=""),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Name the data that shows this progress" in page
    assert "Say who took part in the reflection." in page
    assert "Release time." in page  # what was typed is still there
    assert not Reflection.objects.exists()


def test_improvement_decision_with_the_outcome_questions(cast):
    annual = annual_goal(cast.cycle)
    url = _url(cast, "improvement_edit", code=annual.code)
    lagging = cast.client("member").post(url, {"decision": "outcomes", "key_learnings": "x"})
    assert "say whether the outcome goals were realistic" in lagging.content.decode()
    assert not Improvement.objects.exists()
    response = cast.client("member").post(
        url,
        {
            "decision": "outcomes",
            "realistic": "extend",
            "goals_match": "PL alone was not enough.",
            "key_learnings": "Schools need release time.",
            "next_steps": "Offer after-school PL.",
            "school_support": "District funds for substitutes.",
        },
    )
    assert response.status_code == 302
    improvement = Improvement.objects.get(annual_goal=annual)
    assert (improvement.realistic, improvement.school_support) == (
        "extend",
        "District funds for substitutes.",
    )


def _year_with_a_plan(cast):
    goal = long_term_goal(cast.cycle)
    annual = annual_goal(cast.cycle, goal=goal, rationale="Peer community first.")
    mile = milestone(
        annual,
        quarter=2,
        members=[cast.member, cast.lead],
        owner_name="SEL Coach",
        data_sources=["walkthroughs"],
    )
    done = activity(mile, action="Done step", status=Status.DONE, owner=cast.member)
    dropped = activity(mile, action="Dropped step", status=Status.DROPPED)
    open_one = activity(mile, action="Unfinished step", status=Status.AT_RISK, owner=cast.member)
    milestone(annual, quarter=3)  # no unfinished activity: not carried
    Reflection.objects.create(
        cycle=cast.cycle, annual_goal=annual, point="end", progress="not_met", evidence="2.3"
    )
    Improvement.objects.create(
        cycle=cast.cycle,
        annual_goal=annual,
        decision="strategies",
        key_learnings="Release time matters.",
        next_steps="Offer after-school PL.",
    )
    return goal, annual, done, dropped, open_one


def _snapshot(cycle):
    return {
        model.__name__: sorted(model.objects.filter(cycle=cycle).values_list("pk", "version"))
        for model in (AnnualGoal, Milestone, Activity, Reflection, Improvement, Goal)
    }


def test_launching_the_next_cycle_carries_the_plan_forward(cast):
    goal, annual, _done, _dropped, open_one = _year_with_a_plan(cast)
    before = _snapshot(cast.cycle)
    page = cast.client("lead").get(_url(cast, "launch")).content.decode()
    assert "1 unfinished key activity will be carried forward." in page
    response = cast.client("lead").post(_url(cast, "launch"), LAUNCH)
    new = PlanningCycle.objects.get(district=cast.district, label="2027-28")
    assert response.status_code == 302 and response["Location"] == new.get_absolute_url()
    # What is copied, and the links between copies.
    new_goal = Goal.objects.get(cycle=new)
    assert new_goal.carried_from == goal
    copy = AnnualGoal.objects.get(cycle=new)
    assert (copy.goal, copy.carried_from, copy.rationale) == (
        new_goal,
        annual,
        "Peer community first.",
    )
    assert "Stick with the same implementation goals" in copy.starting_notes
    assert "Release time matters." in copy.starting_notes
    assert "Offer after-school PL." in copy.starting_notes
    carried = Activity.objects.get(cycle=new)
    assert (carried.action, carried.carried, carried.carried_from) == (
        "Unfinished step",
        True,
        open_one,
    )
    assert carried.status == Status.NOT_STARTED and carried.owner == cast.member
    assert carried.due_date == open_one.due_date.replace(year=open_one.due_date.year + 1)
    assert carried.milestone.annual_goal == copy and carried.milestone.quarter == 2
    assert carried.milestone.data_sources == ["walkthroughs"]
    assert set(carried.milestone.members.all()) == {cast.member, cast.lead}
    assert carried.milestone.owner_name == "SEL Coach"
    # What is not copied.
    assert Milestone.objects.filter(cycle=new).count() == 1
    assert not Reflection.objects.filter(cycle=new).exists()
    assert not Improvement.objects.filter(cycle=new).exists()
    # Nothing of the old cycle changes but its phase.
    assert _snapshot(cast.cycle) == before
    cast.cycle.refresh_from_db()
    assert cast.cycle.is_closed
    old_page = cast.client("viewer").get(_url(cast, "annual", code=annual.code))
    assert old_page.status_code == 200 and "Done step" in old_page.content.decode()


def test_launching_twice_is_refused_with_a_clear_message(cast):
    _year_with_a_plan(cast)
    cast.client("lead").post(_url(cast, "launch"), LAUNCH)
    cast.cycle.phase = PlanningCycle.Phase.REFLECT  # reopened by the lead
    cast.cycle.save()
    response = cast.client("lead").post(
        _url(cast, "launch"), {**LAUNCH, "label": "2027-28b"}, follow=True
    )
    assert "has already been launched" in response.content.decode()
    assert PlanningCycle.objects.filter(district=cast.district).count() == 2
    assert AnnualGoal.objects.count() == 2


def test_launch_form_checks_its_dates(cast):
    response = cast.client("lead").post(
        _url(cast, "launch"),
        {"label": "2027-28", "start_date": "2027-08-01", "end_date": "2027-07-01"},
    )
    assert "The cycle must end after it starts." in response.content.decode()
    same = cast.client("lead").post(_url(cast, "launch"), {**LAUNCH, "label": "2026-27"})
    assert "already has a cycle with this name" in same.content.decode()
    assert PlanningCycle.objects.filter(district=cast.district).count() == 1
    assert cast.client("member").post(_url(cast, "launch"), LAUNCH).status_code == 403


def test_carry_forward_skips_annual_goals_whose_long_term_goal_stayed_behind(cast):
    from actionplan.services import actionplan_carry_forward

    annual = annual_goal(cast.cycle)
    target = PlanningCycle.objects.create(
        district=cast.district,
        label="2027-28",
        start_date=date(2027, 8, 1),
        end_date=date(2028, 7, 31),
    )
    links = {}
    actionplan_carry_forward(source=cast.cycle, target=target, links=links)
    assert not AnnualGoal.objects.filter(cycle=target).exists()
    links[("goals.Goal", annual.goal_id)] = long_term_goal(target)
    actionplan_carry_forward(source=cast.cycle, target=target, links=links)
    assert links[("actionplan.AnnualGoal", annual.pk)].cycle == target


def test_a_stale_reflection_shows_both_versions_and_keeps_the_newer_one(cast):
    annual = annual_goal(cast.cycle)
    reflection = Reflection.objects.create(
        cycle=cast.cycle, annual_goal=annual, point="midyear", progress="met", evidence="Theirs"
    )
    Reflection.objects.filter(pk=reflection.pk).update(evidence="Theirs, edited", version=2)
    response = cast.client("member").post(
        _url(cast, "reflection_edit", code=annual.code, point="midyear"),
        _reflection_data(evidence="Mine", version=1),
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Theirs, edited" in page and "Mine" in page
    reflection.refresh_from_db()
    assert reflection.evidence == "Theirs, edited"


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("\ufffd\ufffd(", "Use letters or numbers"),  # what invalid UTF-8 decodes to: no address
        ("2026 27", "already has a cycle for this school year"),  # this cycle's own address
        ("members", "Name the cycle after its school year"),  # a district page's address
    ],
)
def test_launch_refuses_a_label_that_makes_no_usable_address(cast, label, message):
    response = cast.client("lead").post(_url(cast, "launch"), {**LAUNCH, "label": label})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert PlanningCycle.objects.filter(district=cast.district).count() == 1
