"""Forms of the inventory: every model choice is narrowed to the cycle or its district."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sel_planner.accounts.models import User
from sel_planner.districts.editing import VersionedModelForm
from sel_planner.districts.forms import DateInput, RecordsField
from sel_planner.districts.text import Form

from .models import (
    TEXT_MAX,
    Interview,
    InventoryWorkspace,
    Mention,
    Person,
    Program,
    RespondentType,
    Survey,
    name_key,
)
from .protocol import Q2_ASKED, Q11

HONEYPOT = "website"


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


def _program_choices(form, cycle, programs):
    field = form.fields["program"]
    field.queryset = cycle.inventory_program_set.all()
    if programs is not None:
        field.choices = ListedChoiceIterator(field, programs)


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
CELL_FIELDS = [
    "name",
    "organisation",
    "grades",
    "active",
    "why_not",
    "program_goals",
    "achieved",
    "evidence",
    "resources",
    "challenges",
    "connection",
    "start_year",
]


def members_of(cycle):
    return User.objects.filter(memberships__district_id=cycle.district_id).order_by(
        "full_name", "email"
    )


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


def _textareas(names, rows=3):
    return {name: forms.Textarea(attrs={"rows": rows}) for name in names}


class WorkspaceForm(VersionedModelForm):
    class Meta:
        model = InventoryWorkspace
        fields = ["selection_note"]
        widgets = _textareas(["selection_note"], rows=4)


class PersonForm(VersionedModelForm):
    member = MemberChoiceField(
        label=_("District member"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Or leave empty and type the name of someone without an account."),
    )
    interviewer = MemberChoiceField(
        label=_("Interviewer"), queryset=User.objects.none(), required=False
    )

    class Meta:
        model = Person
        fields = [
            "category",
            "member",
            "name",
            "role",
            "organisation",
            "contact",
            "interviewer",
            "status",
            "scheduled_on",
        ]
        widgets = {"scheduled_on": DateInput()}

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.cycle = cycle
        self.fields["member"].queryset = members_of(cycle)
        self.fields["interviewer"].queryset = members_of(cycle)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("member") and not (cleaned.get("name") or "").strip():
            self.add_error("name", _("Give a name, or choose a district member."))
        if cleaned.get("status") == Person.Status.SCHEDULED and not cleaned.get("scheduled_on"):
            self.add_error("scheduled_on", _("Give the date the conversation is scheduled for."))
        return cleaned


class InterviewForm(VersionedModelForm):
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
        widgets = {
            "held_on": DateInput(),
            "respondent_type": forms.RadioSelect,
            **_textareas(["answer_1", "answer_2", "notes"], rows=4),
        }

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.cycle = cycle
        self.fields["interviewer"].queryset = members_of(cycle)
        self.fields["answer_2"].label = Q2_ASKED.get(
            self.instance.respondent_type, self.fields["answer_2"].label
        )


class MentionForm(VersionedModelForm):
    class Meta:
        model = Mention
        fields = MENTION_FIELDS
        widgets = _textareas(
            [f for f in MENTION_FIELDS if f not in ("name", "q3_began", "reports_on_hand")]
        )

    def __init__(self, *args, district_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q11_else"].label = Q11 % {"district": district_name}


class MentionAddForm(Form):
    """A program the interviewee mentions: matched to the inventory by name, or chosen."""

    name = forms.CharField(label=_("Program or initiative mentioned"), max_length=200)
    program = forms.ModelChoiceField(
        label=_("Same as this inventory program"),
        queryset=Program.objects.none(),
        required=False,
        empty_label=_("Match by name, or add it to the inventory"),
    )

    def __init__(self, *args, cycle, programs=None, **kwargs):
        """`programs`: the cycle's programs already fetched, shared by the forms of a page."""
        super().__init__(*args, **kwargs)
        _program_choices(self, cycle, programs)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name_key(name):
            raise ValidationError(_("Give the program's name in letters or digits."))
        return name


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
        _program_choices(self, cycle, programs)


class ProgramForm(VersionedModelForm):
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
        widgets = {
            "schools": forms.CheckboxSelectMultiple,
            "goals": forms.CheckboxSelectMultiple,
            **_textareas(
                [
                    "organisation",
                    "why_not",
                    "program_goals",
                    "achieved",
                    "evidence",
                    "resources",
                    "challenges",
                    "connection",
                ]
            ),
        }
        help_texts = {
            "organisation": _(
                "Pick the district's schools below, and type departments or organizations here."
            ),
            "grades": _("For example K-8 or 6-8."),
            "active": _("In the committee's words, for example “Yes, at 3 of 5 schools”."),
            "active_state": _("Used to sort and filter the table."),
        }

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        self.instance.cycle = cycle
        self.fields["schools"].queryset = cycle.district.schools.all()
        self.fields["goals"].queryset = cycle.goals_goal_set.select_related("priority")
        self.fields["goals"].label_from_instance = lambda goal: goal.priority.phrase
        self.fields["goals"].help_text = _(
            "Link the program to the long-term SMARTIE goals it serves, and say how below."
        )
        self.duplicate = None

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        key = name_key(name)
        if not key:
            raise ValidationError(_("Give the program's name in letters or digits."))
        others = self.cycle.inventory_program_set.filter(name_key=key)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.duplicate = others.first()
        if self.duplicate is not None:
            raise ValidationError(
                _("The inventory already has “%(name)s”. Merge the two instead of keeping both."),
                params={"name": self.duplicate.name},
            )
        return name


