from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sel_planner.districts.access import Need, access_cycle, is_lead
from sel_planner.districts.deletion import linked_records, restore_removed_with
from sel_planner.districts.editing import versioned_save
from sel_planner.districts.history import deleted_restore
from sel_planner.districts.history_views import cycle_history_views, restore_refused
from sel_planner.districts.models import AuditAction
from sel_planner.districts.pages import change_and_report, cycle_object, page_context
from sel_planner.districts.services import audit_record

from .. import models, selectors, services
from ..forms.goals import CommentForm, FeedbackForm, GoalForm, WorkspaceForm
from ..smartie import DEFINITIONS, smartie_check, statement_check

HISTORY_KINDS = {
    "workspace": models.GoalsWorkspace,
    "priority": models.Priority,
    "goal": models.Goal,
    "feedback": models.Feedback,
    "reflection": models.Reflection,
}
EXAMPLE_PAIRS = [
    (
        "All high schools will implement evidence-based SEL programs.",
        "95% of high school students will achieve their personal growth goals on district social "
        "and emotional competency assessments.",
    ),
    (
        "All teachers will attend professional learning on SEL and academic integration, "
        "community-building, and culturally sustaining classroom practices.",
        "90% of students and staff, including 90% within each racial and socioeconomic subgroup, "
        "will report strong ratings of school and classroom climate.",
    ),
    (
        "All schools will use restorative approaches to discipline and regularly review discipline "
        "data for racial disproportionality.",
        "95% of all office referrals will be resolved with restorative practices rather than "
        "detentions or suspensions. No racial disproportionality will exist in office referral and "
        "suspensions data districtwide and in any school.",
    ),
]


def _goal_url(cycle, goal):
    return reverse(
        "goals:goal",
        kwargs={"district": cycle.district.slug, "cycle": cycle.slug, "code": goal.code},
    )


