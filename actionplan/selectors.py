"""Reads that the action plan pages, the registry hooks and the reminders share."""

from datetime import date, timedelta

from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, Value, When

from sel_planner.accounts.models import User
from sel_planner.districts.models import Membership

from .models import OPEN_STATUSES, Activity, AnnualGoal, Milestone, Status
from .quarters import cycle_quarters


def people():
    """Responsible members in the order the pages list them."""
    return User.objects.order_by("full_name", "email")


def annual_goals_for_cycle(*, cycle, milestones=None):
    """The cycle's annual goals with their reflections and milestones (by default with their
    activities and responsible members)."""
    if milestones is None:
        activities = Activity.objects.select_related("owner").order_by("position", "created_at")
        milestones = Milestone.objects.prefetch_related(
            Prefetch("activities", queryset=activities), Prefetch("members", queryset=people())
        )
    return (
        AnnualGoal.objects.filter(cycle=cycle)
        .select_related("goal__priority", "cycle", "improvement")
        .prefetch_related(Prefetch("milestones", queryset=milestones), "reflections")
    )


def annual_goals_overview(*, cycle) -> list:
    """The cycle's annual goals as the tool's home page lists them: each with the number of
    quarters it plans (`n_quarters`), without reading the milestones themselves. One query."""
    return list(AnnualGoal.objects.filter(cycle=cycle).annotate(n_quarters=Count("milestones")))


def annual_goals_with_plan(*, cycle, activities: bool = True) -> list:
    """`annual_goals_for_cycle` as a list; without the activities, each milestone counts its
    activities instead (ACTIVITY_COUNTS) and its responsible members are left out."""
    milestones = None if activities else Milestone.objects.annotate(**ACTIVITY_COUNTS)
    return list(annual_goals_for_cycle(cycle=cycle, milestones=milestones))


def plan_grid(*, annual_goal, cycle) -> list[dict]:
    """The action plan's four quarter columns, each with its dates and milestone (or None)."""
    by_quarter = {m.quarter: m for m in annual_goal.milestones.all()}
    return [{"quarter": q, "milestone": by_quarter.get(q.number)} for q in cycle_quarters(cycle)]


def activities_in_order(queryset, *, today: date):
    """Overdue first (oldest first), then by due date; no date last."""
    overdue = Q(due_date__lt=today, status__in=OPEN_STATUSES)
    return queryset.annotate(
        overdue_rank=Case(
            When(overdue, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    ).order_by("overdue_rank", F("due_date").asc(nulls_last=True), "created_at")


def my_work(*, cycle, user, today: date):
    """The person's activities in the cycle, overdue first, then by due date."""
    queryset = Activity.objects.filter(cycle=cycle, owner=user).select_related(
        "milestone__annual_goal"
    )
    return activities_in_order(queryset, today=today)


def my_quarters(*, cycle, user):
    """The milestones (quarters) of the cycle the person is one of the responsible members of."""
    return (
        Milestone.objects.filter(cycle=cycle, members=user)
        .select_related("annual_goal__goal__priority")
        .prefetch_related(Prefetch("members", queryset=people()))
        .order_by("quarter", "annual_goal__position", "annual_goal__created_at")
    )


def reminder_activities(*, user, district, today: date):
    """The person's open activities in the district's open cycles due within a week or overdue."""
    return activities_in_order(
        Activity.objects.filter(
            owner=user,
            cycle__district=district,
            status__in=OPEN_STATUSES,
            due_date__lte=today + timedelta(days=7),
        )
        .exclude(cycle__phase="closed")
        .select_related("cycle", "milestone__annual_goal"),
        today=today,
    )


def quarter_progress(*, cycle) -> list[dict]:
    """Per quarter: milestones and activities done out of those planned (dropped ones left out).

    One query, whatever the size of the plan.
    """
    counts = {
        row["quarter"]: row
        for row in Milestone.objects.filter(cycle=cycle)
        .values("quarter")
        .annotate(
            n_milestones=Count("id", filter=~Q(status=Status.DROPPED), distinct=True),
            n_milestones_done=Count("id", filter=Q(status=Status.DONE), distinct=True),
            **ACTIVITY_COUNTS,
        )
        .order_by()
    }
    return _quarter_rows(cycle, counts)


# A milestone's key activities planned, done and at risk, as annotations of milestones.
ACTIVITY_COUNTS = {
    "n_activities": Count("activities", filter=~Q(activities__status=Status.DROPPED)),
    "n_activities_done": Count("activities", filter=Q(activities__status=Status.DONE)),
    "n_at_risk": Count("activities", filter=Q(activities__status=Status.AT_RISK)),
}
_FIGURES = ["n_milestones", "n_milestones_done", *ACTIVITY_COUNTS]


def quarter_progress_of(*, cycle, milestones) -> list[dict]:
    """`quarter_progress` counted from the cycle's milestones, each annotated with
    ACTIVITY_COUNTS (as `annual_goals_with_plan` without activities reads them): no query."""
    counts: dict = {}
    for milestone in milestones:
        found = counts.setdefault(milestone.quarter, dict.fromkeys(_FIGURES, 0))
        found["n_milestones"] += milestone.status != Status.DROPPED
        found["n_milestones_done"] += milestone.status == Status.DONE
        for name in ACTIVITY_COUNTS:
            found[name] += getattr(milestone, name)
    return _quarter_rows(cycle, counts)


def _quarter_rows(cycle, counts: dict) -> list[dict]:
    names = ["milestones", "milestones_done", "activities", "activities_done", "at_risk"]
    rows = []
    for q in cycle_quarters(cycle):
        found = counts.get(q.number, {})
        row = {name: found.get(f"n_{name}", 0) for name in names} | {"quarter": q}
        row["percent"] = (
            round(100 * row["activities_done"] / row["activities"]) if row["activities"] else 0
        )
        rows.append(row)
    return rows


def open_activity_count(*, cycle) -> int:
    return Activity.objects.filter(cycle=cycle, status__in=OPEN_STATUSES).count()


def member_ids(*, district) -> set[int]:
    """The district's current members: an owner outside this set has left the district."""
    return set(Membership.objects.filter(district=district).values_list("user_id", flat=True))


def departed_owner_ids(*, cycle, annual_goal) -> set[int]:
    """The people named in the annual goal's plan (milestones already fetched) who have left."""
    members = member_ids(district=cycle.district)
    owners = {p.pk for m in annual_goal.milestones.all() for p in m.members.all()} | {
        a.owner_id for m in annual_goal.milestones.all() for a in m.activities.all()
    }
    return {pk for pk in owners if pk and pk not in members}


def annual_goal_counts(*, annual_goal) -> dict[str, int]:
    """What removing the annual goal takes with it: its milestones, activities and reflections."""
    return {
        "milestones": annual_goal.milestones.count(),
        "activities": Activity.objects.filter(milestone__annual_goal=annual_goal).count(),
        "reflections": annual_goal.reflections.count(),
    }
