"""Reads of the long-term goals that the registry hooks and later tools share."""

from django.db.models import Count

from sel_planner.districts.reads import per_cycle
from sel_planner.districts.registry import cycle_view, shared_read


def goals_for_cycle(*, cycle) -> list:
    """The cycle's long-term goals with their priorities, in goal order: one query, shared by
    every tool within a report (see `registry.shared_reads`)."""
    return shared_read(
        cycle, "goals.goals", lambda: list(cycle.goals_goal_set.select_related("priority"))
    )


def goals_cycle_read(queryset):
    """How many committee members answered the reflection and check-in, for `cycle_view`."""
    from .models import Reflection

    return queryset.annotate(goals_reflections=per_cycle(Reflection, Count("pk")))


def reflection_count(*, cycle) -> int:
    """How many reflections and check-ins the cycle has, from its shared view."""
    return cycle_view(cycle).goals_reflections
