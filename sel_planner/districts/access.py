"""The one way into a district's data: every view starts with one of these helpers.

A district or cycle the user does not belong to, or that does not exist, is a 404 either
way, so that nobody can learn which districts exist. A member without the needed role,
or a write to a closed cycle, is a 403.
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404
from django.utils.translation import gettext as _

from .models import District, PlanningCycle, Role


class Need(StrEnum):
    READ = "read"  # any member, any phase
    EDIT = "edit"  # lead or member, cycle not closed
    LEAD = "lead"  # lead, cycle not closed
    MANAGE = "manage"  # lead, any phase (reopening a closed cycle, district settings)


class ReadOnlyCycle(PermissionDenied):
    """A write to a closed cycle."""


def _check_role(role: str, need: Need) -> None:
    if need == Need.READ:
        return
    if need == Need.EDIT and role in (Role.LEAD, Role.MEMBER):
        return
    if need in (Need.LEAD, Need.MANAGE) and role == Role.LEAD:
        return
    if role == Role.VIEWER:
        raise PermissionDenied(_("You have view-only access to this district."))
    raise PermissionDenied(_("Only the district's SEL lead can do this."))


def access_district(user, district_slug: str, *, need: Need = Need.READ) -> District:
    """Return the district with the user's `role` on it, or raise 404/403."""
    if not user.is_authenticated:
        raise Http404
    district = (
        District.objects.filter(slug=district_slug, memberships__user=user)
        # District declares `role` for the type checker; the django-stubs plugin reports any
        # annotation named like a declared attribute, though Django only refuses field names.
        .annotate(role=F("memberships__role"))  # type: ignore[no-redef]
        .first()
    )
    if district is None:
        raise Http404
    _check_role(district.role, need)
    return district


def access_cycle(
    user, district_slug: str, cycle_slug: str, *, need: Need = Need.READ
) -> PlanningCycle:
    """Return the cycle (district joined, user's `role` annotated) in one query,
    or raise 404/403."""
    if not user.is_authenticated:
        raise Http404
    cycle = (
        PlanningCycle.objects.select_related("district")
        .filter(district__slug=district_slug, slug=cycle_slug, district__memberships__user=user)
        .annotate(role=F("district__memberships__role"))
        .first()
    )
    if cycle is None:
        raise Http404
    _check_role(cycle.role, need)
    if cycle.is_closed and need in (Need.EDIT, Need.LEAD):
        raise ReadOnlyCycle(_("This cycle is closed, so its records can be read but not changed."))
    cycle.district.role = cycle.role
    return cycle


def can_edit(obj) -> bool:
    """Whether the annotated district or cycle allows the user to change tool records."""
    if getattr(obj, "is_closed", False):
        return False
    return obj.role in (Role.LEAD, Role.MEMBER)


def is_lead(obj) -> bool:
    return obj.role == Role.LEAD
