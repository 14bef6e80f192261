"""What every vision page shares: the cycle's vision, the page context and object lookups."""

from django.shortcuts import get_object_or_404
from django.urls import reverse

from sel_planner.districts.access import can_edit, is_lead

from .. import models
from ..selectors import vision_for_cycle
from ..services import vision_setup

STEPS = [
    ("committee", "Step 1: Create a committee to lead the development of the vision statement."),
    ("stakeholders", "Step 2: Identify and learn from stakeholders to shape the vision."),
    ("synthesis", "Step 3: Synthesize stakeholder responses."),
    ("drafts", "Step 4: Draft the vision statement."),
    ("feedback", "Step 5: Gather stakeholder feedback and finalize the vision statement."),
]


HISTORY_KINDS = {
    "vision": models.Vision,
    "role": models.CommitteeRole,
    "milestone": models.Milestone,
    "material": models.Material,
    "group": models.StakeholderGroup,
    "question": models.Question,
    "session": models.EngagementSession,
    "response": models.Response,
    "theme": models.Theme,
    "draft": models.Draft,
    "round": models.FeedbackRound,
    "answer": models.FeedbackAnswer,
    "questionnaire": models.Questionnaire,
}
_KIND_OF = {model: kind for kind, model in HISTORY_KINDS.items()}


def history_url(cycle, obj) -> str:
    """The history page of a saved vision record, or "" for anything else."""
    kind = _KIND_OF.get(type(obj))
    if kind is None or getattr(obj, "pk", None) is None:
        return ""
    kwargs = {"district": cycle.district.slug, "cycle": cycle.slug, "kind": kind, "code": obj.code}
    return reverse("vision:history", kwargs=kwargs)


def page_context(cycle, *, step: str = "", **extra) -> dict:
    return {
        "history_url": history_url(cycle, extra.get("object")),
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
