from django import forms
from django.utils.translation import gettext_lazy as _

from sel_planner.districts.editing import VersionedModelForm
from sel_planner.districts.forms import DateInput, quantity_field
from sel_planner.districts.quantities import parse_quantity, school_year
from sel_planner.districts.text import ModelForm

from ..models import GOAL_QUESTIONS, Comment, Feedback, Goal, GoalsWorkspace

RECOMMENDED_YEARS = range(3, 6)
# What the goal form asks after the questions and the baseline and target.
AFTER_QUANTITIES = ["goal_type", "target_year", "year_reason", "schedule", "statement"]


class GoalForm(VersionedModelForm):
    baseline = quantity_field(_("Baseline"), _("A number with its unit, e.g. 50%, or words."))
    target = quantity_field(_("Target"), _("e.g. 90%; a number when the baseline is one."))
    target_year = forms.TypedChoiceField(
        label=_("Target school year"), coerce=int, required=False, empty_value=None
    )

    class Meta:
        model = Goal
        fields = [*GOAL_QUESTIONS, *AFTER_QUANTITIES]
        help_texts = {
            "change": _(
                "Write your committee’s collective answer to “what change is going to occur?” "
                "Specifically, address the following questions: What would this look like in "
                "action? What is a compelling, actionable description that will help bring "
                "together district stakeholders? Consider first what outcomes for students and "
                "adults will demonstrate this priority, and whether any changes in implementation "
                "must occur to achieve these outcomes."
            ),
            "measurement": _(
                "Consider existing data sources and any new data sources you may need. Common "
                "sources include student administrative data (e.g., attendance, behavior, grades); "
                "surveys administered to staff, students, or families on school/ classroom "
                "climate; student social and emotional competence data."
            ),
            "inclusion": _(
                "Encourage the committee to think critically about traditionally excluded or "
                "marginalized groups in the district. The committee should make sure they are not "
                "excluded here and will benefit from this goal."
            ),
            "equity": _(
                "To answer the question on the left, consider how to eliminate or decrease "
                "disparities in outcomes between subgroups."
            ),
            "how_much": _(
                "Identify any baseline district data related to the type of measurement you need "
                "to monitor progress for this goal. Examine past rates of change to set a feasible "
                "yet ambitious target. If there is no baseline data, look for data from other "
                "districts that have implemented similar SEL work."
            ),
            "year_reason": _("Needed only when the target year is not three to five years out."),
            "schedule": _("For example: at the beginning and end of each school year."),
        }
        widgets = {
            **{name: forms.Textarea(attrs={"rows": 3}) for name in GOAL_QUESTIONS},
            "statement": forms.Textarea(attrs={"rows": 5}),
            "goal_type": forms.RadioSelect,
        }

    field_order = [*GOAL_QUESTIONS, "baseline", "target", *AFTER_QUANTITIES]

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.first_year = cycle.end_date.year
        years = range(self.first_year + 1, self.first_year + 9)
        self.fields["target_year"].choices = [("", "—")] + [(y, school_year(y)) for y in years]
        shown = self.instance.shown_quantities()
        self.fields["baseline"].initial = shown["baseline"]
        self.fields["target"].initial = shown["target"]

    def clean(self):
        cleaned = super().clean()
        goal = self.instance
        baseline = parse_quantity(cleaned.get("baseline", ""))
        goal.baseline_value, goal.baseline_unit, goal.baseline_text = baseline
        target = parse_quantity(cleaned.get("target", ""))
        goal.target_value, goal.target_unit, goal.target_text = target
        if goal.baseline_value is not None and cleaned.get("target") and goal.target_value is None:
            self.add_error(
                "target",
                _("The baseline is a number, so give the target as a number too, e.g. 90%."),
            )
        year, reason = cleaned.get("target_year"), cleaned.get("year_reason", "").strip()
        if year and (year - self.first_year) not in RECOMMENDED_YEARS and not reason:
            self.add_error(
                "year_reason",
                _(
                    "The workbook recommends three to five years; say why this goal needs another "
                    "time frame."
                ),
            )
        return cleaned


class WorkspaceForm(VersionedModelForm):
    class Meta:
        model = GoalsWorkspace
        fields = ["vision_text", "alignment_note"]
        widgets = {
            "vision_text": forms.Textarea(attrs={"rows": 4}),
            "alignment_note": forms.Textarea(attrs={"rows": 4}),
        }


class CommentForm(ModelForm):
    class Meta:
        model = Comment
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"text": {"required": _("Write the comment first.")}}


class FeedbackForm(ModelForm):
    class Meta:
        model = Feedback
        fields = ["source", "received_on", "summary", "revision"]
        widgets = {
            "received_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "revision": forms.Textarea(attrs={"rows": 3}),
        }
