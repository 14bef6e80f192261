from .models import District, School


def districts_for_user(*, user):
    return District.objects.filter(memberships__user=user).order_by("name")


def members_for_district(*, district):
    return district.memberships.select_related("user").order_by("user__full_name", "user__email")


def cycles_for_district(*, district):
    return district.cycles.all()


def audit_events_for_district(*, district):
    return district.audit_events.order_by("-created_at", "-pk")


def schools_removed(*, district):
    """The district's ten most recently removed schools that are not back, newest first."""
    current = district.schools.values("code")
    return (
        School.history.filter(district_id=district.pk, history_type="-")
        .exclude(code__in=current)
        .order_by("-history_date")[:10]
    )


def school_removed_record(*, district, code):
    """The last version of a removed school of the district, or None if it is there or unknown."""
    if district.schools.filter(code=code).exists():
        return None
    return (
        School.history.filter(district_id=district.pk, code=code, history_type="-")
        .order_by("-history_date")
        .first()
    )
