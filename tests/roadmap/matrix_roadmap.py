"""Access-matrix rules of the roadmap pages."""

from sel_planner.districts.access import Need
from tests.access_rules import Rule, _cycle
from tests.factories import ReflectionRowFactory, SchoolRolloutFactory


def _goal(cast):
    from tests.roadmap.helpers import make_goal

    return make_goal(cast.cycle)


def _row(cast):
    from tests.roadmap.helpers import make_row

    return make_row(_goal(cast))


def _cycle_goal(cast):
    return {**_cycle(cast), "code": _goal(cast).code}


def _cycle_row(cast):
    return {**_cycle(cast), "code": _row(cast).code}


def _cycle_target(cast):
    from tests.roadmap.helpers import make_target

    return {**_cycle(cast), "code": make_target(_row(cast), year=1).code}


def _cycle_reflection(cast):
    row = ReflectionRowFactory(goal=_goal(cast), outcome="90% grow.", data_sources=["grades"])
    return {**_cycle(cast), "code": row.code}


def _cycle_rollout(cast):
    rollout = SchoolRolloutFactory(cycle=cast.cycle, school=cast.school, year=1)
    return {**_cycle(cast), "code": rollout.code}


def _cycle_history(cast):
    from roadmap.models import Target
    from tests.roadmap.helpers import make_target

    target = make_target(_row(cast), year=1)
    target.text = "A clearer target"
    target.save()
    return {**_cycle(cast), "kind": "target", "code": Target.objects.get(pk=target.pk).code}


def _cycle_history_restore(cast):
    from roadmap.models import Target

    kwargs = _cycle_history(cast)
    first = Target.history.order_by("history_date").first()
    return {**kwargs, "history_id": first.history_id}


RULES = {
    "roadmap:home": Rule(_cycle, get=Need.READ),
    "roadmap:reflection": Rule(_cycle, get=Need.READ),
    "roadmap:reflection_add": Rule(_cycle, get=Need.EDIT, post=Need.EDIT),
    "roadmap:reflection_edit": Rule(_cycle_reflection, get=Need.EDIT, post=Need.EDIT),
    "roadmap:reflection_delete": Rule(_cycle_reflection, get=Need.EDIT, post=Need.EDIT),
    "roadmap:grid": Rule(_cycle, get=Need.READ),
    "roadmap:roadmap_edit": Rule(_cycle, get=Need.EDIT, post=Need.EDIT),
    "roadmap:row_edit": Rule(_cycle_goal, get=Need.EDIT, post=Need.EDIT),
    "roadmap:target_add": Rule(_cycle_row, get=Need.EDIT, post=Need.EDIT),
    "roadmap:refresh_current": Rule(_cycle_row, post=Need.EDIT),
    "roadmap:target_edit": Rule(_cycle_target, get=Need.EDIT, post=Need.EDIT),
    "roadmap:target_delete": Rule(_cycle_target, post=Need.EDIT),
    "roadmap:rollout": Rule(_cycle, get=Need.READ),
    "roadmap:rollout_add": Rule(_cycle, get=Need.EDIT, post=Need.EDIT),
    "roadmap:rollout_edit": Rule(_cycle_rollout, get=Need.EDIT, post=Need.EDIT),
    "roadmap:rollout_delete": Rule(_cycle_rollout, post=Need.EDIT),
    "roadmap:pictures": Rule(_cycle, get=Need.READ),
    "roadmap:history": Rule(_cycle_history, get=Need.READ),
    "roadmap:history_restore": Rule(_cycle_history_restore, post=Need.LEAD),
}
