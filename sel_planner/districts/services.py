from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Membership, Role


def _leads_locked(district) -> list[int]:
    return list(
        Membership.objects.select_for_update()
        .filter(district=district, role=Role.LEAD)
        .values_list("pk", flat=True)
    )


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str) -> Membership:
    """Change a member's role; the district always keeps at least one lead."""
    leads = _leads_locked(membership.district)
    if membership.role == Role.LEAD and role != Role.LEAD and leads == [membership.pk]:
        raise ValidationError(
            _("The district needs at least one SEL lead. Make someone else a lead first.")
        )
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """Remove a person from the district; the last lead cannot be removed."""
    leads = _leads_locked(membership.district)
    if membership.role == Role.LEAD and leads == [membership.pk]:
        raise ValidationError(
            _("The district needs at least one SEL lead. Make someone else a lead first.")
        )
    membership.delete()
