"""What every action plan page shares: the page context, object lookups, departed owners."""

from django.shortcuts import get_object_or_404, redirect

from sel_planner.districts.access import can_edit, is_lead
from sel_planner.districts.models import Membership


def page_context(cycle, **extra) -> dict:
    return {
        "district": cycle.district,
        "cycle": cycle,
        "nav": "actionplan",
        "can_edit": can_edit(cycle),
        "is_lead": is_lead(cycle) and not cycle.is_closed,
        **extra,
    }


def cycle_object(cycle, model, code, *related):
    """An action plan record of this cycle by its code, or 404."""
    return get_object_or_404(model.objects.filter(cycle=cycle).select_related(*related), code=code)


def member_ids(district) -> set[int]:
    """The district's current members: an owner outside this set has left the district."""
    return set(Membership.objects.filter(district=district).values_list("user_id", flat=True))


def to_annual(cycle, annual_goal):
    return redirect(
        "actionplan:annual", district=cycle.district.slug, cycle=cycle.slug, code=annual_goal.code
    )
