"""Building blocks of the action plan tests: a long-term goal, an annual goal, its plan."""

from datetime import date

from tests.factories import ActivityFactory, AnnualGoalFactory, GoalFactory, MilestoneFactory


def long_term_goal(cycle, phrase="Prepare all students to be civically engaged.", **fields):
    fields.setdefault("statement", "All students grow.")
    return GoalFactory(cycle=cycle, priority__phrase=phrase, **fields)


def annual_goal(cycle, goal=None, **fields):
    return AnnualGoalFactory(cycle=cycle, goal=goal or long_term_goal(cycle), **fields)


def milestone(annual, quarter=1, *, members=(), owner=None, **fields):
    """A quarter's milestone; `owner` is a shorthand for one responsible member."""
    people = [*members, *([owner] if owner else [])]
    return MilestoneFactory(annual_goal=annual, quarter=quarter, members=people, **fields)


def activity(mile, *, due=date(2026, 10, 1), owner=None, **fields):
    return ActivityFactory(milestone=mile, due_date=due, owner=owner, **fields)


def plan(cycle, *, owner=None, goal=None):
    """An annual goal with one milestone and one activity; returns (annual, milestone, activity)."""
    annual = annual_goal(cycle, goal=goal)
    mile = milestone(annual, owner=owner)
    return annual, mile, activity(mile, owner=owner)
