from django import forms
from django.utils.translation import gettext_lazy as _

from sel_planner.districts.editing import VersionedModelForm
from sel_planner.districts.forms import DateInput, TextBoxes, cycle_label_clean
from sel_planner.districts.text import Form

from ..models import Improvement, Reflection

# Who took part in a reflection: at least one of them.
PARTICIPANTS = ["with_students", "with_families", "with_staff", "with_partners"]


class ReflectionForm(TextBoxes, VersionedModelForm):
    class Meta:
        model = Reflection
        fields = ["progress", "evidence", "disaggregated", "successes", "challenges", *PARTICIPANTS]
        widgets = {"progress": forms.RadioSelect}
        error_messages = {
            "evidence": {
                "required": _("Name the data that shows this progress: a reflection rests on data.")
            },
            "progress": {"required": _("Choose met, partly met or not met.")},
        }

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in PARTICIPANTS):
            self.add_error(None, _("Say who took part in the reflection."))
        return cleaned


class ImprovementForm(TextBoxes, VersionedModelForm):
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
        widgets = {"decision": forms.RadioSelect, "realistic": forms.RadioSelect}
        error_messages = {"decision": {"required": _("Choose the decision for this goal.")}}

    def clean(self):
        cleaned = super().clean()
        lagged = cleaned.get("decision") == Improvement.Decision.OUTCOMES
        if lagged and not cleaned.get("realistic"):
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
