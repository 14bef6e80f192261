"""A save whose record someone removed while the form was being sent: never a 500.

Each test removes the record at the last moment, inside the request (from the form's own
validation, after the view has found the record), so the save is the first to notice.
"""

import pytest
from django.urls import reverse

from actionplan.forms.annual import AnnualGoalForm
from actionplan.models import AnnualGoal
from inventory.forms.interviews import MentionMatchForm
from inventory.forms.programs import ProgramForm
from inventory.models import Mention, Program
from inventory.services import mention_add, program_create
from sel_planner.districts.editing import RecordRemoved, StaleEdit
from sel_planner.districts.models import Membership
from tests.actionplan.helpers import annual_goal
from tests.factories import InterviewFactory


def _url(cast, name, **kwargs):
    return reverse(
        name, kwargs={"district": cast.district.slug, "cycle": cast.cycle.slug, **kwargs}
    )


def _removed_on_clean(monkeypatch, form_class, remove):
    """Make `form_class` remove the record while it validates, as a lead elsewhere would."""
    clean = form_class.clean

    def clean_then_remove(form):
        cleaned = clean(form)
        remove()
        return cleaned

    monkeypatch.setattr(form_class, "clean", clean_then_remove)


def _assert_removed_page(response, *typed):
    page = response.content.decode()
    assert response.status_code == 409
    assert "This record was removed meanwhile" in page
    for text in typed:
        assert text in page, f"{text!r} is not kept on the page"


def test_record_removed_is_a_stale_edit_every_handler_catches():
    assert issubclass(RecordRemoved, StaleEdit)
    assert RecordRemoved().current is None


def test_annual_goal_removed_while_saving_keeps_the_typed_text(cast, monkeypatch):
    annual = annual_goal(cast.cycle)
    _removed_on_clean(
        monkeypatch, AnnualGoalForm, lambda: AnnualGoal.objects.filter(pk=annual.pk).delete()
    )
    response = cast.client("member").post(
        _url(cast, "actionplan:annual_edit", code=annual.code),
        {
            "goal": annual.goal_id,
            "goal_type": "outcome",
            "statement": "My careful words",
            "version": 1,
        },
    )
    _assert_removed_page(response, "My careful words")
    assert not AnnualGoal.objects.exists(), "the save did not bring the record back"


def test_program_removed_while_saving_keeps_the_typed_text(cast, monkeypatch):
    program = program_create(cycle=cast.cycle, name="Second Step")
    _removed_on_clean(
        monkeypatch, ProgramForm, lambda: Program.objects.filter(pk=program.pk).delete()
    )
    response = cast.client("member").post(
        _url(cast, "inventory:program_edit", code=program.code),
        {"name": "Second Step", "challenges": "Scheduling across campuses", "version": 1},
    )
    _assert_removed_page(response, "Scheduling across campuses")
    assert not Program.objects.exists()


@pytest.mark.parametrize("removed", ["mention", "program"])
def test_mention_matching_whose_records_were_removed(cast, monkeypatch, removed):
    interview = InterviewFactory(cycle=cast.cycle)
    mention = mention_add(interview=interview, name="Climate work", program=None)
    target = program_create(cycle=cast.cycle, name="Positive School Climate")
    gone = {
        "mention": Mention.objects.filter(pk=mention.pk),
        "program": Program.objects.filter(pk=target.pk),
    }
    _removed_on_clean(monkeypatch, MentionMatchForm, lambda: gone[removed].delete())
    response = cast.client("member").post(
        _url(cast, "inventory:mention_match", code=mention.code), {"program": target.pk}
    )
    _assert_removed_page(response)
    assert not gone[removed].exists()
    if removed == "program":
        mention.refresh_from_db()
        assert mention.program_id != target.pk


def test_role_change_of_a_member_removed_meanwhile(cast, monkeypatch):
    from sel_planner.districts.forms import RoleForm

    membership = cast.member.memberships.get()
    _removed_on_clean(
        monkeypatch, RoleForm, lambda: Membership.objects.filter(pk=membership.pk).delete()
    )
    response = cast.client("lead").post(
        reverse(
            "districts:member_role",
            kwargs={"district": cast.district.slug, "code": membership.code},
        ),
        {"role": "viewer"},
    )
    _assert_removed_page(response)
    assert not Membership.objects.filter(pk=membership.pk).exists()
