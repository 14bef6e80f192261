from django.utils.translation import gettext_lazy as _

from sel_planner.districts.forms import CycleRecordForm, DateInput

from ..models import Assessment


class AssessmentForm(CycleRecordForm):
    class Meta:
        model = Assessment
        fields = ["kind", "name", "opens_on", "closes_on"]
        widgets = {"opens_on": DateInput(), "closes_on": DateInput()}

    def __init__(self, *args, framework=None, **kwargs):
        super().__init__(*args, **kwargs)
        if framework is not None:
            self.instance.framework = framework
        if self.instance.pk:
            self.fields["kind"].disabled = True

    def clean(self):
        cleaned = super().clean()
        kind, name = cleaned.get("kind"), (cleaned.get("name") or "").strip()
        cleaned["name"] = name
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The due date cannot be before the opening date."))
        if kind == Assessment.Kind.OTHER and not name:
            self.add_error("name", _("Name this assessment, for example Mid-year check-in."))
        others = self.cycle.rubric_assessment_set.exclude(pk=self.instance.pk)
        once_a_cycle = kind in (Assessment.Kind.BEGINNING, Assessment.Kind.END)
        if once_a_cycle and others.filter(kind=kind).exists():
            self.add_error("kind", _("This cycle already has an assessment of this kind."))
        if kind == Assessment.Kind.OTHER and others.filter(kind=kind, name__iexact=name).exists():
            self.add_error("name", _("This cycle already has an assessment with this name."))
        return cleaned
