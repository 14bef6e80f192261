from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import registry
from .editing import lock_current
from .models import AuditAction, AuditEvent, Membership, PlanningCycle, Role


@transaction.atomic
def school_remove(*, school, actor) -> None:
    """Remove the school (it can be restored from its history) and note it in the audit log."""
    school.delete()
    audit_record(
        district=school.district,
        actor=actor,
        action=AuditAction.SCHOOL_REMOVE,
        school=school.name,
        code=str(school.code),
    )


def audit_record(*, district, actor, action: AuditAction, **details) -> AuditEvent:
    """Add one line to the district's audit log; `details` must be JSON-serialisable."""
    actor = actor if actor is not None and actor.is_authenticated else None
    if actor is not None:
        details.setdefault("by", actor.email)
    return AuditEvent.objects.create(district=district, actor=actor, action=action, details=details)


def _keep_a_lead(membership: Membership, *, stays_lead: bool) -> None:
    """Refuse to let the district's last lead go; the leads' rows stay locked until commit."""
    leads = Membership.objects.select_for_update().filter(
        district=membership.district, role=Role.LEAD
    )
    is_last = list(leads.values_list("pk", flat=True)) == [membership.pk]
    if membership.role == Role.LEAD and not stays_lead and is_last:
        raise ValidationError(
            _("The district needs at least one SEL lead. Make someone else a lead first.")
        )


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str, actor=None) -> Membership:
    """Change a member's role; the district always keeps at least one lead."""
    _keep_a_lead(membership, stays_lead=role == Role.LEAD)
    lock_current(membership)  # removed meanwhile: there is no role left to change
    previous = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    if previous != role:
        audit_record(
            district=membership.district,
            actor=actor,
            action=AuditAction.ROLE_CHANGE,
            member=membership.user.email,
            old_role=previous,
            new_role=role,
        )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, actor=None) -> None:
    """Remove a person from the district; the last lead cannot be removed."""
    _keep_a_lead(membership, stays_lead=False)
    membership.delete()
    audit_record(
        district=membership.district,
        actor=actor,
        action=AuditAction.MEMBER_REMOVE,
        member=membership.user.email,
        role=membership.role,
    )


@transaction.atomic
def cycle_create(*, form):
    """Save a new cycle from its valid form, with every tool's one-per-cycle records."""
    cycle = form.save()
    registry.cycle_setup(cycle)
    return cycle


class CycleAlreadyLaunched(ValidationError):
    """The cycle already has a successor: launching twice would split the district's records."""


@transaction.atomic
def cycle_launch_next(*, cycle, label: str, start_date, end_date):
    """Open the next school year's cycle from `cycle`, carrying every tool's records forward,
    and close `cycle`.

    Each registered tool's `carry_forward` runs in workbook order with a shared `links` map, so
    copies point to their originals and to each other; nothing of the old cycle changes but its
    phase.
    """
    locked = lock_current(cycle)
    if PlanningCycle.objects.filter(carried_from=locked).exists():
        launched = _("The next cycle has already been launched from %(label)s.")
        raise CycleAlreadyLaunched(launched % {"label": locked.label})
    if locked.is_closed:
        raise ValidationError(_("A closed cycle cannot be launched again; reopen it first."))
    target = PlanningCycle(
        district=locked.district,
        label=label,
        start_date=start_date,
        end_date=end_date,
        carried_from=locked,
    )
    target.full_clean()
    target.save()
    links: dict = {}
    for tool in registry.tools():
        if tool.carry_forward is not None:
            tool.carry_forward(source=locked, target=target, links=links)
    registry.cycle_setup(target)
    locked.phase = PlanningCycle.Phase.CLOSED
    locked.version += 1
    locked.save(update_fields=["phase", "version", "updated_at"])
    return target
