from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from sel_planner.accounts.models import User, normalise_email
from sel_planner.accounts.services import invitation_create

from .models import District, Membership, PlanningCycle, Role, School
from .text import ModelForm


class DistrictAdminForm(ModelForm):
    lead_email = forms.EmailField(
        label=_("Appoint an SEL lead by email"),
        required=False,
        help_text=_(
            "An existing account becomes a lead of this district at once; anyone else "
            "receives an invitation link by email."
        ),
    )

    class Meta:
        model = District
        fields = ["name", "slug", "state", "timezone", "student_count"]


class SchoolInline(admin.TabularInline):
    form = ModelForm
    model = School
    fields = ["name", "level", "grade_band"]
    extra = 1


class MembershipInline(admin.TabularInline):
    form = ModelForm
    model = Membership
    fields = ["user", "role"]
    autocomplete_fields = ["user"]
    extra = 0


@admin.register(District)
class DistrictAdmin(SimpleHistoryAdmin):
    form = DistrictAdminForm
    list_display = ["name", "state", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SchoolInline, MembershipInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        email = form.cleaned_data.get("lead_email")
        if not email:
            return
        user = User.objects.filter(email=normalise_email(email)).first()
        if user is not None:
            Membership.objects.update_or_create(
                user=user, district=obj, defaults={"role": Role.LEAD}
            )
            self.message_user(request, _("%(email)s is now an SEL lead.") % {"email": email})
        else:
            invitation_create(district=obj, email=email, role=Role.LEAD, invited_by=request.user)
            sent = _("An invitation to lead this district was emailed to %(email)s.")
            self.message_user(request, sent % {"email": email}, messages.SUCCESS)


@admin.register(PlanningCycle)
class PlanningCycleAdmin(SimpleHistoryAdmin):
    form = ModelForm
    list_display = ["label", "district", "phase", "start_date", "end_date"]
    list_filter = ["phase"]
    search_fields = ["label", "district__name"]
    readonly_fields = ["slug"]
