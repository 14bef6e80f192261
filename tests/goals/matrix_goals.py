"""Access-matrix rules of the goal pages."""

from sel_planner.districts.access import Need
from tests.access_rules import Rule, _cycle
from tests.factories import GoalFactory, PriorityFactory


def _priority(cast):
    return PriorityFactory(cycle=cast.cycle)


def _cycle_priority(cast):
    return {**_cycle(cast), "code": _priority(cast).code}


def _goal(cast, **fields):
    return GoalFactory(cycle=cast.cycle, **fields)


def _cycle_goal(cast):
    return {**_cycle(cast), "code": _goal(cast).code}


def _cycle_goal_in_review(cast):
    return {**_cycle(cast), "code": _goal(cast, status="review").code}


def _cycle_history(cast):
    goal = _goal(cast)
    goal.statement = "All students grow each year."
    goal.save()
    return {**_cycle(cast), "kind": "goal", "code": goal.code}


def _cycle_history_restore(cast):
    from goals.models import Goal

    kwargs = _cycle_history(cast)
    return {**kwargs, "history_id": Goal.history.order_by("history_date").first().history_id}


def _cycle_removed_goal(cast):
    goal = _goal(cast)
    code = goal.code
    goal.delete()
    return {**_cycle(cast), "code": code}


RULES = {
    "goals:home": Rule(_cycle, get=Need.READ),
    "goals:guidelines": Rule(_cycle, get=Need.READ),
    "goals:workspace_edit": Rule(_cycle, get=Need.EDIT, post=Need.EDIT),
    "goals:goal_edit": Rule(_cycle_priority, get=Need.EDIT, post=Need.EDIT),
    "goals:goal_check": Rule(_cycle_priority, post=Need.EDIT),
    "goals:goal": Rule(_cycle_goal, get=Need.READ),
    "goals:goal_submit": Rule(_cycle_goal, post=Need.EDIT),
    "goals:goal_approve": Rule(_cycle_goal_in_review, post=Need.LEAD),
    "goals:goal_return": Rule(_cycle_goal_in_review, post=Need.LEAD),
    "goals:goal_delete": Rule(_cycle_goal, get=Need.LEAD, post=Need.LEAD),
    "goals:goal_restore": Rule(_cycle_removed_goal, post=Need.LEAD),
    "goals:comment_add": Rule(_cycle_goal, post=Need.EDIT),
    "goals:feedback_add": Rule(_cycle_goal, get=Need.EDIT, post=Need.EDIT),
    "goals:history": Rule(_cycle_history, get=Need.READ),
    "goals:history_restore": Rule(_cycle_history_restore, post=Need.LEAD),
}
