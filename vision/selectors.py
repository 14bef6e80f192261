from django.db.models import Count, FilteredRelation, Q, Sum

from sel_planner.districts.models import PlanningCycle
from sel_planner.districts.reads import per_cycle
from sel_planner.districts.registry import cycle_view

from .models import Draft, EngagementSession, FeedbackAnswer, Response, StakeholderGroup, Vision


def vision_for_cycle(*, cycle) -> Vision | None:
    return Vision.objects.filter(cycle=cycle).first()


def final_draft(*, cycle) -> Draft | None:
    return cycle.vision_draft_set.filter(is_final=True).select_related("author").first()


ENGAGEMENT = (
    "sessions",
    "participants",
    "groups_reached",
    "groups_planned",
    "responses",
    "feedback_answers",
)


def engagement_figures() -> dict:
    """Groups reached, sessions, participants, responses and feedback answers of the cycle, as
    annotations of a PlanningCycle queryset."""
    return {
        "sessions": per_cycle(EngagementSession, Count("pk")),
        "participants": per_cycle(EngagementSession, Sum("participants")),
        "groups_reached": per_cycle(StakeholderGroup, Count("pk", filter=Q(status="done"))),
        "groups_planned": per_cycle(StakeholderGroup, Count("pk", filter=Q(will_engage=True))),
        "responses": per_cycle(Response, Count("pk")),
        "feedback_answers": per_cycle(FeedbackAnswer, Count("pk")),
    }


def engagement_summary(*, cycle) -> dict:
    """Groups reached, sessions, participants, responses and feedback answers, in one query."""
    return (
        PlanningCycle.objects.filter(pk=cycle.pk)
        .annotate(**engagement_figures())
        .values(*ENGAGEMENT)
        .get()
    )


def vision_cycle_read(queryset):
    """The final vision (with its author) and the engagement figures, for `registry.cycle_view`."""
    final = FilteredRelation("vision_draft_set", condition=Q(vision_draft_set__is_final=True))
    figures = {f"vision_{name}": value for name, value in engagement_figures().items()}
    return queryset.annotate(vision_final=final, **figures).select_related("vision_final__author")


def final_and_summary(*, cycle) -> tuple[Draft | None, dict]:
    """`final_draft` and `engagement_summary` from the cycle's shared view (see the registry)."""
    view = cycle_view(cycle)
    summary = {name: getattr(view, f"vision_{name}") for name in ENGAGEMENT}
    return getattr(view, "vision_final", None), summary
