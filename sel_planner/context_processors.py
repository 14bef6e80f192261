from django.conf import settings
from django.utils.crypto import salted_hmac
from django.utils.functional import SimpleLazyObject


def navigation(request):
    """The navigation's current section (the URL's app, unless the page names another) and the
    signed-in person's districts for the district switcher (evaluated only if shown)."""
    match = getattr(request, "resolver_match", None)
    context = {"nav": match.app_name} if match is not None and match.app_name else {}
    if not request.user.is_authenticated:
        return context
    from sel_planner.districts.selectors import districts_for_user

    lazy = SimpleLazyObject(lambda: list(districts_for_user(user=request.user)))
    return {**context, "my_districts": lazy}


def session_timeout(request):
    """Seconds left in the signed-in session, for the idle warning (static/js/session.js)."""
    from sel_planner.middleware import session_remaining

    if not hasattr(request, "session"):
        return {}
    remaining = session_remaining(request)
    if remaining is None:
        return {}
    return {
        "session_remaining": remaining,
        "session_warning": min(settings.SESSION_IDLE_WARNING_SECONDS, remaining),
        "session_person": session_person(request.user),
    }


def session_person(user) -> str:
    """The signed-in person as session.js keys their kept text: the same at every login of theirs,
    another for anyone else, and nothing a visitor could derive without the secret key."""
    return salted_hmac("sel_planner.session-kept-text", str(user.pk)).hexdigest()[:32]
