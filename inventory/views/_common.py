"""What every inventory page shares: the page context and object lookups."""

from django.shortcuts import get_object_or_404, redirect

from sel_planner.districts.access import can_edit, is_lead

from ..models import InventoryWorkspace


def page_context(cycle, *, section: str = "", **extra) -> dict:
    return {
        "district": cycle.district,
        "cycle": cycle,
        "nav": "inventory",
        "section": section,
        "can_edit": can_edit(cycle),
        "is_lead": is_lead(cycle) and not cycle.is_closed,
        **extra,
    }


def workspace_of(cycle, *, create: bool):
    if create:
        return InventoryWorkspace.objects.get_or_create(cycle=cycle)[0]
    return InventoryWorkspace.objects.filter(cycle=cycle).first()


def cycle_object(cycle, model, code, *, queryset=None):
    """An inventory record of this cycle by its code, or 404."""
    base = queryset if queryset is not None else model.objects
    return get_object_or_404(base.filter(cycle=cycle), code=code)


def to(name, cycle, **kwargs):
    return redirect(f"inventory:{name}", district=cycle.district.slug, cycle=cycle.slug, **kwargs)
