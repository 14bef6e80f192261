"""What every page of a district's tools shares: the access a request needs, object lookups and
the page context. Views start with `access_cycle(..., need=need_for(request))` and reach
records only through the cycle it returns.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from .access import Need, can_edit, is_lead


def need_for(request, write: Need = Need.EDIT) -> Need:
    """READ for a request that only reads (GET, HEAD), else `write`: what a form page needs."""
    return Need.READ if request.method in ("GET", "HEAD") else write


def cycle_object(cycle, model_or_queryset, code):
    """A record of this cycle by its code, or 404: never by id, never across cycles.

    Give a queryset (with its `select_related`) to read related records in the same query.
    """
    return get_object_or_404(model_or_queryset, cycle=cycle, code=code)


def district_object(district, model_or_queryset, code):
    """A record of this district (a school, a membership, an invitation) by its code, or 404."""
    return get_object_or_404(model_or_queryset, district=district, code=code)


def page_context(cycle, **extra) -> dict:
    """The context every cycle page renders with: the district, the cycle and what the user may do.

    The navigation's current tool is the URL's app (see `context_processors.navigation`); a
    page names another with `nav=...`.
    """
    return {
        "district": cycle.district,
        "cycle": cycle,
        "can_edit": can_edit(cycle),
        "is_lead": is_lead(cycle) and not cycle.is_closed,
        **extra,
    }


def change_and_report(request, change, success) -> None:
    """Run `change()` and say `success`, or, when it raises ValidationError, the first reason."""
    try:
        change()
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, success)
