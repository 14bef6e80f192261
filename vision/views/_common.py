"""What the vision pages add to every cycle page: the workbook's five steps and history links."""

from django.urls import reverse

from sel_planner.districts import pages

from .. import models

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
    """`pages.page_context` with the step shown, the five steps and the record's history link."""
    return pages.page_context(
        cycle,
        history_url=history_url(cycle, extra.get("object")),
        step=step,
        steps=STEPS,
        **extra,
    )
