"""Access-matrix rules of the key SEL priorities board."""

from sel_planner.districts.access import Need
from tests.access_rules import Rule, _cycle
from tests.factories import PriorityFactory


def _cluster(cast, label="Belonging"):
    from goals.models import Cluster

    count = Cluster.objects.filter(cycle=cast.cycle).count()
    return Cluster.objects.create(cycle=cast.cycle, label=label, position=count)


def _cycle_note(cast):
    from goals.models import Note

    note = Note.objects.create(cycle=cast.cycle, author=cast.member, text="Every student belongs.")
    return {**_cycle(cast), "code": note.code}


def _cycle_cluster(cast):
    return {**_cycle(cast), "code": _cluster(cast).code}


def _cycle_cluster_pair(cast):
    """A cluster to merge, and another one to merge it into."""
    _cluster(cast, "Caring")
    return _cycle_cluster(cast)


def _cycle_priority(cast):
    return {**_cycle(cast), "code": PriorityFactory(cycle=cast.cycle).code}


RULES = {
    "goals:priorities": Rule(_cycle, get=Need.READ),
    "goals:note_add": Rule(_cycle, post=Need.EDIT),
    "goals:note_move": Rule(_cycle_note, post=Need.EDIT),
    "goals:note_delete": Rule(_cycle_note, post=Need.EDIT),
    "goals:cluster_create": Rule(_cycle, post=Need.EDIT),
    "goals:cluster_merge": Rule(_cycle_cluster_pair, post=Need.EDIT),
    "goals:cluster_summarise": Rule(_cycle_cluster, get=Need.EDIT, post=Need.EDIT),
    "goals:priority_edit": Rule(_cycle_priority, get=Need.EDIT, post=Need.EDIT),
    "goals:priority_delete": Rule(_cycle_priority, get=Need.EDIT, post=Need.EDIT),
}
