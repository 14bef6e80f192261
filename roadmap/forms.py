import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from sel_planner.districts.editing import VersionedModelForm
from sel_planner.districts.quantities import school_year

from .data_sources import DataSource, grouped_choices
from .models import MAX_YEARS, MIN_YEARS, ReflectionRow, Roadmap, RoadmapRow, SchoolRollout, Target

NUMBER = re.compile(
    r"^\s*(?P<value>-?\d{1,9}(?:[.,]\d{1,2})?)\s*(?P<unit>%|[^\W\d_][^\d%]{0,29})?\s*$"
)
CURRENT, LONG_TERM = "current", "long_term"


def parse_number(text: str) -> tuple[Decimal | None, str] | None:
    """`60%` → (60, "%"), `8 schools` → (8, "schools"), `` → (None, "");
    None when it is not a number."""
    if not (text or "").strip():
        return None, ""
    match = NUMBER.match(text)
    if not match:
        return None
    return Decimal(match["value"].replace(",", ".")), (match["unit"] or "").strip()


class ReflectionRowForm(VersionedModelForm):
    rubric_items = forms.MultipleChoiceField(
        label=_("rubric items"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose items of the current rubric.")},
        help_text=_("Rubric items whose latest scores explain the gap; they are shown beside it."),
    )
    programs = forms.MultipleChoiceField(
        label=_("inventory programs"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose programs of this cycle's inventory.")},
        help_text=_(
            "Programs and initiatives of the inventory that explain the gap; whether they are "
            "active, whether they achieve their goals and the team's decision are shown beside it."
        ),
    )
    data_sources = forms.MultipleChoiceField(
        label=_("Data Source"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Clarify the source of data that will be consulted to measure progress toward the goal."
        ),
    )

    class Meta:
        model = ReflectionRow
        fields = [
            "goal",
            "outcome",
            "data_sources",
            "data_source_other",
            "timing",
            "disaggregated",
            "current_status",
            "gap_analysis",
            "priorities",
            "rubric_items",
            "programs",
        ]
        labels = {"goal": _("Long-term SMARTIE goal")}
        help_texts = {
            "data_source_other": _("A source not in the list, typed in."),
            "current_status": _(
                "Reference prior and current data that helps the team make sense of the current "
                "status and rate of progress toward the long-term goal."
            ),
            "gap_analysis": _(
                "What are the gaps between our long-term goal and where we are now? Why might "
                "these gaps exist? What are patterns of change in the data over the years? Why "
                "might these patterns exist?"
            ),
            "priorities": _(
                "What will we need to prioritize in the coming years to bridge the gap between "
                "where we are now and our long-term goal? Considering the gap analysis, what kind "
                "of approach is likely to be an effective lever for improvement and help us "
                "navigate the challenges we're seeing?"
            ),
        }
        widgets = {
            "outcome": forms.Textarea(attrs={"rows": 2}),
            "current_status": forms.Textarea(attrs={"rows": 3}),
            "gap_analysis": forms.Textarea(attrs={"rows": 4}),
            "priorities": forms.Textarea(attrs={"rows": 4}),
            "timing": forms.RadioSelect,
        }
        error_messages = {
            "goal": {"invalid_choice": _("Choose one of this cycle's long-term goals.")},
            "outcome": {"required": _("Write the measurable outcome from the goal.")},
        }

    def __init__(self, *args, cycle, **kwargs):
        from rubric.models import Item

        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = cycle.goals_goal_set.select_related("priority")
        self.fields["goal"].label_from_instance = lambda goal: goal.priority.phrase
        self.fields["timing"].choices = [
            ("", _("Not decided")),
            *list(self.fields["timing"].choices)[1:],
        ]
        self.item_codes = [
            (item.code, f"{item.code} {item.title}")
            for item in Item.objects.filter(focus_area__framework__is_current=True).order_by(
                "focus_area__number", "position"
            )
        ]
        self.fields["rubric_items"].choices = self.item_codes
        self.program_codes = [
            (str(code), name)
            for code, name in cycle.inventory_program_set.order_by("name_key", "pk").values_list(
                "code", "name"
            )
        ]
        self.fields["programs"].choices = self.program_codes
        if not self.program_codes:
            self.fields["programs"].help_text = _(
                "The inventory of this cycle has no programs yet: add them in the inventory to "
                "cite them here."
            )
        # Conflict pages name sources by label:
        # the field keeps flat choices, the widget groups them.
        self.fields["data_sources"].choices = DataSource.choices
        self.fields["data_sources"].widget.choices = grouped_choices()
        if self.instance.pk:
            del self.fields["goal"]  # a row stays with the goal it was written for

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("data_sources") and not cleaned.get("data_source_other", "").strip():
            self.add_error(
                "data_sources", _("Pick a data source from the list or type one in below.")
            )
        if not self.program_codes and "programs" in self.errors:
            # Without any program to tick the field shows no message of its own: say it above.
            self.add_error(None, list(self.errors["programs"]))
        return cleaned

    def clean_data_sources(self):
        return [key for key in DataSource.values if key in self.cleaned_data["data_sources"]]

    def clean_rubric_items(self):
        chosen = set(self.cleaned_data["rubric_items"])
        return [code for code, _label in self.item_codes if code in chosen]

    def clean_programs(self):
        chosen = set(self.cleaned_data["programs"])
        return [code for code, _label in self.program_codes if code in chosen]


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
    years = forms.TypedChoiceField(label=_("number of years"), coerce=int)

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
        self.fields["years"].help_text = _(
            "A three- to five-year roadmap, within the goal's time frame."
        )

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
        [(CURRENT, _("Current Status"))]
        + [(f"year-{k}", _("Year %(k)s") % {"k": k}) for k in range(1, years + 1)]
        + [(LONG_TERM, _("Long term goal"))]
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
        self.fields["number"].widget.attrs["placeholder"] = (
            f"60{unit}" if unit == "%" else f"60 {unit}"
        )
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
        column = cleaned.get("column")
        if column:
            self.instance.stage = Target.Stage.YEAR if column.startswith("year-") else column
            self.instance.year = int(column[5:]) if column.startswith("year-") else None
        return cleaned


class RolloutForm(VersionedModelForm):
    year = forms.TypedChoiceField(label=_("starts implementing"), coerce=int)

    class Meta:
        model = SchoolRollout
        fields = ["school", "year", "grades"]
        error_messages = {
            "school": {"invalid_choice": _("Choose one of the district's schools.")},
        }

    def __init__(self, *args, cycle, years: int, first_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        self.fields["school"].queryset = cycle.district.schools.all()
        self.fields["school"].label_from_instance = lambda s: (
            f"{s.name} ({s.get_level_display()}{', ' + s.grade_band if s.grade_band else ''})"
        )
        self.fields["year"].choices = [(0, _("Already implementing (current status)"))] + [
            (k, _("Year %(k)s (%(year)s)") % {"k": k, "year": school_year(first_year + k - 1)})
            for k in range(1, years + 1)
        ]
        self.fields["year"].error_messages["invalid_choice"] = _(
            "That year is beyond the roadmap, which runs from Year 1 to Year %(n)s."
        ) % {"n": years}
        if self.instance.pk:
            del self.fields["school"]  # an entry stays with its school; take it out to change

    def clean_school(self):
        school = self.cleaned_data["school"]
        taken = SchoolRollout.objects.filter(cycle=self.cycle, school=school)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("This school is already in the roll-out plan."))
        return school
