"""Section 2 and doing the plan: milestones per quarter, key activities, notes, My work."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sel_planner.districts.access import Need, access_cycle
from sel_planner.districts.editing import versioned_save
from sel_planner.districts.pages import cycle_object, page_context

from .. import selectors, services
from ..forms.plan import ActivityForm, MilestoneForm, NoteForm, ReminderForm
from ..key_activities import key_activity
from ..models import Activity, AnnualGoal, Milestone
from ..quarters import cycle_quarters
from ._common import save_to_annual, to_annual

MY_WORK_PER_PAGE = 25
NOTES_PER_PAGE = 20


@require_http_methods(["GET", "POST"])
def milestone_edit(request, district, cycle, code, quarter):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    annual_goal = cycle_object(cycle, AnnualGoal, code)
    if quarter not in (1, 2, 3, 4):
        raise Http404
    milestone = annual_goal.milestones.filter(quarter=quarter).first() or Milestone(
        cycle=cycle, annual_goal=annual_goal, quarter=quarter
    )
    form = MilestoneForm(request.POST or None, instance=milestone, cycle=cycle)
    dates = cycle_quarters(cycle)[quarter - 1]
    context = page_context(cycle, annual_goal=annual_goal, quarter=dates, milestone=milestone)
    if request.method == "POST" and form.is_valid():
        return save_to_annual(request, cycle, form, _("Milestone saved."), annual_goal)
    return render(request, "actionplan/milestone_form.html", {**context, "form": form})


def _notes_page(request, target):
    notes = target.notes.select_related("author").order_by("-noted_on", "-created_at")
    return Paginator(notes, NOTES_PER_PAGE).get_page(request.GET.get("page"))


@require_GET
def milestone_detail(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle)
    milestone = cycle_object(cycle, _milestones(cycle), code)
    people = list(milestone.members.order_by("full_name", "email"))
    return render(
        request,
        "actionplan/milestone.html",
        page_context(
            cycle,
            milestone=milestone,
            annual_goal=milestone.annual_goal,
            note_form=NoteForm(),
            notes=_notes_page(request, milestone),
            quarter=cycle_quarters(cycle)[milestone.quarter - 1],
            people=people,
            left_ids={p.pk for p in people} - selectors.member_ids(district=cycle.district),
        ),
    )


def _save_activity(request, cycle, form):
    activity = versioned_save(form=form)
    if warning := form.due_warning():
        messages.warning(request, warning)
    messages.success(request, _("Key activity saved."))
    return to_annual(cycle, activity.milestone.annual_goal)


def _milestones(cycle):
    return cycle.actionplan_milestone_set.select_related("annual_goal")


def _activities(cycle, *related):
    return cycle.actionplan_activity_set.select_related("milestone__annual_goal", *related)


def _owner_left(cycle, activity) -> bool:
    """Whether the activity's owner has left the district (no query when it has no owner)."""
    owner = activity.owner_id
    return bool(owner) and owner not in selectors.member_ids(district=cycle.district)


@require_http_methods(["GET", "POST"])
def activity_create(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    milestone = cycle_object(cycle, _milestones(cycle), code)
    activity = Activity(cycle=cycle, milestone=milestone, position=milestone.activities.count())
    form = ActivityForm(request.POST or None, instance=activity, cycle=cycle)
    context = page_context(cycle, milestone=milestone, annual_goal=milestone.annual_goal)
    if request.method == "POST" and form.is_valid():
        return _save_activity(request, cycle, form)
    return render(request, "actionplan/activity_form.html", {**context, "form": form})


@require_http_methods(["GET", "POST"])
def activity_edit(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    activity = cycle_object(cycle, _activities(cycle), code)
    form = ActivityForm(request.POST or None, instance=activity, cycle=cycle)
    context = page_context(
        cycle,
        milestone=activity.milestone,
        annual_goal=activity.milestone.annual_goal,
        activity=activity,
        owner_left=_owner_left(cycle, activity),
    )
    if request.method == "POST" and form.is_valid():
        return _save_activity(request, cycle, form)
    return render(request, "actionplan/activity_form.html", {**context, "form": form})


@require_GET
def activity_detail(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle)
    activity = cycle_object(cycle, _activities(cycle, "owner"), code)
    return render(
        request,
        "actionplan/activity.html",
        page_context(
            cycle,
            activity=activity,
            milestone=activity.milestone,
            note_form=NoteForm(),
            annual_goal=activity.milestone.annual_goal,
            notes=_notes_page(request, activity),
            key=key_activity(activity.key_activity),
            today=timezone.localdate(),
            owner_left=_owner_left(cycle, activity),
        ),
    )


@require_http_methods(["GET", "POST"])
def activity_delete(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    activity = cycle_object(cycle, _activities(cycle), code)
    annual_goal = activity.milestone.annual_goal
    if request.method == "POST":
        activity.delete()
        messages.success(request, _("The key activity was removed; its history is kept."))
        return to_annual(cycle, annual_goal)
    return render(
        request,
        "actionplan/activity_delete.html",
        page_context(
            cycle, activity=activity, annual_goal=annual_goal, notes=activity.notes.count()
        ),
    )


NOTE_TARGETS = {"activity": Activity, "milestone": Milestone}


@require_POST
def note_add(request, district, cycle, kind, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    if kind not in NOTE_TARGETS:
        raise Http404
    target = cycle_object(cycle, NOTE_TARGETS[kind], code)
    form = NoteForm(request.POST)
    if form.is_valid():
        target.notes.create(cycle=cycle, author=request.user, **form.cleaned_data)
        messages.success(request, _("Progress note added."))
    else:
        # An ErrorList item reads as its message; django-stubs types it as the stored error.
        messages.error(request, next(iter(form.errors.values()))[0])  # type: ignore[arg-type]
    return redirect(f"actionplan:{kind}", district=district, cycle=cycle.slug, code=code)


@require_GET
def my_work(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    today = timezone.localdate()
    activities = selectors.my_work(cycle=cycle, user=request.user, today=today)
    page = Paginator(activities, MY_WORK_PER_PAGE).get_page(request.GET.get("page"))
    # Four quarters per annual goal at most: the list stays short without pages.
    quarters = list(selectors.my_quarters(cycle=cycle, user=request.user))
    people = {person.pk for m in quarters for person in m.members.all()}
    wanted = services.reminders_wanted(user=request.user, district=cycle.district)
    return render(
        request,
        "actionplan/my_work.html",
        page_context(
            cycle,
            page=page,
            today=today,
            quarters=quarters,
            left_ids=people - selectors.member_ids(district=cycle.district),
            reminder_form=ReminderForm(initial={"weekly_digest": wanted}),
        ),
    )


@require_POST
def reminders(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    form = ReminderForm(request.POST)
    form.is_valid()
    wanted = form.cleaned_data.get("weekly_digest", False)
    services.reminder_set(user=request.user, district=cycle.district, weekly_digest=wanted)
    messages.success(
        request,
        _("You will get a weekly email of your activities.")
        if wanted
        else _("Weekly reminder emails are off."),
    )
    return redirect("actionplan:my_work", district=district, cycle=cycle.slug)
