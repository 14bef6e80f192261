from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sel_planner.districts.editing import lock_current
from sel_planner.districts.models import Membership
from sel_planner.districts.text import single_line

from .models import Invitation, User, invitation_token_hash, normalise_email


class InvalidInvitation(Exception):
    def __init__(self, reason: str, invitation: Invitation | None = None):
        super().__init__(reason)
        self.reason = reason
        self.invitation = invitation


def invitation_url(*, invitation: Invitation, token: str) -> str:
    path = reverse(
        "accounts:invitation_accept", kwargs={"district": invitation.district.slug, "token": token}
    )
    return f"{settings.SITE_URL}{path}"


@transaction.atomic
def invitation_create(*, district, email: str, role: str, invited_by) -> tuple[Invitation, str]:
    """Invite `email` to the district, replacing any earlier pending invitation,
    and email the link."""
    now = timezone.now()
    email = normalise_email(email)
    Invitation.objects.pending().filter(district=district, email=email).update(revoked_at=now)
    token = Invitation.new_token()
    invitation = Invitation.objects.create(
        district=district,
        email=email,
        role=role,
        token_hash=invitation_token_hash(token),
        invited_by=invited_by,
        created_at=now,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    context = {
        "invitation": invitation,
        "url": invitation_url(invitation=invitation, token=token),
        "inviter": invited_by,
        "days": settings.INVITATION_VALID_DAYS,
    }
    subject = _("You are invited to %(district)s's SEL planning")
    subject %= {"district": single_line(district.name)}
    message = render_to_string("accounts/email/invitation.txt", context)
    # Sent only once the invitation is saved for good, so its link always works.
    transaction.on_commit(lambda: send_mail(subject, message, None, [invitation.email]))
    return invitation, token


def invitation_revoke(*, invitation: Invitation) -> Invitation:
    """Withdraw the pending invitation: its link no longer works."""
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    return invitation


def invitation_lookup(*, district_slug: str, token: str) -> Invitation:
    """The invitation behind a link, or InvalidInvitation saying why it cannot be used."""
    invitation = (
        Invitation.objects.select_related("district", "invited_by")
        .filter(token_hash=invitation_token_hash(token), district__slug=district_slug)
        .first()
    )
    if invitation is None:
        raise InvalidInvitation("unknown")
    if invitation.accepted_at:
        raise InvalidInvitation("used", invitation)
    if invitation.revoked_at:
        raise InvalidInvitation("withdrawn", invitation)
    if invitation.is_expired:
        raise InvalidInvitation("expired", invitation)
    return invitation


@transaction.atomic
def invitation_accept(
    *, invitation: Invitation, user: User | None = None, full_name: str = "", password: str = ""
) -> User:
    """Use the invitation once: create the account if needed and add the district membership."""
    locked = lock_current(invitation)
    if not locked.is_pending:
        raise InvalidInvitation("used", locked)
    if user is None:
        user = User.objects.create_user(
            email=invitation.email, password=password, full_name=full_name
        )
    Membership.objects.get_or_create(
        user=user, district=invitation.district, defaults={"role": invitation.role}
    )
    locked.accepted_at = timezone.now()
    locked.accepted_by = user
    locked.save(update_fields=["accepted_at", "accepted_by"])
    return user
