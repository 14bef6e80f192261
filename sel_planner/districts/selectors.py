from django.db.models import Count, Q

from .models import District, Role


def districts_for_user(*, user):
    return District.objects.filter(memberships__user=user).order_by("name")


def members_for_district(*, district):
    return district.memberships.select_related("user").order_by("user__full_name", "user__email")


def cycles_for_district(*, district):
    return district.cycles.all()


def district_lead_count(*, district) -> int:
    return district.memberships.aggregate(n=Count("pk", filter=Q(role=Role.LEAD)))["n"]


def audit_events_for_district(*, district):
    return district.audit_events.order_by("-created_at", "-pk")
