from django import forms
from django.utils.translation import gettext_lazy as _

from sel_planner.accounts.models import User
from sel_planner.districts.editing import VersionedModelForm
from sel_planner.districts.forms import (
    CycleRecordForm,
    DateInput,
    MemberChoiceField,
    TextBoxes,
    members_of,
)
from sel_planner.districts.text import Form

from ..models import Interview, Mention, Program
from ..protocol import Q2_ASKED, Q11
from ._common import MENTION_FIELDS, program_name_clean


class ListedChoiceIterator(forms.models.ModelChoiceIterator):
    """A model field's choices from a list fetched once, so a page of forms queries once.

    Choices are built exactly as the field's own iterator builds them; validation still runs
    against the field's queryset.
    """

    def __init__(self, field, objects):
        super().__init__(field)
        self.objects = objects

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.objects:
            yield self.choice(obj)

    def __len__(self):
        return len(self.objects) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.objects)


class InterviewForm(TextBoxes, CycleRecordForm):
    autosaved = True
    text_rows = 4
    interviewer = MemberChoiceField(
        label=_("Interviewer"), queryset=User.objects.none(), required=False
    )

    class Meta:
        model = Interview
        fields = [
            "respondent_name",
            "category",
            "respondent_type",
            "interviewer",
            "interviewer_role",
            "held_on",
            "answer_1",
            "answer_2",
            "notes",
        ]
        widgets = {"held_on": DateInput(), "respondent_type": forms.RadioSelect}

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, cycle=cycle, **kwargs)
        self.fields["interviewer"].queryset = members_of(cycle)
        self.fields["answer_2"].label = Q2_ASKED.get(
            self.instance.respondent_type, self.fields["answer_2"].label
        )


class MentionForm(TextBoxes, VersionedModelForm):
    autosaved = True

    class Meta:
        model = Mention
        fields = MENTION_FIELDS

    def __init__(self, *args, district_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q11_else"].label = Q11 % {"district": district_name}


class MentionMatchForm(Form):
    program = forms.ModelChoiceField(
        label=_("Inventory program"),
        queryset=Program.objects.none(),
        required=False,
        empty_label=_("Add it to the inventory as a new program"),
    )

    def __init__(self, *args, cycle, programs=None, **kwargs):
        """`programs`: the cycle's programs already fetched, shared by the forms of a page."""
        super().__init__(*args, **kwargs)
        field = self.fields["program"]
        field.queryset = cycle.inventory_program_set.all()
        if programs is not None:
            field.choices = ListedChoiceIterator(field, programs)


class MentionAddForm(MentionMatchForm):
    """A program the interviewee mentions: matched to the inventory by name, or chosen."""

    name = forms.CharField(label=_("Program or initiative mentioned"), max_length=200)
    program = forms.ModelChoiceField(
        label=_("Same as this inventory program"),
        queryset=Program.objects.none(),
        required=False,
        empty_label=_("Match by name, or add it to the inventory"),
    )

    field_order = ["name", "program"]

    def clean_name(self):
        return program_name_clean(self.cleaned_data["name"])
