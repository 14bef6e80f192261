from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from .forms import InvitationAcceptForm, LoginForm, PasswordResetRequestForm
from .models import normalise_email
from .selectors import invitation_account
from .services import InvalidInvitation, invitation_accept, invitation_lookup


def rate_limited(request, exception=None):
    """The polite "too many requests" page (settings.RATELIMIT_VIEW); never worth indexing."""
    response = render(request, "429.html", status=429)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@login_not_required
def login(request):
    # Repeated failures are throttled by django-axes (settings.AXES_*); Django's login() gives
    # the session a new key, so a key planted before login is worthless after it.
    return auth_views.LoginView.as_view(
        template_name="accounts/login.html",
        authentication_form=LoginForm,
        redirect_authenticated_user=True,
    )(request)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choosing a new password from the emailed link also lifts a login lock on the account."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        axes_reset(username=normalise_email(form.user.email))
        return response


@require_POST
def keep_alive(request):
    """Stay signed in: the idle timer starts again (see IdleSessionMiddleware)."""
    from sel_planner.middleware import session_renew

    return JsonResponse({"remaining": session_renew(request)})


@login_not_required
@ratelimit(key="ip", rate=lambda g, r: settings.LOGIN_RATE, method="POST", block=True)
def password_reset(request):
    return auth_views.PasswordResetView.as_view(
        template_name="accounts/password_reset.html",
        form_class=PasswordResetRequestForm,
        email_template_name="accounts/email/password_reset.txt",
        subject_template_name="accounts/email/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
    )(request)


@login_not_required
@ratelimit(key="ip", rate=lambda g, r: settings.PUBLIC_LINK_RATE, block=True)
@require_http_methods(["GET", "POST"])
def invitation_accept_view(request, district, token):
    # A link that cannot be used, including one a double click used a moment ago in the
    # other request, gets the page that says why.
    try:
        return _invitation_page(request, district, token)
    except InvalidInvitation as invalid:
        status = 404 if invalid.reason == "unknown" else 410
        return render(
            request, "accounts/invitation_invalid.html", {"invalid": invalid}, status=status
        )


def _invitation_page(request, district, token):
    invitation = invitation_lookup(district_slug=district, token=token)
    existing = invitation_account(invitation=invitation)
    if existing is not None:
        return _accept_as_existing_user(request, invitation, existing)
    form = InvitationAcceptForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        user = invitation_accept(
            invitation=invitation,
            full_name=form.cleaned_data["full_name"],
            password=form.cleaned_data["password1"],
        )
        auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        welcome = _("Welcome to %(district)s's SEL planning.")
        messages.success(request, welcome % {"district": invitation.district})
        return redirect("districts:cycles", district=invitation.district.slug)
    context = {"invitation": invitation, "form": form}
    return render(request, "accounts/invitation_accept.html", context)


def _accept_as_existing_user(request, invitation, existing):
    if request.user != existing:
        login_url = f"{reverse('accounts:login')}?next={request.path}"
        context = {"invitation": invitation, "login_url": login_url}
        return render(request, "accounts/invitation_login.html", context)
    if request.method == "POST":
        invitation_accept(invitation=invitation, user=existing)
        joined = _("You have joined %(district)s.")
        messages.success(request, joined % {"district": invitation.district})
        return redirect("districts:cycles", district=invitation.district.slug)
    return render(request, "accounts/invitation_join.html", {"invitation": invitation})
