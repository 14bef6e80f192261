from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from sel_planner.accounts.models import User
from sel_planner.districts.editing import VersionedModelForm
from sel_planner.districts.forms import DateInput, RecordsField, cycle_label_clean
from sel_planner.districts.quantities import parse_quantity, show_quantity
from sel_planner.districts.text import Form, ModelForm

from .data_sources import data_source_choices
from .key_activities import grouped_choices
from .models import (
    MILESTONE_HISTORY,
    Activity,
    AnnualGoal,
    Improvement,
    Milestone,
    ProgressNote,
    Reflection,
)
from .quarters import quarter_of

TEXTAREA = {"rows": 3}


def members_of(district):
    return User.objects.filter(memberships__district=district).order_by("full_name", "email")


class OwnerField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


def narrow_owner(form, district):
    """District members only; an owner who has left stays selectable so nothing is lost."""
    queryset = members_of(district)
    current = form.instance.owner_id
    if current:
        queryset = User.objects.filter(pk__in=[*queryset.values_list("pk", flat=True), current])
        queryset = queryset.order_by("full_name", "email")
    form.fields["owner"].queryset = queryset


class AnnualGoalForm(VersionedModelForm):
    baseline = forms.CharField(
        label=_("Baseline"),
        max_length=300,
        required=False,
        help_text=_("A number with its unit, e.g. 50%, or words."),
    )
    target = forms.CharField(
        label=_("Target"),
        max_length=300,
        required=False,
        help_text=_("A number where one fits, e.g. 100%, or words."),
    )

    class Meta:
        model = AnnualGoal
        fields = [
            "goal",
            "year_target",
            "outcomes",
            "implementation_changes",
            "change",
            "stakeholders",
            "measurement",
            "inclusion",
            "equity",
            "how_much",
            "goal_type",
            "statement",
        ]
        help_texts = {
            "change": _(
                "Specifically, address the following questions: What will this look like in "
                "action? What is a compelling, actionable description that will help bring "
                "together district stakeholders?"
            ),
            "measurement": _(
                "Consider existing data sources and any new data sources you may need. Some common "
                "sources of data include student administrative data (e.g., attendance, behavior, "
                "grades); surveys administered to staff, students, or families on school/classroom "
                "climate; student social and emotional competence data."
            ),
            "inclusion": _(
                "Encourage the team to think critically about traditionally excluded or "
                "marginalized groups in the district. The team wants to make sure they are not "
                "excluded here and will benefit from this goal."
            ),
            "equity": _(
                "To answer the question on the left, consider how to eliminate or decrease "
                "disparities in outcomes between subgroups."
            ),
        }
        widgets = {
            **{
                name: forms.Textarea(attrs=TEXTAREA)
                for name in [
                    "year_target",
                    "outcomes",
                    "implementation_changes",
                    "change",
                    "stakeholders",
                    "measurement",
                    "inclusion",
                    "equity",
                    "how_much",
                ]
            },
            "statement": forms.Textarea(attrs={"rows": 4}),
            "goal_type": forms.RadioSelect,
        }

    field_order = [
        "goal",
        "year_target",
        "outcomes",
        "implementation_changes",
        "change",
        "stakeholders",
        "measurement",
        "inclusion",
        "equity",
        "how_much",
        "baseline",
        "target",
        "goal_type",
        "statement",
    ]

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.cycle = cycle
        self.fields["goal"].queryset = cycle.goals_goal_set.select_related("priority")
        self.fields["goal"].label_from_instance = lambda goal: str(goal.priority)
        self.fields["baseline"].initial = show_quantity(
            self.instance.baseline_value, self.instance.baseline_unit, self.instance.baseline_text
        )
        self.fields["target"].initial = show_quantity(
            self.instance.target_value, self.instance.target_unit, self.instance.target_text
        )

    def clean(self):
        cleaned = super().clean()
        base = parse_quantity(cleaned.get("baseline", ""))
        target = parse_quantity(cleaned.get("target", ""))
        if base[0] is not None and cleaned.get("target") and target[0] is None:
            self.add_error(
                "target",
                _("The baseline is a number, so give the target as a number too, e.g. 90%."),
            )
        self.instance.baseline_value, self.instance.baseline_unit, self.instance.baseline_text = (
            base
        )
        self.instance.target_value, self.instance.target_unit, self.instance.target_text = target
        return cleaned


class RationaleForm(VersionedModelForm):
    class Meta:
        model = AnnualGoal
        fields = ["rationale"]
        widgets = {"rationale": forms.Textarea(attrs={"rows": 5})}


