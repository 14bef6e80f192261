from django import forms
from django.utils.translation import gettext_lazy as _

from sel_planner.districts.editing import VersionedModelForm

from ..models import COMFORT, GoalsWorkspace, Reflection

CHOOSE = _("Choose one of the four options.")


def _comfort_field(label, help_text=""):
    """One of the four comfort options, or none yet; anything else is refused with CHOOSE."""
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=COMFORT,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": CHOOSE},
    )


class ReflectionForm(VersionedModelForm):
    """One member's own reflection: questions A and B in their words, C rated twice."""

    own_comfort = _comfort_field(
        _("C. How comfortable are you individually with creating long-term SMARTIE goals?")
    )
    committee_comfort = _comfort_field(
        Reflection._meta.get_field("committee_comfort").verbose_name,
        _(
            "Select your response from these options and bring your perspective "
            "to the committee discussion."
        ),
    )

    class Meta:
        model = Reflection
        fields = ["answer_a", "answer_b", "own_comfort", "committee_comfort"]
        widgets = {
            "answer_a": forms.Textarea(attrs={"rows": 4}),
            "answer_b": forms.Textarea(attrs={"rows": 4}),
        }


class DiscussionNotesForm(VersionedModelForm):
    class Meta:
        model = GoalsWorkspace
        fields = ["discussion_notes"]
        widgets = {"discussion_notes": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "discussion_notes": _(
                "What the committee said when it discussed the reflections: "
                "challenges, who else to include, and how comfortable it feels."
            )
        }
