"""Reads of the long-term goals that the registry hooks and later tools share."""

from django.db.models import Count, Q

from sel_planner.districts.registry import shared_read

from .models import COMFORT, Cluster, Goal, GoalsWorkspace, Note, Priority, Reflection
from .services_priorities import cluster_name


def goals_for_cycle(*, cycle) -> list:
    """The cycle's long-term goals with their priorities, in goal order: one query, shared by
    every tool within a report (see `registry.shared_reads`)."""
    return shared_read(
        cycle, "goals.goals", lambda: list(cycle.goals_goal_set.select_related("priority"))
    )


def reflection_count(*, cycle) -> int:
    """How many reflections and check-ins the cycle has."""
    return Reflection.objects.filter(cycle=cycle).count()


def workspace_for_cycle(*, cycle):
    """The cycle's goal-setting workspace (made with the cycle, see `goals_cycle_setup`)."""
    return GoalsWorkspace.objects.filter(cycle=cycle).first()


def shared_vision(*, cycle) -> tuple[str, str]:
    """The vision to work from and where it comes from: the final vision, else the typed-in one."""
    from vision.selectors import final_draft

    final = final_draft(cycle=cycle)
    if final is not None:
        return final.statement, "final"
    workspace = workspace_for_cycle(cycle=cycle)
    if workspace is not None and workspace.vision_text.strip():
        return workspace.vision_text, "typed"
    return "", "none"


def goal_for_priority(*, priority):
    """The priority's long-term goal, or None while it has none."""
    return Goal.objects.filter(priority=priority).first()


def priority_for_cluster(*, cluster):
    """The priority a cluster of big ideas was summarised as, or None."""
    return Priority.objects.filter(cluster=cluster).first()


def notes_of_cluster(*, cluster_id) -> list:
    """The big ideas of a cluster with their authors (none when `cluster_id` is None)."""
    if cluster_id is None:
        return []
    return list(Note.objects.filter(cluster_id=cluster_id).select_related("author"))


def priority_board(*, cycle) -> dict:
    """The whole priorities board in a fixed number of queries, however many notes it holds:
    clusters (each with `name` and `board_notes`), unclustered notes, the note count and the
    priorities (each with `cluster_label`)."""
    clusters = list(Cluster.objects.filter(cycle=cycle).select_related("priority"))
    by_pk = {}
    for cluster in clusters:
        cluster.name = cluster_name(cluster)
        cluster.board_notes = []
        by_pk[cluster.pk] = cluster
    unclustered = []
    notes = list(Note.objects.filter(cycle=cycle).select_related("author"))
    for note in notes:
        cluster = by_pk.get(note.cluster_id)
        (cluster.board_notes if cluster is not None else unclustered).append(note)
    priorities = list(Priority.objects.filter(cycle=cycle).select_related("goal", "cluster"))
    for priority in priorities:
        priority.cluster_label = cluster_name(priority.cluster) if priority.cluster else ""
    return {
        "clusters": clusters,
        "unclustered": unclustered,
        "note_count": len(notes),
        "priorities": priorities,
    }


def reflection_of(*, cycle, author):
    """The person's own reflection and check-in of the cycle, or None."""
    return Reflection.objects.filter(cycle=cycle, author=author).first()


def comfort_counts(*, cycle) -> dict[str, int]:
    """How many members chose each level for themselves and for the committee, in one query."""
    counts = {"total": Count("pk")}
    for level, _label in COMFORT:
        counts[f"own_{level}"] = Count("pk", filter=Q(own_comfort=level))
        counts[f"committee_{level}"] = Count("pk", filter=Q(committee_comfort=level))
    return Reflection.objects.filter(cycle=cycle).aggregate(**counts)


def committee_answers(*, cycle) -> dict[str, list[str]]:
    """Every member's answers to A and B, without names,
    in alphabetical order rather than by author."""
    pairs = list(Reflection.objects.filter(cycle=cycle).values_list("answer_a", "answer_b"))
    a = sorted((text for text, _b in pairs if text.strip()), key=str.casefold)
    b = sorted((text for _a, text in pairs if text.strip()), key=str.casefold)
    return {"a": a, "b": b}
