from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from kombu import Connection

from sel_planner.accounts.services import invitation_create, invitation_revoke

from . import registry, services, summary
from .access import Need, access_cycle, access_district, is_lead
from .editing import versioned_save
from .forms import CycleForm, DistrictSettingsForm, InviteForm, RoleForm, SchoolForm
from .history import deleted_restore, history_page, history_restore, restore_link, restore_refused
from .models import School
from .pages import district_object, page_context
from .selectors import (
    audit_events_for_district,
    cycles_for_district,
    districts_for_user,
    members_for_district,
    school_removed_record,
    schools_removed,
)
from .services import membership_remove, membership_set_role, school_remove

MEMBERS_PER_PAGE = 50
CYCLES_PER_PAGE = 20
AUDIT_PER_PAGE = 50


def _page(request, queryset, per_page: int):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


@require_GET
def home(request):
    districts = list(districts_for_user(user=request.user))
    if len(districts) == 1:
        return redirect("districts:cycles", district=districts[0].slug)
    return render(request, "districts/home.html", {"districts": districts})


@require_GET
def cycles(request, district):
    district = access_district(request.user, district)
    page = _page(request, cycles_for_district(district=district), CYCLES_PER_PAGE)
    context = {"district": district, "page": page, "nav": "cycles"}
    return render(request, "districts/cycles.html", context)


@require_http_methods(["GET", "POST"])
def cycle_create(request, district):
    district = access_district(request.user, district, need=Need.MANAGE)
    form = CycleForm(request.POST or None, district=district)
    if request.method == "POST" and form.is_valid():
        cycle = services.cycle_create(form=form)
        messages.success(request, _("Planning cycle %(label)s created.") % {"label": cycle.label})
        return redirect(cycle)
    return render(request, "districts/cycle_form.html", {"district": district, "form": form})


@require_http_methods(["GET", "POST"])
def cycle_edit(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.MANAGE)
    form = CycleForm(request.POST or None, instance=cycle, district=cycle.district)
    if request.method == "POST" and form.is_valid():
        cycle = versioned_save(form=form)
        messages.success(request, _("Planning cycle %(label)s saved.") % {"label": cycle.label})
        return redirect(cycle)
    return render(request, "districts/cycle_form.html", page_context(cycle, form=form))


