"""Reads that the action plan pages, the registry hooks and the reminders share."""

from datetime import date, timedelta

from django.db.models import Case, IntegerField, Prefetch, Q, Value, When

from roadmap.selectors import roadmap_targets_for_year

from .models import OPEN_STATUSES, Activity, AnnualGoal, Milestone, Status
from .quarters import cycle_quarters


def year_targets(*, cycle) -> dict[int, list]:
    """This year's roadmap targets per long-term goal pk."""
    return roadmap_targets_for_year(cycle=cycle)


def annual_goals_for_cycle(*, cycle):
    activities = Activity.objects.select_related("owner").order_by("position", "created_at")
    milestones = Milestone.objects.select_related("owner").prefetch_related(
        Prefetch("activities", queryset=activities)
    )
    return (
        AnnualGoal.objects.filter(cycle=cycle)
        .select_related("goal__priority", "cycle", "improvement")
        .prefetch_related(Prefetch("milestones", queryset=milestones), "reflections")
    )


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
    ).order_by("overdue_rank", "due_date", "created_at")


def my_work(*, cycle, user, today: date):
    """The person's activities in the cycle, overdue first, then by due date."""
    queryset = Activity.objects.filter(cycle=cycle, owner=user).select_related(
        "milestone__annual_goal"
    )
    return activities_in_order(queryset, today=today)


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
    """Per quarter: milestones and activities done out of those planned (dropped ones left out)."""
    rows = []
    milestones = Milestone.objects.filter(cycle=cycle).exclude(status=Status.DROPPED)
    activities = Activity.objects.filter(cycle=cycle).exclude(status=Status.DROPPED)
    counts = {}
    for quarter, status in milestones.values_list("quarter", "status"):
        entry = counts.setdefault(quarter, [0, 0, 0, 0, 0])
        entry[0] += 1
        entry[1] += status == Status.DONE
    for quarter, status in activities.values_list("milestone__quarter", "status"):
        entry = counts.setdefault(quarter, [0, 0, 0, 0, 0])
        entry[2] += 1
        entry[3] += status == Status.DONE
        entry[4] += status == Status.AT_RISK
    for q in cycle_quarters(cycle):
        total_m, done_m, total_a, done_a, at_risk = counts.get(q.number, [0, 0, 0, 0, 0])
        rows.append(
            {
                "quarter": q,
                "milestones": total_m,
                "milestones_done": done_m,
                "activities": total_a,
                "activities_done": done_a,
                "at_risk": at_risk,
                "percent": round(100 * done_a / total_a) if total_a else 0,
            }
        )
    return rows


def open_activity_count(*, cycle) -> int:
    return Activity.objects.filter(cycle=cycle, status__in=OPEN_STATUSES).count()
