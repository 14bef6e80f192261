from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from sel_planner.districts.models import PlanningCycle
from sel_planner.districts.registry import shared_read

from .models import Draft, EngagementSession, FeedbackAnswer, Response, StakeholderGroup, Vision


def vision_for_cycle(*, cycle) -> Vision | None:
    return Vision.objects.filter(cycle=cycle).first()


def final_draft(*, cycle) -> Draft | None:
    return cycle.vision_draft_set.filter(is_final=True).select_related("author").first()


def _per_cycle(model, expression):
    """One aggregate of `model`'s rows of the outer cycle, as a subquery (0 when none)."""
    rows = model.objects.filter(cycle=OuterRef("pk")).order_by().values("cycle")
    return Coalesce(Subquery(rows.annotate(value=expression).values("value")), 0)


def engagement_summary(*, cycle) -> dict:
    """Groups reached, sessions, participants, responses and feedback answers, in one query."""
    figures = {
        "sessions": _per_cycle(EngagementSession, Count("pk")),
        "participants": _per_cycle(EngagementSession, Sum("participants")),
        "groups_reached": _per_cycle(StakeholderGroup, Count("pk", filter=Q(status="done"))),
        "groups_planned": _per_cycle(StakeholderGroup, Count("pk", filter=Q(will_engage=True))),
        "responses": _per_cycle(Response, Count("pk")),
        "feedback_answers": _per_cycle(FeedbackAnswer, Count("pk")),
    }
    return PlanningCycle.objects.filter(pk=cycle.pk).annotate(**figures).values(*figures).get()


def final_and_summary(*, cycle) -> tuple[Draft | None, dict]:
    """`final_draft` and `engagement_summary`, read once within a report (see the registry)."""
    return shared_read(
        cycle,
        "vision.final_and_summary",
        lambda: (final_draft(cycle=cycle), engagement_summary(cycle=cycle)),
    )
