"""What every vision page shares: the cycle's vision, the page context and object lookups."""

from django.shortcuts import get_object_or_404

from sel_planner.districts.access import can_edit, is_lead

from ..selectors import vision_for_cycle
from ..services import vision_setup

STEPS = [
    ("committee", "Step 1: Create a committee to lead the development of the vision statement."),
    ("stakeholders", "Step 2: Identify and learn from stakeholders to shape the vision."),
    ("synthesis", "Step 3: Synthesize stakeholder responses."),
    ("drafts", "Step 4: Draft the vision statement."),
    ("feedback", "Step 5: Gather stakeholder feedback and finalize the vision statement."),
]


def page_context(cycle, *, step: str = "", **extra) -> dict:
    return {
        "district": cycle.district,
        "cycle": cycle,
        "nav": "vision",
        "step": step,
        "steps": STEPS,
        "can_edit": can_edit(cycle),
        "is_lead": is_lead(cycle) and not cycle.is_closed,
        **extra,
    }


def vision_of(cycle, *, create: bool):
    """The cycle's vision; editors create it (with the workbook's starting content) on first use."""
    if create:
        return vision_setup(cycle=cycle)
    return vision_for_cycle(cycle=cycle)


def cycle_object(cycle, model, code):
    """A vision record of this cycle by its code, or 404: never by id, never across cycles."""
    return get_object_or_404(model.objects.filter(cycle=cycle), code=code)