class _CellForm(VersionedModelForm):
    """One cell of the inventory table, edited in place."""

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 3

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        key = name_key(name)
        if not key:
            raise ValidationError(_("Give the program's name in letters or digits."))
        others = self.cycle.inventory_program_set.filter(name_key=key).exclude(pk=self.instance.pk)
        if others.exists():
            raise ValidationError(
                _("The inventory already has a program of this name. Merge the two instead.")
            )
        return name


def cell_form_class(field: str):
    """A form for one of the table's cells (CELL_FIELDS)."""
    return forms.modelform_factory(Program, form=_CellForm, fields=[field])


class NextStepsForm(VersionedModelForm):
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
        widgets = {
            "deadline": DateInput(),
            "decision": forms.RadioSelect,
            **_textareas(
                [
                    "d_implemented",
                    "d_sel_goals",
                    "d_intended_goals",
                    "d_evidence",
                    "d_resources",
                    "d_challenges",
                    "d_reduce",
                    "goal_connections",
                    "incorporate",
                    "next_steps",
                    "phase_out_who",
                    "phase_out_how",
                    "phase_out_partners",
                ],
                rows=2,
            ),
        }

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = members_of(cycle)
        self.fields["decision"].required = False
        self.fields["decision"].choices = [c for c in self.fields["decision"].choices if c[0] != ""]

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") in ("expand", "maintain", "reinstate")
            and not (cleaned.get("next_steps") or "").strip()
        ):
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


class SurveyForm(VersionedModelForm):
    class Meta:
        model = Survey
        fields = ["opens_on", "closes_on", "ask_name"]
        widgets = {"opens_on": DateInput(), "closes_on": DateInput()}

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.cycle = cycle

    def clean(self):
        cleaned = super().clean()
        opens_on, closes_on = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens_on and closes_on:
            if closes_on < opens_on:
                self.add_error(
                    "closes_on", _("The closing date must be on or after the opening date.")
                )
            elif closes_on < timezone.localdate():
                self.add_error(
                    "closes_on",
                    _("This date has passed, so nobody could answer. Pick a later one."),
                )
        return cleaned


def _answer(label, *, rows=3, max_length=TEXT_MAX):
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class SurveyAnswerForm(Form):
    """Questions 1 and 2 of the protocol, as anyone with the link answers them."""

    respondent = forms.CharField(label=_("Your name (optional)"), max_length=150, required=False)
    respondent_type = forms.ChoiceField(
        label=_("I am"), choices=RespondentType.choices, widget=forms.RadioSelect
    )
    answer_1 = _answer(Interview._meta.get_field("answer_1").verbose_name)
    answer_2 = _answer(Interview._meta.get_field("answer_2").verbose_name)
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, survey, respondent_type: str, **kwargs):
        super().__init__(*args, **kwargs)
        if not survey.ask_name:
            del self.fields["respondent"]
        self.fields["respondent_type"].initial = respondent_type
        self.fields["answer_2"].label = Q2_ASKED[respondent_type]

    def is_spam(self) -> bool:
        return bool(str(self.data.get(HONEYPOT, "")).strip())


class SurveyProgramForm(Form):
    """Questions 3 to 11 about one program the respondent names."""

    name = forms.CharField(label=_("Program or initiative"), max_length=200, required=False)

    def __init__(self, *args, district_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        for field in MENTION_FIELDS[1:]:
            model_field = Mention._meta.get_field(field)
            if field == "reports_on_hand":
                continue
            if field == "q3_began":
                self.fields[field] = forms.CharField(
                    label=model_field.verbose_name, max_length=100, required=False
                )
            else:
                self.fields[field] = _answer(model_field.verbose_name, rows=2)
        self.fields["q11_else"].label = Q11 % {"district": district_name}

    def clean(self):
        cleaned = super().clean()
        answered = any((cleaned.get(f) or "").strip() for f in self.fields if f != "name")
        if answered and not (cleaned.get("name") or "").strip():
            self.add_error("name", _("Give the name of the program these answers are about."))
        elif cleaned.get("name") and not name_key(cleaned["name"]):
            self.add_error("name", _("Give the program's name in letters or digits."))
        return cleaned


MAX_SURVEY_PROGRAMS = 10
SurveyProgramFormSet = forms.formset_factory(
    SurveyProgramForm,
    extra=0,
    max_num=MAX_SURVEY_PROGRAMS,
    validate_max=True,
    absolute_max=MAX_SURVEY_PROGRAMS,
)


class ImportForm(Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("Use the inventory table's column headings, as in the exported file."),
    )
