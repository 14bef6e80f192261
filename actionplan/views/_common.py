"""What the action plan pages share beyond the page toolkit: the way back to an annual goal."""

from django.shortcuts import redirect


def to_annual(cycle, annual_goal):
    return redirect(
        "actionplan:annual", district=cycle.district.slug, cycle=cycle.slug, code=annual_goal.code
    )
