"""Step 5's forms: opening a feedback round, the committee's entry of answers, the timeline."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sel_planner.districts.editing import VersionedModelForm
from sel_planner.districts.forms import CycleRecordForm, DateInput, answer_field, link_dates_check
from sel_planner.districts.text import Form

from ..models import ANSWER_MAX, FEEDBACK_QUESTIONS, Draft, FeedbackRound, Vision
from .drafts import DraftChoiceField

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class FeedbackRoundForm(CycleRecordForm):
    """A round of feedback on one draft of this cycle, answered through a public link."""

    draft = DraftChoiceField(
        label=_("Draft to ask about"),
        queryset=Draft.objects.none(),
        error_messages={
            "required": _("Choose the draft stakeholders will give feedback on."),
            "invalid_choice": _("Choose one of this cycle's drafts."),
        },
    )

    class Meta:
        model = FeedbackRound
        fields = ["draft", "opens_on", "closes_on", "ask_name"]
        widgets = {"opens_on": DateInput(), "closes_on": DateInput()}
        help_texts = {"closes_on": _("The link stops taking answers after this day.")}

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, cycle=cycle, **kwargs)
        # Only this cycle's drafts: a draft id from anywhere else is refused.
        self.fields["draft"].queryset = cycle.vision_draft_set.all()

    def clean(self):
        cleaned = super().clean()
        link_dates_check(self, cleaned, past_refused=False)
        return cleaned


class FeedbackQuestions:
    """The workbook's five feedback questions as form fields: a yes or no first, then a text."""

    def add_question_fields(self, *, yes_no, explanation, answer, rows: int) -> list[str]:
        """Add each question's fields with these labels; returns their names in order."""
        names = []
        for number, (_question, asks_yes_no) in enumerate(FEEDBACK_QUESTIONS, start=1):
            if asks_yes_no:
                self.fields[f"agrees{number}"] = forms.ChoiceField(
                    label=yes_no, choices=YES_NO, required=False, widget=forms.RadioSelect
                )
                names.append(f"agrees{number}")
            label = explanation if asks_yes_no else answer
            self.fields[f"text{number}"] = answer_field(label, rows=rows, max_length=ANSWER_MAX)
            names.append(f"text{number}")
        return names

    def question_rows(self):
        """Each question with its bound fields, for the template to group in a fieldset."""
        return [
            {
                "number": number,
                "text": question,
                "agrees": self[f"agrees{number}"] if yes_no else None,
                "text_field": self[f"text{number}"],
            }
            for number, (question, yes_no) in enumerate(FEEDBACK_QUESTIONS, start=1)
        ]

    def answers(self) -> list[tuple[int, bool | None, str]]:
        """(question number, agrees True/False/None, text) for each question answered."""
        rows = []
        for number in range(1, len(FEEDBACK_QUESTIONS) + 1):
            agrees = {"yes": True, "no": False}.get(self.cleaned_data.get(f"agrees{number}") or "")
            text = (self.cleaned_data.get(f"text{number}") or "").strip()
            if agrees is not None or text:
                rows.append((number, agrees, text))
        return rows


class CommitteeAnswerForm(FeedbackQuestions, Form):
    """One respondent's answers, typed in by a committee member (from paper or a meeting)."""

    respondent = forms.CharField(
        label=_("Respondent's name (optional)"), max_length=150, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_question_fields(
            yes_no=_("Yes or no"), explanation=_("Explanation"), answer=_("Answer"), rows=3
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned  # an answer was refused already: "answer one" would only confuse
        if not self.answers():
            raise ValidationError(_("Enter at least one answer."))
        return cleaned


def _yes_no_unset(value):
    return {"True": True, "False": False}.get(value)


class TimelineForm(VersionedModelForm):
    """Step 5's plan: when the vision will be final and whether participants see another draft."""

    show_next_version = forms.TypedChoiceField(
        label=_("Will participants see another version before it is final?"),
        choices=[("True", _("Yes")), ("False", _("No")), ("", _("Not decided yet"))],
        coerce=_yes_no_unset,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Vision
        fields = ["finalising_timeline", "show_next_version"]
        widgets = {"finalising_timeline": forms.Textarea(attrs={"rows": 4})}
        labels = {"finalising_timeline": _("What is the timeline for finalizing the vision?")}
