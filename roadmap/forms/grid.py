import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from sel_planner.districts.editing import VersionedModelForm
from sel_planner.districts.quantities import school_year, show_quantity

from ..models import MAX_YEARS, MIN_YEARS, Roadmap, RoadmapRow, Target

NUMBER = re.compile(
    r"^\s*(?P<value>-?\d{1,9}(?:[.,]\d{1,2})?)\s*(?P<unit>%|[^\W\d_][^\d%]{0,29})?\s*$"
)


def parse_number(text: str) -> tuple[Decimal | None, str] | None:
    """`60%` → (60, "%"), `8 schools` → (8, "schools"), `` → (None, "");
    None when it is not a number."""
    if not (text or "").strip():
        return None, ""
    match = NUMBER.match(text)
    if not match:
        return None
    return Decimal(match["value"].replace(",", ".")), (match["unit"] or "").strip()


class RoadmapForm(VersionedModelForm):
    class Meta:
        model = Roadmap
        fields = ["district_priorities", "rollout_approach", "rollout_note"]
        widgets = {
            "district_priorities": forms.Textarea(attrs={"rows": 4}),
            "rollout_note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "rollout_note": _(
                "CASEL recommends a phased approach based on your district’s size and needs."
            )
        }


class RoadmapRowForm(VersionedModelForm):
    years = forms.TypedChoiceField(
        label=_("number of years"),
        coerce=int,
        help_text=_("A three- to five-year roadmap, within the goal's time frame."),
    )

    class Meta:
        model = RoadmapRow
        fields = ["years"]

    def __init__(self, *args, first_year: int, time_frame: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.first_year, self.time_frame = first_year, time_frame
        shortest = min(MIN_YEARS, max(1, time_frame))
        label, first = _("%(n)s years (%(first)s to %(last)s)"), school_year(first_year)
        self.fields["years"].choices = [
            (n, label % {"n": n, "first": first, "last": school_year(first_year + n - 1)})
            for n in range(shortest, MAX_YEARS + 1)
        ]

    def clean_years(self):
        years = self.cleaned_data["years"]
        if years > self.time_frame:
            raise forms.ValidationError(
                _(
                    "The goal's target year is %(year)s, year %(n)s of the roadmap: choose at most "
                    "%(n)s years, or change the goal's target year."
                ),
                params={
                    "year": school_year(self.first_year + self.time_frame - 1),
                    "n": self.time_frame,
                },
            )
        if self.instance.pk:
            beyond = self.instance.targets.filter(stage=Target.Stage.YEAR, year__gt=years).count()
            if beyond:
                raise forms.ValidationError(
                    _(
                        "%(count)s targets sit in years after year %(n)s: move or remove them "
                        "before shortening the roadmap."
                    ),
                    params={"count": beyond, "n": years},
                )
        return years


def column_choices(years: int) -> list[tuple[str, str]]:
    return (
        [(Target.Stage.CURRENT.value, Target.Stage.CURRENT.label)]
        + [(f"year-{k}", _("Year %(k)s") % {"k": k}) for k in range(1, years + 1)]
        + [(Target.Stage.LONG_TERM.value, Target.Stage.LONG_TERM.label)]
    )


class TargetForm(VersionedModelForm):
    column = forms.ChoiceField(label=_("column"))
    number = forms.CharField(
        label=_("number"),
        max_length=40,
        required=False,
        help_text=_(
            "Optional: the number this target aims for, with its unit, e.g. 60% or 8 schools."
        ),
    )

    class Meta:
        model = Target
        fields = ["kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "kind": forms.RadioSelect}
        error_messages = {"text": {"required": _("Write the target.")}}

    field_order = ["column", "kind", "text", "number"]

    def __init__(self, *args, row: RoadmapRow, **kwargs):
        super().__init__(*args, **kwargs)
        self.row = row
        self.fields["column"].choices = column_choices(row.years)
        self.fields["column"].error_messages["invalid_choice"] = _(
            "That column is beyond this goal's roadmap, which runs from Year 1 to Year "
            "%(n)s. Choose a year within it, or give the goal's roadmap more years."
        ) % {"n": row.years}
        unit = row.goal.target_unit or "%"
        self.fields["number"].widget.attrs["placeholder"] = show_quantity(60, unit, "")
        if self.instance.pk:
            self.fields["column"].initial = self.instance.column
            self.fields["number"].initial = self.instance.number

    def clean_number(self):
        text = self.cleaned_data["number"].strip()
        parsed = parse_number(text)
        if parsed is None:
            raise forms.ValidationError(
                _(
                    "Write only the number and its unit here, e.g. 60% or 8 schools; put the words "
                    "in the target itself."
                )
            )
        self.instance.value, self.instance.unit = parsed
        return self.instance.number

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("column"):
            self.instance.column = cleaned["column"]
        return cleaned
