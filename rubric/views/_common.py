"""What the rubric's pages share: the advice shown beside assessments, and the lookups of an
assessment and an item through the cycle."""

from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from sel_planner.districts.access import can_edit, is_lead
from sel_planner.districts.pages import cycle_object

from .. import selectors

ADVICE = _(
    "CASEL recommends that districts complete this rubric at the beginning and end of each school "
    "year to mark progress and update their action plan for the coming year. Have the completed "
    "SEL Program and Initiative Inventory at hand, along with any other documentation about the "
    "current use of SEL throughout the district office and schools."
)


def assessment_of(cycle, code):
    """The cycle's assessment by its code, with its framework, or 404."""
    return cycle_object(cycle, cycle.rubric_assessment_set.select_related("framework"), code)


def item_of(framework, code):
    """The framework's item by its code, with its levels and descriptors, or 404."""
    item = selectors.item_with_levels(framework=framework, code=code)
    if item is None:
        raise Http404
    return item


def current_framework():
    """The framework new assessments use, or 404 when none is loaded."""
    framework = selectors.framework_current()
    if framework is None:
        raise Http404
    return framework


def may_see_others(cycle, assessment, user) -> bool:
    if is_lead(cycle) or assessment.revealed or assessment.is_closed:
        return True
    return can_edit(cycle) and selectors.has_submitted(assessment=assessment, user=user)


def to_assessment(cycle, assessment, name="rubric:assessment"):
    """The redirect back to the assessment's page (or another of its pages)."""
    return redirect(
        name, district=cycle.district.slug, cycle=cycle.slug, assessment=assessment.code
    )
