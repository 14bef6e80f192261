"""Forms of the links anyone can answer: the committee's settings and the public answer forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sel_planner.districts.editing import VersionedModelForm
from sel_planner.districts.forms import DateInput
from sel_planner.districts.text import Form

from ..models import ANSWER_MAX, FEEDBACK_QUESTIONS, Questionnaire

HONEYPOT = "website"


class QuestionnaireForm(VersionedModelForm):
    """When the online questionnaire is open and what it asks besides the questions."""

    class Meta:
        model = Questionnaire
        fields = ["opens_on", "closes_on", "ask_group", "ask_name"]
        widgets = {"opens_on": DateInput(), "closes_on": DateInput()}
        help_texts = {
            "closes_on": _("The link stops taking answers after this day."),
        }

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.cycle = cycle
        self.has_questions = cycle.vision_question_set.exists()

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
        if not self.has_questions:
            raise ValidationError(_("Add at least one discussion question in Step 2 first."))
        return cleaned


class _PublicForm(Form):
    """What both public answer forms share: an optional name and a field only robots fill in."""

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


def _any_error(form, names) -> bool:
    """Whether an answer was refused already (too long): then "answer one" would only confuse."""
    return any(name in form.errors for name in names)


def _answer_field(label) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class QuestionnaireAnswerForm(_PublicForm):
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
        self.questions = questions
        for question in questions:
            self.fields[f"q{question.pk}"] = _answer_field(question.display)
        self.order_fields([*self.field_order, *(f"q{q.pk}" for q in questions), "website"])

    def clean(self):
        cleaned = super().clean()
        names = [f"q{q.pk}" for q in self.questions]
        if not any(cleaned.get(name, "").strip() for name in names) and not _any_error(self, names):
            raise ValidationError(_("Answer at least one question."))
        return cleaned

    def answers(self):
        """(question, text) for each question answered."""
        return [
            (q, self.cleaned_data[f"q{q.pk}"].strip())
            for q in self.questions
            if self.cleaned_data[f"q{q.pk}"].strip()
        ]

    @property
    def chosen_group(self):
        return self.cleaned_data.get("group")


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class FeedbackAnswerForm(_PublicForm):
    """The workbook's five feedback questions on a draft vision statement."""

    def __init__(self, *args, feedback_round, **kwargs):
        super().__init__(*args, ask_name=feedback_round.ask_name, **kwargs)
        order = ["respondent"]
        for number, (_question, yes_no) in enumerate(FEEDBACK_QUESTIONS, start=1):
            if yes_no:
                self.fields[f"agrees{number}"] = forms.ChoiceField(
                    label=_("Yes or no (optional)"),
                    choices=YES_NO,
                    required=False,
                    widget=forms.RadioSelect,
                )
                order.append(f"agrees{number}")
            self.fields[f"text{number}"] = _answer_field(
                _("Your explanation") if yes_no else _("Your answer")
            )
            order.append(f"text{number}")
        self.order_fields([*order, "website"])

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

    def clean(self):
        cleaned = super().clean()
        names = [name for name in self.fields if name.startswith(("agrees", "text"))]
        if not self.answers() and not _any_error(self, names):
            raise ValidationError(_("Answer at least one question."))
        return cleaned

    def answers(self):
        """(question number, agrees True/False/None, text) for each question answered."""
        rows = []
        for number in range(1, len(FEEDBACK_QUESTIONS) + 1):
            choice = self.cleaned_data.get(f"agrees{number}") or ""
            agrees = {"yes": True, "no": False}.get(choice)
            text = (self.cleaned_data.get(f"text{number}") or "").strip()
            if agrees is not None or text:
                rows.append((number, agrees, text))
        return rows
