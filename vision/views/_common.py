"""What the vision pages add to every cycle page: the workbook's five steps and history links,
and the pages that create, edit and remove the cycle's records."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sel_planner.districts import pages
from sel_planner.districts.editing import versioned_save
from sel_planner.districts.pages import cycle_object

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
        cycle, history_url=history_url(cycle, extra.get("object")), step=step, steps=STEPS, **extra
    )


def step_url(cycle, name: str, **kwargs) -> str:
    """The address of one of this cycle's vision pages."""
    return reverse(
        f"vision:{name}", kwargs={"district": cycle.district.slug, "cycle": cycle.slug, **kwargs}
    )


def record_edit(
    request, cycle, form_class, code, *, step, label, template, back=None, success="", **form_kwargs
):
    """The page creating (no `code`) or editing one of the cycle's records.

    `back` is where a save leads: an address, a function giving one for the saved record, or
    (by default) the step's page. A stale save raises StaleEdit, which ConflictMiddleware turns
    into the merge page.
    """
    instance = cycle_object(cycle, form_class._meta.model, code) if code else None
    form = form_class(
        request.POST or None, request.FILES or None, instance=instance, cycle=cycle, **form_kwargs
    )
    if request.method == "POST" and form.is_valid():
        saved = versioned_save(form=form)
        messages.success(request, success or _("%(label)s saved.") % {"label": label})
        return redirect(back(saved) if callable(back) else back or step_url(cycle, step))
    context = page_context(cycle, step=step, object=instance, label=label, form=form)
    return render(request, template, context)


def record_delete(request, cycle, record, *, step, label, back=None, **extra):
    """The page confirming the removal of one of the cycle's records; its history is kept.

    `back` is where the removal leads: an address, a function giving one for the record, or
    (by default) the step's page.
    """
    if request.method == "POST":
        url = back(record) if callable(back) else back or step_url(cycle, step)
        record.delete()
        messages.success(request, _("%(label)s removed; its history is kept.") % {"label": label})
        return redirect(url)
    context = page_context(cycle, step=step, object=record, label=label, **extra)
    return render(request, "vision/confirm_delete.html", context)
