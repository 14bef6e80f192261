"""How django-axes tells logins apart and what a locked-out person sees (settings.AXES_*)."""

import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


def login_username(request, credentials) -> str:
    """The email address typed, in one case, so that `LEAD@…` and `lead@…` count together."""
    if credentials and credentials.get("username"):
        return str(credentials["username"]).strip().lower()
    return str(request.POST.get("username", "")).strip().lower()


def client_ip(request) -> str:
    """The visitor's address: behind our reverse proxy, the one it appended to X-Forwarded-For.

    Only the right-most entry is the proxy's own; anything to its left came from the visitor and
    could be made up to dodge the lock.
    """
    if settings.BEHIND_PROXY:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded and forwarded[-1]:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")


def locked_out(request, original_response=None, credentials=None):
    """The lock-out page: when to try again, and how to reset the password meanwhile."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    until = timezone.localtime(timezone.now() + cool_off) if cool_off else None
    return render(
        request,
        "accounts/locked_out.html",
        {"minutes": minutes, "until": until, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
