"""What every roadmap page shares: the page context and object lookups through the cycle."""

import uuid

from django.shortcuts import get_object_or_404, redirect

from sel_planner.districts.access import can_edit, is_lead


def page_context(cycle, *, section: str = "", **extra) -> dict:
    return {
        "district": cycle.district,
        "cycle": cycle,
        "nav": "roadmap",
        "section": section,
        "can_edit": can_edit(cycle),
        "is_lead": is_lead(cycle) and not cycle.is_closed,
        **extra,
    }


def cycle_object(cycle, queryset, code):
    """A record of this cycle by its code, or 404."""
    return get_object_or_404(queryset.filter(cycle=cycle), code=code)


def to_section(cycle, name: str, anchor: str = ""):
    response = redirect(f"roadmap:{name}", district=cycle.district.slug, cycle=cycle.slug)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def code_param(request, name: str) -> uuid.UUID | None:
    """A UUID code from the query string, or None when it is missing or malformed."""
    try:
        return uuid.UUID(request.GET.get(name, ""))
    except ValueError:
        return None
