"""Forms of the links anyone can answer: the committee's settings and the public answer forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sel_planner.districts.forms import (
    CycleRecordForm,
    DateInput,
    PublicAnswerForm,
    link_dates_check,
)

from ..models import Questionnaire
from .core import QuestionBoxes
from .feedback import FeedbackQuestions


class QuestionnaireForm(CycleRecordForm):
    """When the online questionnaire is open and what it asks besides the questions."""

    class Meta:
        model = Questionnaire
        fields = ["opens_on", "closes_on", "ask_group", "ask_name"]
        widgets = {"opens_on": DateInput(), "closes_on": DateInput()}
        help_texts = {"closes_on": _("The link stops taking answers after this day.")}

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, cycle=cycle, **kwargs)
        self.has_questions = cycle.vision_question_set.exists()

    def clean(self):
        cleaned = super().clean()
        link_dates_check(self, cleaned)
        if not self.has_questions:
            raise ValidationError(_("Add at least one discussion question in Step 2 first."))
        return cleaned


def _any_error(form, names) -> bool:
    """Whether an answer was refused already (too long): then "answer one" would only confuse."""
    return any(name in form.errors for name in names)


class QuestionnaireAnswerForm(QuestionBoxes, PublicAnswerForm):
    """One text box per question of the cycle, answered by anyone with the link."""

    group = forms.ModelChoiceField(
        label=_("Which group are you part of? (optional)"),
        queryset=None,
        required=False,
        empty_label=_("Prefer not to say"),
    )

    field_order = ["group", "respondent"]

    def __init__(self, *args, questionnaire, questions, **kwargs):
        super().__init__(*args, ask_name=questionnaire.ask_name, **kwargs)
        if questionnaire.ask_group:
            # Only the groups of the link's own cycle: an id from elsewhere is refused.
            self.fields["group"].queryset = questionnaire.cycle.vision_stakeholdergroup_set.all()
        else:
            del self.fields["group"]
        self.add_question_boxes(questions, rows=4)
        self.order_fields([*self.field_order, *(f"q{q.pk}" for q in questions), "website"])

    def clean(self):
        cleaned = super().clean()
        names = [f"q{q.pk}" for q in self.questions]
        if not any(cleaned.get(name, "").strip() for name in names) and not _any_error(self, names):
            raise ValidationError(_("Answer at least one question."))
        return cleaned

    @property
    def chosen_group(self):
        return self.cleaned_data.get("group")


class FeedbackAnswerForm(FeedbackQuestions, PublicAnswerForm):
    """The workbook's five feedback questions on a draft vision statement."""

    def __init__(self, *args, feedback_round, **kwargs):
        super().__init__(*args, ask_name=feedback_round.ask_name, **kwargs)
        names = self.add_question_fields(
            yes_no=_("Yes or no (optional)"),
            explanation=_("Your explanation"),
            answer=_("Your answer"),
            rows=4,
        )
        self.order_fields(["respondent", *names, "website"])

    def clean(self):
        cleaned = super().clean()
        names = [name for name in self.fields if name.startswith(("agrees", "text"))]
        if not self.answers() and not _any_error(self, names):
            raise ValidationError(_("Answer at least one question."))
        return cleaned
