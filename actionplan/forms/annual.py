from django import forms
from django.utils.translation import gettext_lazy as _

from sel_planner.districts.editing import VersionedModelForm
from sel_planner.districts.forms import CycleRecordForm
from sel_planner.districts.quantities import parse_quantity, show_quantity

from ..models import ANSWER_FIELDS, AnnualGoal


class AnnualGoalForm(CycleRecordForm):
    baseline = forms.CharField(
        label=_("Baseline"),
        max_length=300,
        required=False,
        help_text=_("A number with its unit, e.g. 50%, or words."),
    )
    target = forms.CharField(
        label=_("Target"),
        max_length=300,
        required=False,
        help_text=_("A number where one fits, e.g. 100%, or words."),
    )

    class Meta:
        model = AnnualGoal
        fields = ["goal", "year_target", *ANSWER_FIELDS, "goal_type", "statement"]
        help_texts = {
            "change": _(
                "Specifically, address the following questions: What will this look like in "
                "action? What is a compelling, actionable description that will help bring "
                "together district stakeholders?"
            ),
            "measurement": _(
                "Consider existing data sources and any new data sources you may need. Some common "
                "sources of data include student administrative data (e.g., attendance, behavior, "
                "grades); surveys administered to staff, students, or families on school/classroom "
                "climate; student social and emotional competence data."
            ),
            "inclusion": _(
                "Encourage the team to think critically about traditionally excluded or "
                "marginalized groups in the district. The team wants to make sure they are not "
                "excluded here and will benefit from this goal."
            ),
            "equity": _(
                "To answer the question on the left, consider how to eliminate or decrease "
                "disparities in outcomes between subgroups."
            ),
        }
        widgets = {
            **{name: forms.Textarea(attrs={"rows": 3}) for name in ["year_target", *ANSWER_FIELDS]},
            "statement": forms.Textarea(attrs={"rows": 4}),
            "goal_type": forms.RadioSelect,
        }

    field_order = ["goal", "year_target", *ANSWER_FIELDS, "baseline", "target"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = self.cycle.goals_goal_set.select_related("priority")
        self.fields["goal"].label_from_instance = lambda goal: str(goal.priority)
        self.fields["baseline"].initial = show_quantity(
            self.instance.baseline_value, self.instance.baseline_unit, self.instance.baseline_text
        )
        self.fields["target"].initial = show_quantity(
            self.instance.target_value, self.instance.target_unit, self.instance.target_text
        )

    def clean(self):
        cleaned = super().clean()
        base = parse_quantity(cleaned.get("baseline", ""))
        target = parse_quantity(cleaned.get("target", ""))
        if base[0] is not None and cleaned.get("target") and target[0] is None:
            self.add_error(
                "target",
                _("The baseline is a number, so give the target as a number too, e.g. 90%."),
            )
        self.instance.baseline_value, self.instance.baseline_unit, self.instance.baseline_text = (
            base
        )
        self.instance.target_value, self.instance.target_unit, self.instance.target_text = target
        return cleaned


class RationaleForm(VersionedModelForm):
    class Meta:
        model = AnnualGoal
        fields = ["rationale"]
        widgets = {"rationale": forms.Textarea(attrs={"rows": 5})}
