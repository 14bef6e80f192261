"""Reads of the accounts app that its pages share."""

from .models import User, normalise_email


def invitation_account(*, invitation):
    """The account the invitation's email address already has, or None."""
    return User.objects.filter(email=normalise_email(invitation.email)).first()
