"""Idle sessions: a signed-in session ends after settings.SESSION_IDLE_SECONDS without a request.

The time of the last renewal is kept in the session and renewed at most once every
SESSION_IDLE_RENEW_SECONDS, so that ordinary requests do not write the session each time
(SESSION_SAVE_EVERY_REQUEST stays off). Each renewal also sets the session's own expiry, so the
session store forgets it at the same moment. Pages learn the time left from `session_remaining`
(the body's data attribute, and the X-Session-Remaining header for htmx requests).
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

RENEWED_AT = "_idle_renewed_at"


def session_renew(request) -> int:
    """Start the idle period again now; returns its length in seconds."""
    request.session[RENEWED_AT] = int(time.time())
    request.session.set_expiry(settings.SESSION_IDLE_SECONDS)
    return settings.SESSION_IDLE_SECONDS


def session_renewed_at_login(sender, request, user, **kwargs):
    """A new login starts its idle period at once, so its first page does not write the session."""
    if request is not None and hasattr(request, "session"):
        session_renew(request)


def session_remaining(request) -> int | None:
    """Seconds before the signed-in session ends if nothing happens, or None when signed out."""
    renewed = request.session.get(RENEWED_AT)
    if renewed is None or not request.user.is_authenticated:
        return None
    return max(0, renewed + settings.SESSION_IDLE_SECONDS - int(time.time()))


class IdleSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            renewed = request.session.get(RENEWED_AT)
            now = int(time.time())
            if renewed is not None and now - renewed >= settings.SESSION_IDLE_SECONDS:
                signed_out = self._sign_out(request)
                if signed_out is not None:
                    return signed_out
            elif renewed is None or now - renewed >= settings.SESSION_IDLE_RENEW_SECONDS:
                session_renew(request)
        response = self.get_response(request)
        # A login just happened (the session is new): start its idle period.
        if request.user.is_authenticated and RENEWED_AT not in request.session:
            session_renew(request)
        remaining = session_remaining(request)
        if remaining is not None:
            response["X-Session-Remaining"] = str(remaining)
        return response

    def _sign_out(self, request):
        """End the idle session; the request goes on as anonymous (pages needing a login send
        the visitor there with `next=`), except an htmx request, which gets the whole page
        sent to the login form instead of a fragment."""
        logout(request)
        idle = _("You were logged out after %(minutes)d minutes without activity. Log in to go on.")
        messages.info(request, idle % {"minutes": max(1, settings.SESSION_IDLE_SECONDS // 60)})
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = redirect_to_login(request.path)["Location"]
            return response
        return None


class PrivatePagesMiddleware:
    """Every response to a signed-in person is kept out of browser and proxy caches.

    Pages and downloads (exports, materials, reports) hold the district's data: sent with
    `Cache-Control: private, no-store`, the browser's back button or a shared computer's cache
    cannot show them to the next person. Public pages, seen signed out, are left as they are.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Asked before the view: a page that signs the person out still showed them their data.
        signed_in = request.user.is_authenticated
        response = self.get_response(request)
        if signed_in or request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
