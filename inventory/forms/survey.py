from sel_planner.districts.editing import VersionedModelForm
from sel_planner.districts.forms import DateInput, link_dates_check

from ..models import Survey


class SurveyForm(VersionedModelForm):
    class Meta:
        model = Survey
        fields = ["opens_on", "closes_on", "ask_name"]
        widgets = {"opens_on": DateInput(), "closes_on": DateInput()}

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.cycle = cycle

    def clean(self):
        cleaned = super().clean()
        link_dates_check(self, cleaned)
        return cleaned
