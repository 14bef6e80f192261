from django import forms
from django.utils.translation import gettext_lazy as _

from sel_planner.districts.editing import VersionedModelForm

from ..models import COMFORT, GoalsWorkspace, Reflection

CHOOSE = _("Choose one of the four options.")


class ReflectionForm(VersionedModelForm):
    own_comfort = forms.TypedChoiceField(
        label=Reflection._meta.get_field("own_comfort").verbose_name, choices=COMFORT, coerce=int,
        widget=forms.RadioSelect, required=False, empty_value=None, error_messages={"invalid_choice": CHOOSE},
    )  # fmt: skip
    committee_comfort = forms.TypedChoiceField(
        label=Reflection._meta.get_field("committee_comfort").verbose_name, choices=COMFORT, coerce=int,
        widget=forms.RadioSelect, required=False, empty_value=None, error_messages={"invalid_choice": CHOOSE},
    )  # fmt: skip

    class Meta:
        model = Reflection
        fields = ["answer_a", "answer_b", "own_comfort", "committee_comfort"]
        widgets = {
            "answer_a": forms.Textarea(attrs={"rows": 3}),
            "answer_b": forms.Textarea(attrs={"rows": 3}),
        }


class DiscussionNotesForm(VersionedModelForm):
    class Meta:
        model = GoalsWorkspace
        fields = ["discussion_notes"]
        widgets = {"discussion_notes": forms.Textarea(attrs={"rows": 5})}
