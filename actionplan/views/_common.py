"""What the action plan pages share beyond the page toolkit: the way back to an annual goal."""

from django.contrib import messages
from django.shortcuts import redirect

from sel_planner.districts.editing import versioned_save


def to_annual(cycle, annual_goal):
    return redirect(
        "actionplan:annual", district=cycle.district.slug, cycle=cycle.slug, code=annual_goal.code
    )


def save_to_annual(request, cycle, form, success: str, annual_goal=None):
    """Save the valid form, say so and go back to the annual goal (the one saved, if not given)."""
    saved = versioned_save(form=form)
    messages.success(request, success)
    return to_annual(cycle, annual_goal or saved)
