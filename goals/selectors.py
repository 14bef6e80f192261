"""Reads of the long-term goals that the registry hooks and later tools share."""

from sel_planner.districts.registry import shared_read


def goals_for_cycle(*, cycle) -> list:
    """The cycle's long-term goals with their priorities, in goal order: one query, shared by
    every tool within a report (see `registry.shared_reads`)."""
    return shared_read(
        cycle, "goals.goals", lambda: list(cycle.goals_goal_set.select_related("priority"))
    )


def reflection_count(*, cycle) -> int:
    """How many reflections and check-ins the cycle has."""
    from .models import Reflection

    return Reflection.objects.filter(cycle=cycle).count()