class MembersField(RecordsField):
    """Checkboxes of the district's members; one who has left is named as such."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *args, **kwargs):
        self.left_ids = set()
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        name = obj.full_name or obj.email
        if obj.pk in self.left_ids:
            return _("%(name)s (left the district)") % {"name": name}
        return name


class MilestoneForm(VersionedModelForm):
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
        widgets = {"text": forms.Textarea(attrs=TEXTAREA)}

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        narrow_members(self, cycle.district)
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


def narrow_members(form, district):
    """District members only; responsible members who have left stay listed (and flagged) so
    nothing is lost until someone unticks them."""
    field = form.fields["members"]
    member_pks = set(members_of(district).values_list("pk", flat=True))
    current = set(form.instance.members.values_list("pk", flat=True)) if form.instance.pk else set()
    field.left_ids = current - member_pks
    field.queryset = User.objects.filter(pk__in=member_pks | current).order_by("full_name", "email")


class ActivityForm(VersionedModelForm):
    key_activity = forms.ChoiceField(
        label=_("CASEL key activity"),
        help_text=_(
            "The CASEL District Resource Center key activity and the rubric items it serves."
        ),
    )
    owner = OwnerField(queryset=User.objects.none(), required=False, label=_("Owner"))

    class Meta:
        model = Activity
        fields = ["key_activity", "action", "due_date", "owner", "owner_name", "status"]
        widgets = {"action": forms.Textarea(attrs=TEXTAREA), "due_date": DateInput()}
        error_messages = {"action": {"required": _("Say what will be done.")}}

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        self.fields["key_activity"].choices = [("", "—"), *grouped_choices()]
        self.fields["due_date"].required = True
        self.fields["due_date"].error_messages["required"] = _("Give the activity a due date.")
        narrow_owner(self, cycle.district)

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


class NoteForm(ModelForm):
    class Meta:
        model = ProgressNote
        fields = ["noted_on", "text"]
        widgets = {"noted_on": DateInput(), "text": forms.Textarea(attrs=TEXTAREA)}
        error_messages = {"text": {"required": _("Write the progress note first.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["noted_on"].initial = date.today


class ReflectionForm(VersionedModelForm):
    class Meta:
        model = Reflection
        fields = [
            "progress",
            "evidence",
            "disaggregated",
            "successes",
            "challenges",
            "with_students",
            "with_families",
            "with_staff",
            "with_partners",
        ]
        widgets = {
            "progress": forms.RadioSelect,
            **{
                name: forms.Textarea(attrs=TEXTAREA)
                for name in ["evidence", "disaggregated", "successes", "challenges"]
            },
        }
        error_messages = {
            "evidence": {
                "required": _("Name the data that shows this progress: a reflection rests on data.")
            },
            "progress": {"required": _("Choose met, partly met or not met.")},
        }

    def clean(self):
        cleaned = super().clean()
        groups = ["with_students", "with_families", "with_staff", "with_partners"]
        if not any(cleaned.get(name) for name in groups):
            self.add_error(None, _("Say who took part in the reflection."))
        return cleaned


class ImprovementForm(VersionedModelForm):
    class Meta:
        model = Improvement
        fields = [
            "decision",
            "goals_match",
            "realistic",
            "key_learnings",
            "next_steps",
            "school_support",
        ]
        widgets = {
            "decision": forms.RadioSelect,
            "realistic": forms.RadioSelect,
            **{
                name: forms.Textarea(attrs=TEXTAREA)
                for name in ["goals_match", "key_learnings", "next_steps", "school_support"]
            },
        }
        error_messages = {"decision": {"required": _("Choose the decision for this goal.")}}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == Improvement.Decision.OUTCOMES and not cleaned.get(
            "realistic"
        ):
            self.add_error(
                "realistic",
                _("When outcomes lagged, say whether the outcome goals were realistic."),
            )
        return cleaned


class LaunchForm(Form):
    label = forms.CharField(label=_("school year"), max_length=20)
    start_date = forms.DateField(label=_("start date"), widget=DateInput())
    end_date = forms.DateField(label=_("end date"), widget=DateInput())

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        start, end = cycle.start_date, cycle.end_date
        self.fields["label"].initial = f"{start.year + 1}-{(end.year + 1) % 100:02d}"
        self.fields["start_date"].initial = start.replace(year=start.year + 1)
        self.fields["end_date"].initial = end.replace(year=end.year + 1)

    def clean_label(self):
        label = self.cleaned_data["label"]
        if self.cycle.district.cycles.filter(label=label).exists():
            raise forms.ValidationError(_("The district already has a cycle with this name."))
        # The label becomes the new cycle's address, so it must make a usable, unused one.
        return cycle_label_clean(label, district=self.cycle.district)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end <= start:
            self.add_error("end_date", _("The cycle must end after it starts."))
        if start and start <= self.cycle.start_date:
            self.add_error("start_date", _("The next cycle starts after this one."))
        return cleaned


class ReminderForm(Form):
    weekly_digest = forms.BooleanField(
        label=_("Send me a weekly email of my activities due within a week and overdue"),
        required=False,
    )
