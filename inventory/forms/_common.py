"""What the inventory's forms share: every model choice is narrowed to the cycle or its district."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sel_planner.accounts.models import User

from ..models import name_key

MENTION_FIELDS = [
    "name",
    "q3_began",
    "q4_still",
    "q5_goals",
    "q6_how_well",
    "q7_evidence",
    "reports_on_hand",
    "q8_public",
    "q8_share",
    "q9_resources",
    "q10_challenges",
    "q11_else",
]


def members_of(cycle):
    return User.objects.filter(memberships__district_id=cycle.district_id).order_by(
        "full_name", "email"
    )


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class TextBoxes:
    """Makes a model form's text boxes `text_rows` lines high."""

    text_rows = 3

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = self.text_rows


def program_name_clean(name: str) -> str:
    """The program's name stripped, or ValidationError when it has no letter or digit."""
    name = name.strip()
    if not name_key(name):
        raise ValidationError(_("Give the program's name in letters or digits."))
    return name
