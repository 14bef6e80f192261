from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from roadmap.data_sources import grouped_choices as data_source_choices
from sel_planner.accounts.models import User
from sel_planner.districts.forms import (
    CycleRecordForm,
    DateInput,
    MemberChoiceField,
    RecordsField,
    TextBoxes,
    members_of,
)
from sel_planner.districts.text import Form, ModelForm

from ..key_activities import grouped_choices
from ..models import MILESTONE_HISTORY, Activity, Milestone, ProgressNote
from ..quarters import quarter_of


def by_name(pks):
    return User.objects.filter(pk__in=pks).order_by("full_name", "email")


class MembersField(RecordsField):
    """Checkboxes of the district's members; one who has left is named as such."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *args, **kwargs):
        self.left_ids = set()
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        if obj.pk in self.left_ids:
            return _("%(name)s (left the district)") % {"name": obj.display_name}
        return obj.display_name


class MilestoneForm(TextBoxes, CycleRecordForm):
    members = MembersField(
        queryset=User.objects.none(),
        required=False,
        label=_("Responsible Team Member(s)"),
        help_text=_(
            "Assign an SEL team member who is responsible for moving work forward in each quarter."
        ),
        error_messages={
            "invalid_choice": _("%(value)s is not a member of this district."),
            "invalid_pk_value": _("Choose the district's members from the list."),
        },
    )
    data_sources = forms.MultipleChoiceField(
        label=_("Data Needed to Track Progress"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Name source(s) of data that will help your team assess progress toward the milestone"
        ),
    )

    class Meta:
        model = Milestone
        fields = ["text", "status", "members", "owner_name", "data_sources", "data_other"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # District members only; responsible members who have left stay listed (and flagged) so
        # nothing is lost until someone unticks them.
        member_pks = set(members_of(self.cycle).values_list("pk", flat=True))
        current = (
            set(self.instance.members.values_list("pk", flat=True)) if self.instance.pk else set()
        )
        self.fields["members"].left_ids = current - member_pks
        self.fields["members"].queryset = by_name(member_pks | current)
        self.fields["data_sources"].choices = data_source_choices()

    def clean(self):
        cleaned = super().clean()
        missing = not cleaned.get("members") and not cleaned.get("owner_name", "").strip()
        if missing and "members" not in self.errors:
            self.add_error(
                "members", _("Assign an SEL team member, or name a person without an account.")
            )
        return cleaned

    def save(self, commit=True):
        """One historical record per save, naming the members as saved (not one per change of
        the many-to-many as well)."""
        milestone = super().save(commit=False)
        created = milestone._state.adding
        milestone.skip_history_when_saving = True
        try:
            milestone.save()
            self._save_m2m()
        finally:
            del milestone.skip_history_when_saving
        MILESTONE_HISTORY.create_historical_record(milestone, "+" if created else "~")
        return milestone


class ActivityForm(TextBoxes, CycleRecordForm):
    key_activity = forms.ChoiceField(
        label=_("CASEL key activity"),
        help_text=_(
            "The CASEL District Resource Center key activity and the rubric items it serves."
        ),
    )
    owner = MemberChoiceField(queryset=User.objects.none(), required=False, label=_("Owner"))

    class Meta:
        model = Activity
        fields = ["key_activity", "action", "due_date", "owner", "owner_name", "status"]
        widgets = {"due_date": DateInput()}
        error_messages = {"action": {"required": _("Say what will be done.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key_activity"].choices = [("", "—"), *grouped_choices()]
        self.fields["due_date"].required = True
        self.fields["due_date"].error_messages["required"] = _("Give the activity a due date.")
        # District members only; an owner who has left stays selectable so nothing is lost.
        owner = self.instance.owner_id
        self.fields["owner"].queryset = (
            by_name([*members_of(self.cycle).values_list("pk", flat=True), owner])
            if owner
            else members_of(self.cycle)
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("owner") and not cleaned.get("owner_name", "").strip():
            self.add_error("owner", _("Choose an owner, or name a person without an account."))
        return cleaned

    def due_warning(self) -> str:
        due = self.cleaned_data.get("due_date")
        if due and not (self.cycle.start_date <= due <= self.cycle.end_date):
            return _(
                "The due date %(due)s is outside this cycle (%(start)s to %(end)s); it was kept, "
                "but check it."
            ) % {"due": due, "start": self.cycle.start_date, "end": self.cycle.end_date}
        quarter = quarter_of(self.cycle, due) if due else None
        if quarter and quarter != self.instance.milestone.quarter:
            return _(
                "The due date falls in quarter %(due)s, not in the milestone's quarter %(own)s; "
                "it was kept, but check it."
            ) % {"due": quarter, "own": self.instance.milestone.quarter}
        return ""


class NoteForm(TextBoxes, ModelForm):
    class Meta:
        model = ProgressNote
        fields = ["noted_on", "text"]
        widgets = {"noted_on": DateInput()}
        error_messages = {"text": {"required": _("Write the progress note first.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["noted_on"].initial = date.today


class ReminderForm(Form):
    weekly_digest = forms.BooleanField(
        label=_("Send me a weekly email of my activities due within a week and overdue"),
        required=False,
    )
