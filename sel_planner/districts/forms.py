from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from sel_planner.accounts.models import User, normalise_email

from .editing import VersionedModelForm
from .models import RESERVED_CYCLE_SLUGS, District, PlanningCycle, Role, School
from .text import Form, FormMixin


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class RecordsField(forms.ModelMultipleChoiceField):
    """A choice of several records that refuses ids no integer column can hold.

    Django looks such an id up as it is, and SQLite raises OverflowError on it (a server
    error); PostgreSQL finds nothing. Either way it is not one of the choices.
    """

    def _check_values(self, value):
        assert self.queryset is not None  # the field is always built with its records
        meta = self.queryset.model._meta
        field = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        if isinstance(field, models.IntegerField):
            for pk in value:
                try:
                    number = int(str(pk))
                except ValueError:
                    continue  # not a number at all: Django's own check names it
                if not -(2**63) <= number < 2**63:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        # django-stubs leaves out the private methods of ModelMultipleChoiceField.
        return super()._check_values(value)  # type: ignore[misc]


def cycle_label_clean(label: str, *, district, cycle=None) -> str:
    """The label, stripped, if it gives the district a new usable cycle address;
    else ValidationError."""
    label = label.strip()
    slug = slugify(label)
    if not slug:
        raise ValidationError(_("Use letters or numbers, for example 2026-27."))
    if slug in RESERVED_CYCLE_SLUGS:
        raise ValidationError(_("Name the cycle after its school year, for example 2026-27."))
    clash = PlanningCycle.objects.filter(district=district, slug=slug)
    if cycle is not None and cycle.pk:
        clash = clash.exclude(pk=cycle.pk)
    if clash.exists():
        raise ValidationError(_("The district already has a cycle for this school year."))
    return label


class DistrictSettingsForm(VersionedModelForm):
    class Meta:
        model = District
        fields = ["name", "state", "timezone", "student_count"]


class SchoolForm(VersionedModelForm):
    class Meta:
        model = School
        fields = ["name", "level", "grade_band"]

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.district = district

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = School.objects.filter(district=self.instance.district, name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(_("The district already has a school with this name."))
        return name


class CycleForm(VersionedModelForm):
    class Meta:
        model = PlanningCycle
        fields = ["label", "start_date", "end_date", "phase"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}
        help_texts = {"phase": _("A closed cycle is kept as a read-only record.")}

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.district = district

    def clean_label(self):
        return cycle_label_clean(
            self.cleaned_data["label"], district=self.instance.district, cycle=self.instance
        )

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end <= start:
            self.add_error("end_date", _("The end date must be after the start date."))
        return cleaned


class InviteForm(Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.district = district

    def clean_email(self):
        email = normalise_email(self.cleaned_data["email"])
        if self.district.memberships.filter(user__email=email).exists():
            raise ValidationError(_("This person is already a member of the district."))
        return email


class RoleForm(Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


def members_of(cycle):
    """The district's people, as forms offer them for a choice of owner, interviewer or member."""
    return User.objects.filter(memberships__district_id=cycle.district_id).order_by(
        "full_name", "email"
    )


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class TextBoxes(FormMixin):
    """Makes a model form's text boxes `text_rows` lines high."""

    text_rows = 3

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = self.text_rows


class CycleRecordForm(VersionedModelForm):
    """A form on one of `cycle`'s records: a new record is made in that cycle."""

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        self.instance.cycle = cycle


def answer_field(label, *, rows: int, max_length: int) -> forms.CharField:
    """An optional text box for one answer to a questionnaire."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def quantity_field(label, help_text) -> forms.CharField:
    """An optional quantity as typed (a number with its unit, or words), for `parse_quantity`."""
    return forms.CharField(label=label, max_length=300, required=False, help_text=help_text)


def link_dates_check(form, cleaned: dict, *, past_refused: bool = True) -> None:
    """Refuse a public link that closes before it opens or (`past_refused`) on a day gone by."""
    opens_on, closes_on = cleaned.get("opens_on"), cleaned.get("closes_on")
    if not (opens_on and closes_on):
        return
    if closes_on < opens_on:
        form.add_error("closes_on", _("The closing date must be on or after the opening date."))
    elif past_refused and closes_on < timezone.localdate():
        form.add_error(
            "closes_on", _("This date has passed, so nobody could answer. Pick a later one.")
        )


HONEYPOT = "website"


class PublicAnswerForm(Form):
    """What the forms of public links share: an optional name and a field only robots fill in."""

    respondent = forms.CharField(label=_("Your name (optional)"), max_length=150, required=False)
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, ask_name: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not ask_name:
            del self.fields["respondent"]

    def is_spam(self) -> bool:
        """Whether the hidden field was filled in: a robot, which is thanked but not stored."""
        return bool(str(self.data.get(HONEYPOT, "")).strip())

    def visible_fields_but_honeypot(self):
        return [field for field in self if field.name != HONEYPOT]

    @property
    def respondent_name(self) -> str:
        return self.cleaned_data.get("respondent", "").strip()
