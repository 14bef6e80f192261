"""What the roadmap's pages share beyond the page toolkit:
redirects to a section, codes in links."""

import uuid

from django.contrib import messages
from django.shortcuts import redirect

from sel_planner.districts.editing import versioned_save


def to_section(cycle, name: str, anchor: str = ""):
    response = redirect(f"roadmap:{name}", district=cycle.district.slug, cycle=cycle.slug)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def save_to_section(request, cycle, form, success: str, name: str, anchor: str = ""):
    """Save the valid form, say so and go to the section (at `anchor`)."""
    versioned_save(form=form)
    messages.success(request, success)
    return to_section(cycle, name, anchor)


def code_param(request, name: str) -> uuid.UUID | None:
    """A UUID code from the query string, or None when it is missing or malformed."""
    try:
        return uuid.UUID(request.GET.get(name, ""))
    except ValueError:
        return None
