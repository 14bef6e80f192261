"""Building blocks of the action plan tests: a long-term goal, an annual goal, its plan."""

from datetime import date

from actionplan.models import Activity, AnnualGoal, Milestone
from goals.models import Goal, Priority


def long_term_goal(cycle, phrase="Prepare all students to be civically engaged.", **fields):
    position = Priority.objects.filter(cycle=cycle).count()
    priority = Priority.objects.create(cycle=cycle, phrase=phrase, position=position)
    return Goal.objects.create(
        cycle=cycle,
        priority=priority,
        statement=fields.pop("statement", "All students grow."),
        **fields,
    )


def annual_goal(cycle, goal=None, **fields):
    goal = goal or long_term_goal(cycle)
    fields.setdefault("statement", "By May, walkthroughs show a rating of 3 in community-building.")
    return AnnualGoal.objects.create(cycle=cycle, goal=goal, **fields)


def milestone(annual, quarter=1, *, members=(), owner=None, **fields):
    """A quarter's milestone; `owner` is a shorthand for one responsible member."""
    fields.setdefault("text", f"Milestone of quarter {quarter}")
    mile = Milestone.objects.create(
        cycle=annual.cycle, annual_goal=annual, quarter=quarter, **fields
    )
    people = [*members, *([owner] if owner else [])]
    if people:
        mile.members.set(people)
    return mile


def activity(mile, *, due=date(2026, 10, 1), owner=None, **fields):
    fields.setdefault("key_activity", "professional-learning")
    fields.setdefault("action", "Conduct one monthly PL session.")
    return Activity.objects.create(
        cycle=mile.cycle, milestone=mile, due_date=due, owner=owner, **fields
    )


def plan(cycle, *, owner=None, goal=None):
    """An annual goal with one milestone and one activity; returns (annual, milestone, activity)."""
    annual = annual_goal(cycle, goal=goal)
    mile = milestone(annual, owner=owner)
    return annual, mile, activity(mile, owner=owner)
