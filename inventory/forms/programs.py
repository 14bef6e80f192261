from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sel_planner.accounts.models import User
from sel_planner.districts.editing import VersionedModelForm
from sel_planner.districts.forms import (
    CycleRecordForm,
    DateInput,
    MemberChoiceField,
    RecordsField,
    TextBoxes,
    members_of,
)
from sel_planner.districts.text import Form

from ..models import Program, name_key
from ._common import program_name_clean


class ProgramForm(TextBoxes, CycleRecordForm):
    class Meta:
        model = Program
        fields = [
            "name",
            "organisation",
            "schools",
            "grades",
            "start_year",
            "active_state",
            "active",
            "why_not",
            "program_goals",
            "achieved",
            "evidence",
            "resources",
            "challenges",
            "goals",
            "connection",
        ]
        field_classes = {"schools": RecordsField, "goals": RecordsField}
        widgets = {"schools": forms.CheckboxSelectMultiple, "goals": forms.CheckboxSelectMultiple}
        help_texts = {
            "organisation": _(
                "Pick the district's schools below, and type departments or organizations here."
            ),
            "grades": _("For example K-8 or 6-8."),
            "active": _("In the committee's words, for example “Yes, at 3 of 5 schools”."),
            "active_state": _("Used to sort and filter the table."),
        }

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, cycle=cycle, **kwargs)
        self.fields["schools"].queryset = cycle.district.schools.all()
        self.fields["goals"].queryset = cycle.goals_goal_set.select_related("priority")
        self.fields["goals"].label_from_instance = lambda goal: goal.priority.phrase
        self.fields["goals"].help_text = _(
            "Link the program to the long-term SMARTIE goals it serves, and say how below."
        )
        self.duplicate = None

    def clean_name(self):
        name = program_name_clean(self.cleaned_data["name"])
        others = self.cycle.inventory_program_set.filter(name_key=name_key(name))
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.duplicate = others.first()
        if self.duplicate is not None:
            raise ValidationError(
                _("The inventory already has “%(name)s”. Merge the two instead of keeping both."),
                params={"name": self.duplicate.name},
            )
        return name


class _CellForm(TextBoxes, CycleRecordForm):
    """One cell of the inventory table, edited in place."""

    def clean_name(self):
        name = program_name_clean(self.cleaned_data["name"])
        others = self.cycle.inventory_program_set.filter(name_key=name_key(name))
        if others.exclude(pk=self.instance.pk).exists():
            raise ValidationError(
                _("The inventory already has a program of this name. Merge the two instead.")
            )
        return name


def cell_form_class(field: str):
    """A form for one of the table's cells (models.COLUMNS)."""
    return forms.modelform_factory(Program, form=_CellForm, fields=[field])


class NextStepsForm(TextBoxes, VersionedModelForm):
    text_rows = 2
    responsible = MemberChoiceField(
        label=_("SEL Team Member Responsible for Next Step"),
        queryset=User.objects.none(),
        required=False,
    )

    class Meta:
        model = Program
        fields = [
            "d_implemented",
            "d_sel_goals",
            "d_intended_goals",
            "d_evidence",
            "d_resources",
            "d_challenges",
            "d_reduce",
            "decision",
            "goal_connections",
            "incorporate",
            "next_steps",
            "responsible",
            "responsible_name",
            "deadline",
            "phase_out_who",
            "phase_out_how",
            "phase_out_partners",
        ]
        widgets = {"deadline": DateInput(), "decision": forms.RadioSelect}

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = members_of(cycle)
        self.fields["decision"].required = False
        self.fields["decision"].choices = [c for c in self.fields["decision"].choices if c[0] != ""]

    def clean(self):
        cleaned = super().clean()
        builds_on = cleaned.get("decision") in ("expand", "maintain", "reinstate")
        if builds_on and not (cleaned.get("next_steps") or "").strip():
            self.add_error("next_steps", _("Write the next step for a program the team builds on."))
        if cleaned.get("responsible") and (cleaned.get("responsible_name") or "").strip():
            self.add_error("responsible_name", _("Choose a team member or type a name, not both."))
        return cleaned

    @property
    def deadline_passed(self) -> bool:
        deadline = self.cleaned_data.get("deadline") if hasattr(self, "cleaned_data") else None
        return bool(deadline and deadline < timezone.localdate())


class MergeForm(Form):
    target = forms.ModelChoiceField(
        label=_("Merge into"), queryset=Program.objects.none(), empty_label=None
    )

    def __init__(self, *args, cycle, source, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = cycle.inventory_program_set.exclude(pk=source.pk)
