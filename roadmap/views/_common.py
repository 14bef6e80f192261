"""What the roadmap's pages share beyond the page toolkit:
redirects to a section, codes in links."""

import uuid

from django.shortcuts import redirect


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
