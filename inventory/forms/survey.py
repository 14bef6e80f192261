from sel_planner.districts.forms import CycleRecordForm, DateInput, link_dates_check

from ..models import Survey


class SurveyForm(CycleRecordForm):
    class Meta:
        model = Survey
        fields = ["opens_on", "closes_on", "ask_name"]
        widgets = {"opens_on": DateInput(), "closes_on": DateInput()}

    def clean(self):
        cleaned = super().clean()
        link_dates_check(self, cleaned)
        return cleaned
