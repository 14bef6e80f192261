"""How django-axes tells logins apart and what a locked-out person sees (settings.AXES_*), and
the rate limits of the pages reached by public links."""

import datetime
from functools import wraps

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.timesince import timeuntil
from django_ratelimit import UNSAFE
from django_ratelimit.decorators import ratelimit

from .models import normalise_email


def login_username(request, credentials) -> str:
    """The email address typed, normalised as accounts are looked up: every spelling that
    reaches an account (any case, compatibility forms of its letters) counts as that account."""
    if credentials and credentials.get("username"):
        return normalise_email(credentials["username"])
    return normalise_email(request.POST.get("username", ""))


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
    """The lock-out page: how long until logins resume, and how to reset the password meanwhile.

    The wait is shown as a duration ("15 minutes"), which reads right wherever the person is,
    rather than as a clock time in the server's time zone; the moment itself is in the page as
    UTC for software that reads it.
    """
    cool_off = get_cool_off(request)
    context: dict[str, object] = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "wait": None,
        "resume_at": None,
    }
    if cool_off:
        now = timezone.now()
        resume_at = (now + cool_off).astimezone(datetime.UTC)
        context["wait"] = timeuntil(resume_at, now)
        context["resume_at"] = resume_at.replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return render(
        request, "accounts/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )


class LinkNotFound(Http404):
    """No link has this token: `public_link_view` shows the app's page saying so (`template`)."""

    def __init__(self, template: str, context: dict | None = None):
        super().__init__(template)
        self.template = template
        self.context = context or {}


def link_by_token(model, token, template: str, context: dict | None = None):
    """The public link with this token, with its cycle and district; LinkNotFound if none."""
    link = model.objects.select_related("cycle__district").filter(token=token).first()
    if link is None:
        raise LinkNotFound(template, context)
    return link


def link_state(link) -> str:
    """Whether a public link (a survey, questionnaire or feedback round) takes answers: open,
    closed (by the committee or with its whole cycle), not_yet or ended."""
    if link.closed_at is not None or link.cycle.is_closed:
        return "closed"
    today = timezone.localdate()
    if today < link.opens_on:
        return "not_yet"
    if today > link.closes_on:
        return "ended"
    return "open"


def _public_link_rate(group, request) -> str:
    return settings.PUBLIC_LINK_RATE


def public_link_view(view):
    """A page reached by a public link: reading and answering it are each limited per visitor
    to settings.PUBLIC_LINK_RATE (over it, settings.RATELIMIT_VIEW), an unknown token shows the
    app's page for it (LinkNotFound), and search engines are asked not to index any of it."""
    group = f"{view.__module__}.{view.__qualname__}"

    @login_not_required
    @ratelimit(group=f"{group}.read", key="ip", rate=_public_link_rate, method="GET", block=True)
    @ratelimit(group=f"{group}.answer", key="ip", rate=_public_link_rate, method=UNSAFE, block=True)
    @wraps(view)
    def limited_view(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except LinkNotFound as unknown:
            response = render(request, unknown.template, unknown.context, status=404)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return limited_view
