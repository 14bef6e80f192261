"""The merge page lists only the fields the two versions really disagree on."""

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
