from django import forms
from django.utils.translation import gettext_lazy as _

from rubric.models import Item
from sel_planner.districts.forms import CycleRecordForm

from ..data_sources import DataSource, grouped_choices
from ..models import ReflectionRow


class ReflectionRowForm(CycleRecordForm):
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = self.cycle.goals_goal_set.select_related("priority")
        self.fields["goal"].label_from_instance = lambda goal: goal.priority.phrase
        timing = self.fields["timing"]
        timing.choices = [("", _("Not decided")), *timing.choices[1:]]
        self.item_codes = [
            (item.code, f"{item.code} {item.title}")
            for item in Item.objects.filter(focus_area__framework__is_current=True).order_by(
                "focus_area__number", "position"
            )
        ]
        self.fields["rubric_items"].choices = self.item_codes
        self.program_codes = [
            (str(code), name)
            for code, name in self.cycle.inventory_program_set.order_by(
                "name_key", "pk"
            ).values_list("code", "name")
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