@require_GET
def dashboard(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    context = page_context(cycle, tools=summary.tool_cards(cycle), nav="dashboard")
    return render(request, "districts/dashboard.html", context)


@require_GET
def tool_overview(request, district, cycle, tool):
    cycle = access_cycle(request.user, district, cycle)
    tool = registry.get_tool(tool)
    if tool is None:
        raise Http404
    context = page_context(cycle, tool=tool, progress=tool.progress(cycle), nav=tool.slug)
    return render(request, "districts/tool_overview.html", context)


@require_http_methods(["GET", "POST"])
def district_settings(request, district):
    district = access_district(request.user, district, need=Need.MANAGE)
    form = DistrictSettingsForm(request.POST or None, instance=district)
    if request.method == "POST" and form.is_valid():
        versioned_save(form=form)
        messages.success(request, _("District settings saved."))
        return redirect("districts:settings", district=district.slug)
    context = {"district": district, "nav": "settings", "form": form}
    return render(request, "districts/settings.html", context)


@require_GET
def audit_log(request, district):
    district = access_district(request.user, district, need=Need.MANAGE)
    page = _page(request, audit_events_for_district(district=district), AUDIT_PER_PAGE)
    context = {"district": district, "page": page, "nav": "settings"}
    return render(request, "districts/audit.html", context)


@require_GET
def members(request, district):
    district = access_district(request.user, district)
    page = _page(request, members_for_district(district=district), MEMBERS_PER_PAGE)
    lead = is_lead(district)
    invitations = district.invitations.pending().select_related("invited_by") if lead else []
    forms = {"invite_form": InviteForm(district=district), "role_form": RoleForm()}
    context = {"district": district, "page": page, "invitations": invitations, **forms}
    context |= {"is_lead": lead, "nav": "members"}
    return render(request, "districts/members.html", context)


@require_http_methods(["GET", "POST"])
def member_invite(request, district):
    district = access_district(request.user, district, need=Need.MANAGE)
    form = InviteForm(request.POST or None, district=district)
    if request.method == "POST" and form.is_valid():
        invitation, _token = invitation_create(
            district=district, invited_by=request.user, **form.cleaned_data
        )
        sent = _("Invitation sent to %(email)s. The link works once, for %(days)s days.")
        days = settings.INVITATION_VALID_DAYS
        messages.success(request, sent % {"email": invitation.email, "days": days})
        return redirect("districts:members", district=district.slug)
    return render(request, "districts/invite.html", {"district": district, "form": form})


@require_POST
def member_role(request, district, code):
    district = access_district(request.user, district, need=Need.MANAGE)
    membership = district_object(district, district.memberships.select_related("user"), code)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the listed roles."))
        return redirect("districts:members", district=district.slug)
    role = form.cleaned_data["role"]
    try:
        membership_set_role(membership=membership, role=role, actor=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        changed = {"name": membership.user, "role": membership.get_role_display()}
        messages.success(request, _("%(name)s is now: %(role)s.") % changed)
    return redirect("districts:members", district=district.slug)


@require_http_methods(["GET", "POST"])
def member_remove(request, district, code):
    district = access_district(request.user, district, need=Need.MANAGE)
    membership = district_object(district, district.memberships.select_related("user"), code)
    if request.method == "POST":
        try:
            membership_remove(membership=membership, actor=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            removed = _("%(name)s was removed from the district.")
            messages.success(request, removed % {"name": membership.user})
        return redirect("districts:members", district=district.slug)
    context = {"district": district, "membership": membership}
    return render(request, "districts/member_remove.html", context)


@require_POST
def invitation_withdraw(request, district, code):
    district = access_district(request.user, district, need=Need.MANAGE)
    invitation = district_object(district, district.invitations.pending(), code)
    invitation_revoke(invitation=invitation)
    withdrawn = _("The invitation to %(email)s was withdrawn.")
    messages.success(request, withdrawn % {"email": invitation.email})
    return redirect("districts:members", district=district.slug)


@require_GET
def schools(request, district):
    district = access_district(request.user, district)
    removed = schools_removed(district=district) if is_lead(district) else []
    context = {"district": district, "schools": district.schools.all(), "removed": removed}
    context |= {"is_lead": is_lead(district), "nav": "schools"}
    return render(request, "districts/schools.html", context)


@require_http_methods(["GET", "POST"])
def school_edit(request, district, code=None):
    district = access_district(request.user, district, need=Need.MANAGE)
    school = district_object(district, district.schools, code) if code else None
    form = SchoolForm(request.POST or None, instance=school, district=district)
    if request.method == "POST" and form.is_valid():
        school = versioned_save(form=form)
        messages.success(request, _("%(name)s saved.") % {"name": school.name})
        return redirect("districts:schools", district=district.slug)
    context = {"district": district, "school": school, "form": form}
    return render(request, "districts/school_form.html", context)


@require_http_methods(["GET", "POST"])
def school_delete(request, district, code):
    district = access_district(request.user, district, need=Need.MANAGE)
    school = district_object(district, district.schools, code)
    if request.method == "POST":
        school_remove(school=school, actor=request.user)
        removed = _("%(name)s was removed. You can restore it from the list below.")
        messages.success(request, removed % {"name": school.name})
        return redirect("districts:schools", district=district.slug)
    return render(request, "districts/school_delete.html", {"district": district, "school": school})


@require_POST
def school_restore(request, district, code):
    district = access_district(request.user, district, need=Need.MANAGE)
    record = school_removed_record(district=district, code=code)
    if record is None:
        raise Http404
    if district.schools.filter(name__iexact=record.name).exists():
        clash = _("Another school is already called %(name)s.")
        messages.error(request, clash % {"name": record.name})
        return redirect("districts:schools", district=district.slug)
    try:
        deleted_restore(model=School, record=record)
    except ValidationError as refused:
        restore_refused(request, refused)
    else:
        messages.success(request, _("%(name)s was restored.") % {"name": record.name})
    return redirect("districts:schools", district=district.slug)


def _history_object(district, kind, code):
    """The district itself, or one of its schools or cycles, by its code; else 404."""
    if kind == "district" and str(district.code) == str(code):
        return district
    records = {"school": district.schools, "cycle": district.cycles}
    if kind not in records:
        raise Http404
    return district_object(district, records[kind], code)


@require_GET
def history(request, district, kind, code):
    district = access_district(request.user, district)
    obj = _history_object(district, kind, code)
    restore = None
    if is_lead(district):
        where = {"district": district.slug, "kind": kind, "code": code}
        restore = restore_link("districts:history_restore", **where)
    page = history_page(obj, page_number=request.GET.get("page"), restore_url=restore)
    context = {"district": district, "object": obj, "page": page}
    return render(request, "_partials/history_page.html", context)


@require_POST
def history_restore_view(request, district, kind, code, history_id):
    district = access_district(request.user, district, need=Need.MANAGE)
    obj = _history_object(district, kind, code)
    if not obj.history.filter(history_id=history_id).exists():
        raise Http404
    try:
        history_restore(obj=obj, history_id=history_id)
    except ValidationError as refused:
        restore_refused(request, refused)
    else:
        restored = _("The earlier version of %(name)s was restored.")
        messages.success(request, restored % {"name": obj})
    return redirect("districts:history", district=district.slug, kind=kind, code=code)


@login_not_required
@never_cache
@require_GET
def healthz(request):
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:  # any failure means unhealthy
        checks["database"] = "unreachable"
    if settings.CELERY_BROKER_URL:
        try:
            with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
                conn.ensure_connection(max_retries=1, timeout=2)
            checks["broker"] = "ok"
        except Exception:
            checks["broker"] = "unreachable"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unhealthy", **checks}, status=200 if healthy else 503
    )
