from django import forms
from django.utils.translation import gettext_lazy as _

from sel_planner.districts.forms import PublicAnswerForm, answer_field
from sel_planner.districts.text import Form

from ..models import TEXT_MAX, Interview, Mention, RespondentType, name_key
from ..protocol import Q2_ASKED, Q11
from ._common import MENTION_FIELDS


class SurveyAnswerForm(PublicAnswerForm):
    """Questions 1 and 2 of the protocol, as anyone with the link answers them."""

    respondent_type = forms.ChoiceField(
        label=_("I am"), choices=RespondentType.choices, widget=forms.RadioSelect
    )
    answer_1 = answer_field(
        Interview._meta.get_field("answer_1").verbose_name, rows=3, max_length=TEXT_MAX
    )
    answer_2 = answer_field(
        Interview._meta.get_field("answer_2").verbose_name, rows=3, max_length=TEXT_MAX
    )

    field_order = ["respondent", "respondent_type", "answer_1", "answer_2"]

    def __init__(self, *args, survey, respondent_type: str, **kwargs):
        super().__init__(*args, ask_name=survey.ask_name, **kwargs)
        self.fields["respondent_type"].initial = respondent_type
        self.fields["answer_2"].label = Q2_ASKED[respondent_type]


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
                self.fields[field] = answer_field(
                    model_field.verbose_name, rows=2, max_length=TEXT_MAX
                )
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
