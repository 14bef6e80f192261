"""The published summary of an annual report: read-only, behind an unguessable link.

It shows only what a tool marked public and the narrative sections the committee chose:
no names of people, no private notes, no evidence.
"""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from sel_planner.accounts.throttling import public_link_view

from . import assembly
from .selectors import access_published_report


@public_link_view
@require_GET
def summary(request, token):
    draft = access_published_report(token)
    sections = assembly.annual_sections(draft.cycle, public=True)
    shown = [s for s in sections if s.narrative or s.parts]
    assembly.render_annual(shown, public=True)
    context: dict[str, object] = {"sections": shown, "published_at": draft.published_at}
    context |= {"district_name": draft.cycle.district.name, "cycle_label": draft.cycle.label}
    return render(request, "reports/public_summary.html", context)
