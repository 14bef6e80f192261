"""The merge page lists only the fields the two versions really disagree on."""

import datetime
from decimal import Decimal

import pytest

from actionplan.forms.annual import AnnualGoalForm
from actionplan.models import AnnualGoal
from sel_planner.districts.editing import conflict_rows
from tests.actionplan.helpers import annual_goal

pytestmark = pytest.mark.django_db


def _posted(form, **changes):
    data = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else value for name, value in data.items()}
    return {**data, **changes}


def test_an_unchanged_choice_of_record_is_not_shown_as_a_difference(cast):
    annual = annual_goal(cast.cycle, outcomes="Students feel they belong.")
    opened = AnnualGoalForm(instance=annual, cycle=cast.cycle)
    data = _posted(opened, statement="By June, every school runs a morning meeting.")
    # The goal's label (its priority) differs from the record's own name (its statement).
    assert opened.fields["goal"].label_from_instance(annual.goal) != str(annual.goal)

    annual.outcomes = "Students and staff feel they belong."
    annual.version += 1
    annual.save()

    form = AnnualGoalForm(data=data, instance=annual, cycle=cast.cycle)
    assert form.is_valid(), form.errors
    current = AnnualGoal.objects.get(pk=annual.pk)
    labels = [row["label"] for row in conflict_rows(form, current)]

    expected = [str(form.fields[name].label) for name in ("outcomes", "statement")]
    assert sorted(labels) == sorted(expected)


def _stale(form_class, record, changes: dict, elsewhere: dict, **kwargs):
    """The rows of a save of `changes` made on a form opened before someone saved `elsewhere`."""
    opened = form_class(instance=record, **kwargs)
    data = _posted(opened, **changes)
    model = type(record)
    for name, value in elsewhere.items():
        if name in {f.name for f in model._meta.many_to_many}:
            getattr(record, name).set(value)
        else:
            setattr(record, name, value)
    record.version += 1
    record.save()
    fresh = model.objects.get(pk=record.pk)
    form = form_class(data=data, instance=fresh, **kwargs)
    assert form.is_valid(), form.errors
    current = model.objects.get(pk=record.pk)  # as the save finds it, apart from the form
    return {row["label"]: (row["theirs"], row["mine"]) for row in conflict_rows(form, current)}


def test_a_quantity_with_its_unit_is_shown_as_stored(cast):
    from goals.forms.goals import GoalForm
    from tests.factories import GoalFactory

    goal = GoalFactory(
        cycle=cast.cycle,
        baseline_value=Decimal("62"),
        baseline_unit="%",
        target_value=Decimal("85"),
        target_unit="%",
        target_year=2031,
    )
    rows = _stale(
        GoalForm, goal, {"statement": "Mine."}, {"statement": "Theirs."}, cycle=cast.cycle
    )
    statement = "Goal statement that incorporates all SMARTIE criteria"
    assert rows == {statement: ("Theirs.", "Mine.")}
    rows = _stale(GoalForm, goal, {"baseline": "63%"}, {"statement": "Again."}, cycle=cast.cycle)
    assert rows["Baseline"] == ("62%", "63%")
    assert set(rows) == {"Baseline", statement}


def test_a_choice_is_shown_by_its_label(cast):
    from goals.forms.goals import GoalForm
    from tests.factories import GoalFactory

    goal = GoalFactory(cycle=cast.cycle, target_year=2031)
    rows = _stale(GoalForm, goal, {"target_year": "2032"}, {"change": "Theirs"}, cycle=cast.cycle)
    assert rows["Target school year"] == ("2030-31", "2031-32")


def test_a_date_is_shown_as_the_form_shows_it(cast):
    from vision.forms.core import MilestoneForm
    from vision.models import Milestone

    milestone = Milestone.objects.create(
        cycle=cast.cycle, due_on=datetime.date(2027, 1, 15), description="Draft shared"
    )
    rows = _stale(
        MilestoneForm,
        milestone,
        {"description": "Draft shared with the board"},
        {"done": True},
        cycle=cast.cycle,
    )
    assert "Date" not in rows
    rows = _stale(
        MilestoneForm, milestone, {"due_on": "2027-02-01"}, {"done": False}, cycle=cast.cycle
    )
    assert rows["Date"] == ("2027-01-15", "2027-02-01")


def test_people_chosen_are_compared_as_a_set(cast):
    from vision.forms.core import RoleForm
    from vision.models import CommitteeRole

    role = CommitteeRole.objects.create(cycle=cast.cycle, title="Writer(s)")
    role.members.set([cast.lead, cast.member])
    rows = _stale(RoleForm, role, {"title": "Writers"}, {"description": "Notes"}, cycle=cast.cycle)
    assert rows == {"Role": ("Writer(s)", "Writers"), "What the role does": ("Notes", "")}
    rows = _stale(
        RoleForm,
        role,
        {"members": [str(cast.lead.pk)]},
        {"members": [cast.member, cast.lead]},
        cycle=cast.cycle,
    )
    theirs, mine = rows["District members"]
    assert mine == str(cast.lead.full_name or cast.lead.email) or cast.lead.email in mine
    assert theirs.count(",") == 1
