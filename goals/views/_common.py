"""What every goals page shares: the page context, the cycle's workspace and vision, object lookups."""

from django.shortcuts import get_object_or_404

from sel_planner.districts.access import can_edit, is_lead

from ..models import GoalsWorkspace

SECTIONS = [
    ("reflection", "SEL Planning Committee Reflection and Check-In"),
    ("priorities", "Key SEL priorities"),
    ("home", "Long-term SMARTIE goals"),
]


def page_context(cycle, *, section: str = "", **extra) -> dict:
    return {
        "district": cycle.district,
        "cycle": cycle,
        "nav": "goals",
        "section": section,
        "can_edit": can_edit(cycle),
        "is_lead": is_lead(cycle) and not cycle.is_closed,
        **extra,
    }


def workspace_of(cycle, *, create: bool):
    if create:
        return GoalsWorkspace.objects.get_or_create(cycle=cycle)[0]
    return GoalsWorkspace.objects.filter(cycle=cycle).first()


def shared_vision(cycle) -> tuple[str, str]:
    """The vision to work from and where it comes from: the final vision, else the typed-in one."""
    from vision.selectors import final_draft

    final = final_draft(cycle=cycle)
    if final is not None:
        return final.statement, "final"
    workspace = workspace_of(cycle, create=False)
    if workspace is not None and workspace.vision_text.strip():
        return workspace.vision_text, "typed"
    return "", "none"


def cycle_object(cycle, model, code):
    """A goals record of this cycle by its code, or 404."""
    return get_object_or_404(model.objects.filter(cycle=cycle), code=code)