@require_GET
def home(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    priorities = cycle.goals_priority_set.select_related("goal")
    vision, source = selectors.shared_vision(cycle=cycle)
    return render(
        request,
        "goals/home.html",
        page_context(
            cycle,
            section="home",
            priorities=priorities,
            vision=vision,
            vision_source=source,
            workspace=selectors.workspace_for_cycle(cycle=cycle),
            removed=services.removed_goals(cycle=cycle) if is_lead(cycle) else [],
        ),
    )


@require_GET
def guidelines(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    return render(request, "goals/guidelines.html", page_context(cycle, definitions=DEFINITIONS))


@require_http_methods(["GET", "POST"])
def workspace_edit(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    workspace = selectors.workspace_for_cycle(cycle=cycle)
    form = WorkspaceForm(request.POST or None, instance=workspace)
    if request.method == "POST" and form.is_valid():
        versioned_save(form=form)
        messages.success(request, _("Saved."))
        return redirect("goals:home", district=district, cycle=cycle.slug)
    context = page_context(cycle, section="home", form=form)
    return render(request, "goals/workspace_form.html", context)


def _goal_of(cycle, code):
    priority = cycle_object(cycle, models.Priority, code)
    goal = selectors.goal_for_priority(priority=priority) or models.Goal(
        cycle=cycle, priority=priority
    )
    return priority, goal


@require_http_methods(["GET", "POST"])
def goal_edit(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    priority, goal = _goal_of(cycle, code)
    form = GoalForm(request.POST or None, instance=goal, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        goal, was_approved = services.goal_update(form=form)
        if was_approved:
            messages.warning(
                request, _("The goal changed after its approval, so it is back in review.")
            )
        messages.success(request, _("SMARTIE goal saved."))
        return redirect(_goal_url(cycle, goal))
    context = page_context(
        cycle,
        section="home",
        priority=priority,
        goal=goal,
        examples=EXAMPLE_PAIRS,
        form=form,
        check=smartie_check(form.instance),
        statement_check=statement_check(form.instance),
        live=True,
    )
    return render(request, "goals/goal_form.html", context)


@require_POST
def goal_check(request, district, cycle, code):
    """The SMARTIE check of the goal form as typed so far; nothing is saved."""
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    _priority, goal = _goal_of(cycle, code)
    form = GoalForm(request.POST, instance=goal, cycle=cycle)
    form.is_valid()  # fills the goal with what was typed, where it is valid
    # What saving would refuse in a field already typed in (an empty one is still to come).
    typed = [
        errors for name, errors in form.errors.items() if name in form.fields and form[name].data
    ]
    context = {
        "check": smartie_check(form.instance),
        "statement_check": statement_check(form.instance),
        "live": True,
        "problem": typed[0][0] if typed else "",
    }
    return render(request, "goals/_smartie_check.html", context)


@require_GET
def goal_detail(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle)
    goal = cycle_object(cycle, cycle.goals_goal_set.select_related("priority", "approved_by"), code)
    return render(
        request,
        "goals/goal.html",
        page_context(
            cycle,
            section="home",
            goal=goal,
            check=smartie_check(goal),
            statement_check=statement_check(goal),
            comments=goal.comments.select_related("author"),
            feedback=goal.feedback.all(),
            comment_form=CommentForm(),
            **goal.shown_quantities(),
        ),
    )


def _transition(request, cycle, code, action, success):
    """Move the goal on with `action(goal=...)`, saying so, or why it cannot move."""
    goal = cycle_object(cycle, models.Goal, code)
    change_and_report(request, partial(action, goal=goal), success)
    return redirect(_goal_url(cycle, goal))


@require_POST
def goal_submit(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    return _transition(request, cycle, code, services.goal_submit, _("The goal is in review."))


@require_POST
def goal_approve(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    approve = partial(services.goal_approve, actor=request.user)
    return _transition(request, cycle, code, approve, _("The goal is approved."))


@require_POST
def goal_return(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    success = _("The goal is back in draft for revision.")
    return _transition(request, cycle, code, services.goal_return, success)


@require_http_methods(["GET", "POST"])
def goal_delete(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    # The priority is the page's heading when the goal has no statement yet.
    goal = cycle_object(cycle, cycle.goals_goal_set.select_related("priority"), code)
    linked = linked_records(goal)
    if request.method == "POST" and not linked["protected"]:
        goal.delete()
        audit_record(
            district=cycle.district,
            actor=request.user,
            action=AuditAction.GOAL_REMOVE,
            cycle=cycle.label,
            goal=str(goal),
            code=str(goal.code),
        )
        messages.success(
            request, _("The goal was removed; its history is kept and a lead can restore it.")
        )
        return redirect("goals:home", district=district, cycle=cycle.slug)
    context = page_context(cycle, section="home", goal=goal, linked=linked)
    return render(request, "goals/goal_delete.html", context)


@require_POST
def goal_restore(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    record = services.removed_goal_record(cycle=cycle, code=code)
    if record is None or cycle.goals_goal_set.filter(code=code).exists():
        raise Http404
    if cycle.goals_goal_set.filter(priority_id=record.priority_id).exists():
        messages.error(request, _("That priority has a goal again, so the old one cannot return."))
    elif not cycle.goals_priority_set.filter(pk=record.priority_id).exists():
        messages.error(request, _("The goal's priority was removed too; restore it first."))
    else:
        try:
            goal = deleted_restore(model=models.Goal, record=record)
        except ValidationError as refused:
            restore_refused(request, refused)
        else:
            linked = restore_removed_with(obj=goal, removed_at=record.history_date)
            messages.success(
                request,
                _("The goal was restored, with %(n)s records removed with it.") % {"n": linked}
                if linked
                else _("The goal was restored."),
            )
            return redirect(_goal_url(cycle, goal))
    return redirect("goals:home", district=district, cycle=cycle.slug)


@require_POST
def comment_add(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    goal = cycle_object(cycle, models.Goal, code)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.comment_add(goal=goal, author=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Comment added."))
    else:
        # An ErrorList item reads as its message; django-stubs types it as the stored error.
        messages.error(request, form.errors["text"][0])  # type: ignore[arg-type]
    return redirect(_goal_url(cycle, goal))


@require_http_methods(["GET", "POST"])
def feedback_add(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    goal = cycle_object(cycle, models.Goal, code)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.cycle, form.instance.goal = cycle, goal
        form.save()
        messages.success(request, _("Feedback recorded."))
        return redirect(_goal_url(cycle, goal))
    context = page_context(cycle, section="home", goal=goal, form=form)
    return render(request, "goals/feedback_form.html", context)


def _own_reflection_only(request, kind, obj):
    return kind != "reflection" or obj.author_id == request.user.pk


history, history_restore_view = cycle_history_views(
    namespace="goals",
    kinds=HISTORY_KINDS,
    template="goals/history.html",
    page_context=page_context,
    visible=_own_reflection_only,
    restorable=lambda kind: kind != "reflection",  # a reflection is its author's own words
)
