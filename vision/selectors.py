from django.db.models import Count, Q, Sum

from .models import Draft, Vision


def vision_for_cycle(*, cycle) -> Vision | None:
    return Vision.objects.filter(cycle=cycle).first()


def final_draft(*, cycle) -> Draft | None:
    return cycle.vision_draft_set.filter(is_final=True).select_related("author").first()


def engagement_summary(*, cycle) -> dict:
    """Groups reached, sessions, participants, responses and feedback answers, in a few queries."""
    sessions = cycle.vision_engagementsession_set.aggregate(
        n=Count("pk"), people=Sum("participants")
    )
    groups = cycle.vision_stakeholdergroup_set.aggregate(
        reached=Count("pk", filter=Q(status="done")),
        planned=Count("pk", filter=Q(will_engage=True)),
    )
    return {
        "sessions": sessions["n"],
        "participants": sessions["people"] or 0,
        "groups_reached": groups["reached"],
        "groups_planned": groups["planned"],
        "responses": cycle.vision_response_set.count(),
        "feedback_answers": cycle.vision_feedbackanswer_set.count(),
    }
