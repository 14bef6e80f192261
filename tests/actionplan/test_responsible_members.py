"""A quarter's responsible team members: several district members plus named people."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from actionplan.models import Milestone
from sel_planner.districts.models import Membership

from .helpers import annual_goal, milestone


def _url(cast, name, **kwargs):
    return reverse(
        f"actionplan:{name}",
        kwargs={"district": cast.district.slug, "cycle": cast.cycle.slug, **kwargs},
    )


def _data(mile=None, **changes):
    data = {"text": "Short-list of EBPs.", "status": "not_started", **changes}
    if mile is not None:
        data["version"] = mile.version
    return data


def test_the_form_offers_the_districts_members_as_checkboxes(cast):
    annual = annual_goal(cast.cycle)
    response = cast.client("member").get(_url(cast, "milestone_edit", code=annual.code, quarter=1))
    page = response.content.decode()
    field = response.context["form"]["members"]
    assert page.count('name="members"') == 3  # lead, member, viewer
    assert {choice.data["value"].value for choice in field} == {
        cast.lead.pk,
        cast.member.pk,
        cast.viewer.pk,
    }
    assert cast.outsider.display_name not in page


def test_someone_must_be_responsible(cast):
    annual = annual_goal(cast.cycle)
    response = cast.client("member").post(
        _url(cast, "milestone_edit", code=annual.code, quarter=1), _data(owner_name="  ")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["members"] == [
        "Assign an SEL team member, or name a person without an account."
    ]
    assert not Milestone.objects.exists()


def test_the_grid_and_report_name_every_responsible_person(cast):
    from actionplan.tool import actionplan_report_section

    annual = annual_goal(cast.cycle)
    milestone(annual, members=[cast.member, cast.lead], owner_name="SEL Coach")
    page = cast.client("viewer").get(_url(cast, "annual", code=annual.code)).content.decode()
    names = sorted([cast.lead, cast.member], key=lambda user: user.full_name)
    cell = f"{names[0].display_name}, {names[1].display_name}, SEL Coach"
    assert cell in page
    section = actionplan_report_section(cast.cycle)
    from django.template.loader import render_to_string

    report = render_to_string(section.template, section.context)
    assert cell in report


def test_my_work_lists_the_quarters_a_member_is_responsible_for(cast):
    annual = annual_goal(cast.cycle)
    milestone(annual, quarter=1, members=[cast.member, cast.lead], text="Quarter one together")
    milestone(annual, quarter=2, members=[cast.lead], text="Quarter two, the lead's")
    milestone(annual, quarter=3, owner_name="SEL Coach", text="Quarter three, a named coach")
    other = annual_goal(cast.other_cycle)
    milestone(other, quarter=1, members=[cast.outsider], text="Lakeside quarter")
    member = cast.client("member").get(_url(cast, "my_work")).content.decode()
    assert "Quarter one together" in member
    assert "Quarter two" not in member and "Quarter three" not in member
    assert "Lakeside quarter" not in member
    lead = cast.client("lead").get(_url(cast, "my_work")).content.decode()
    assert "Quarter one together" in lead and "Quarter two, the lead&#x27;s" in lead
    viewer = cast.client("viewer").get(_url(cast, "my_work")).content.decode()
    assert "You are responsible for no quarter of this cycle" in viewer


def test_a_responsible_member_who_left_is_flagged_kept_and_not_offered_anew(cast):
    annual = annual_goal(cast.cycle)
    mile = milestone(annual, members=[cast.member, cast.lead])
    Membership.objects.filter(user=cast.member, district=cast.district).delete()
    client = cast.client("lead")
    grid = client.get(_url(cast, "annual", code=annual.code)).content.decode()
    assert f'{cast.member.display_name} <span class="badge owner-left">left the district' in grid
    detail = client.get(_url(cast, "milestone", code=mile.code)).content.decode()
    assert "left the district" in detail
    mine = client.get(_url(cast, "my_work")).content.decode()
    assert f'{cast.member.display_name} <span class="badge owner-left">left the district' in mine
    form = client.get(_url(cast, "milestone_edit", code=annual.code, quarter=1))
    assert f"{cast.member.display_name} (left the district)" in form.content.decode()
    # Saving another change keeps them...
    kept = client.post(
        _url(cast, "milestone_edit", code=annual.code, quarter=1),
        _data(mile, status="in_progress", members=[cast.member.pk, cast.lead.pk]),
    )
    assert kept.status_code == 302
    mile.refresh_from_db()
    assert mile.status == "in_progress"
    assert set(mile.members.all()) == {cast.member, cast.lead}
    # ...and once unticked, the history still names them.
    client.post(
        _url(cast, "milestone_edit", code=annual.code, quarter=1),
        _data(mile, status="in_progress", members=[cast.lead.pk]),
    )
    assert list(mile.members.all()) == [cast.lead]
    assert any(
        cast.member.pk in record.members.values_list("user_id", flat=True)
        for record in mile.history.all()
    )
    # A quarter that never had them cannot be given to them.
    refused = client.post(
        _url(cast, "milestone_edit", code=annual.code, quarter=2),
        _data(members=[cast.member.pk]),
    )
    assert "members" in refused.context["form"].errors
    assert not annual.milestones.filter(quarter=2).exists()


def test_a_stale_milestone_edit_shows_both_sets_of_people(cast):
    annual = annual_goal(cast.cycle)
    mile = milestone(annual, members=[cast.lead])
    opened = mile.version
    Milestone.objects.filter(pk=mile.pk).update(version=opened + 1)
    mile.members.set([cast.viewer])
    response = cast.client("member").post(
        _url(cast, "milestone_edit", code=annual.code, quarter=1),
        {**_data(members=[cast.member.pk, cast.lead.pk]), "version": opened},
    )
    assert response.status_code == 409
    rows = {row["label"]: row for row in response.context["rows"]}
    people = rows["Responsible Team Member(s)"]
    assert people["theirs"] == cast.viewer.display_name
    assert set(people["mine"].split(", ")) == {cast.member.display_name, cast.lead.display_name}
    assert list(mile.members.all()) == [cast.viewer]


def test_history_shows_who_was_responsible_and_restore_brings_them_back(cast):
    annual = annual_goal(cast.cycle)
    mile = milestone(annual, members=[cast.member])
    first = mile.history.first()  # the version naming the member
    client = cast.client("lead")
    client.post(
        _url(cast, "milestone_edit", code=annual.code, quarter=1),
        _data(mile, members=[cast.lead.pk], text="Short-list of EBPs."),
    )
    assert list(mile.members.all()) == [cast.lead]
    page = client.get(_url(cast, "history", kind="milestone", code=mile.code)).content.decode()
    assert "Responsible Team Member(s)" in page
    assert cast.member.display_name in page and cast.lead.display_name in page
    assert "[{" not in page  # names, not raw rows
    response = client.post(
        _url(
            cast,
            "history_restore",
            kind="milestone",
            code=mile.code,
            history_id=first.history_id,
        )
    )
    assert response.status_code == 302
    assert list(mile.members.all()) == [cast.member]


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_each_quarters_member_into_the_new_members(django_user_model):
    executor = MigrationExecutor(connection)
    before, after = [("actionplan", "0001_initial")], [("actionplan", "0002_milestone_members")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    District = old.get_model("districts", "District")
    PlanningCycle = old.get_model("districts", "PlanningCycle")
    Priority = old.get_model("goals", "Priority")
    Goal = old.get_model("goals", "Goal")
    AnnualGoal = old.get_model("actionplan", "AnnualGoal")
    old_milestones = old.get_model("actionplan", "Milestone").objects
    HistoricalMilestone = old.get_model("actionplan", "HistoricalMilestone")
    user = django_user_model.objects.create_user(email="coach@a.example", password="x")
    district = District.objects.create(slug="mig", name="Migration district")
    cycle = PlanningCycle.objects.create(
        district=district,
        label="2026-27",
        slug="2026-27",
        start_date="2026-08-01",
        end_date="2027-07-31",
    )
    priority = Priority.objects.create(cycle=cycle, phrase="Community", position=0)
    goal = Goal.objects.create(cycle=cycle, priority=priority, statement="All grow.")
    annual = AnnualGoal.objects.create(cycle=cycle, goal=goal)
    owned = old_milestones.create(
        cycle=cycle, annual_goal=annual, quarter=1, text="Owned", owner_id=user.pk
    )
    named = old_milestones.create(
        cycle=cycle, annual_goal=annual, quarter=2, text="Named", owner_name="SEL Coach"
    )
    HistoricalMilestone.objects.create(
        id=owned.pk,
        code=owned.code,
        cycle_id=cycle.pk,
        annual_goal_id=annual.pk,
        quarter=1,
        text="Owned",
        owner_id=user.pk,
        history_date="2026-09-01T00:00Z",
        history_type="+",
        version=1,
        created_at="2026-09-01T00:00Z",
        updated_at="2026-09-01T00:00Z",
        status="not_started",
        data_sources=[],
    )
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    assert list(Milestone.objects.get(pk=owned.pk).members.all()) == [user]
    moved = Milestone.objects.get(pk=named.pk)
    assert (list(moved.members.all()), moved.owner_name) == ([], "SEL Coach")
    record = Milestone.history.get(id=owned.pk)
    assert list(record.members.values_list("user_id", flat=True)) == [user.pk]


def test_each_save_is_one_history_entry_naming_the_members_as_saved(cast):
    annual = annual_goal(cast.cycle)
    client = cast.client("member")
    edit = _url(cast, "milestone_edit", code=annual.code, quarter=1)
    client.post(edit, _data(members=[cast.member.pk]))
    mile = Milestone.objects.get()
    assert mile.history.count() == 1
    client.post(edit, _data(mile, members=[cast.lead.pk, cast.viewer.pk], status="in_progress"))
    assert mile.history.count() == 2
    newest, oldest = mile.history.order_by("-history_id")
    assert (oldest.history_type, newest.history_type) == ("+", "~")
    assert list(oldest.members.values_list("user_id", flat=True)) == [cast.member.pk]
    assert set(newest.members.values_list("user_id", flat=True)) == {cast.lead.pk, cast.viewer.pk}
    assert newest.history_user == cast.member
    changes = {change.field for change in newest.diff_against(oldest).changes}
    assert changes >= {"members", "status"}
