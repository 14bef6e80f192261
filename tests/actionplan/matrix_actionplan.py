"""Access-matrix rules of the action plan pages."""

from sel_planner.districts.access import Need
from tests.access_rules import Rule, _cycle

from .helpers import annual_goal, long_term_goal, plan


def _goal(cast):
    return {**_cycle(cast), "code": long_term_goal(cast.cycle).code}


def _annual(cast):
    return {**_cycle(cast), "code": annual_goal(cast.cycle).code}


def _quarter(cast):
    return {**_annual(cast), "quarter": 2}


def _reflection(cast):
    return {**_annual(cast), "point": "midyear"}


def _milestone(cast):
    return {**_cycle(cast), "code": plan(cast.cycle)[1].code}


def _activity(cast):
    return {**_cycle(cast), "code": plan(cast.cycle)[2].code}


def _note(cast):
    return {**_activity(cast), "kind": "activity"}


def _history(cast):
    activity = plan(cast.cycle)[2]
    activity.action = "Conduct two monthly PL sessions."
    activity.save()
    return {**_cycle(cast), "kind": "activity", "code": activity.code}


def _history_restore(cast):
    from actionplan.models import Activity

    kwargs = _history(cast)
    first = Activity.history.order_by("history_date").first()
    return {**kwargs, "history_id": first.history_id}


RULES = {
    "actionplan:home": Rule(_cycle, get=Need.READ),
    "actionplan:annual_create": Rule(_goal, get=Need.EDIT, post=Need.EDIT),
    "actionplan:annual": Rule(_annual, get=Need.READ),
    "actionplan:annual_edit": Rule(_annual, get=Need.EDIT, post=Need.EDIT),
    "actionplan:rationale_edit": Rule(_annual, get=Need.EDIT, post=Need.EDIT),
    "actionplan:annual_delete": Rule(_annual, get=Need.LEAD, post=Need.LEAD),
    "actionplan:milestone_edit": Rule(_quarter, get=Need.EDIT, post=Need.EDIT),
    "actionplan:milestone": Rule(_milestone, get=Need.READ),
    "actionplan:activity_create": Rule(_milestone, get=Need.EDIT, post=Need.EDIT),
    "actionplan:activity": Rule(_activity, get=Need.READ),
    "actionplan:activity_edit": Rule(_activity, get=Need.EDIT, post=Need.EDIT),
    "actionplan:activity_delete": Rule(_activity, get=Need.EDIT, post=Need.EDIT),
    "actionplan:note_add": Rule(_note, post=Need.EDIT),
    "actionplan:my_work": Rule(_cycle, get=Need.READ),
    "actionplan:reminders": Rule(_cycle, post=Need.READ),
    "actionplan:reflection_edit": Rule(_reflection, get=Need.EDIT, post=Need.EDIT),
    "actionplan:improvement_edit": Rule(_annual, get=Need.EDIT, post=Need.EDIT),
    "actionplan:launch": Rule(_cycle, get=Need.LEAD, post=Need.LEAD),
    "actionplan:history": Rule(_history, get=Need.READ),
    "actionplan:history_restore": Rule(_history_restore, post=Need.LEAD),
}
