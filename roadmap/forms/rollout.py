from django import forms
from django.utils.translation import gettext_lazy as _

from sel_planner.districts.forms import CycleRecordForm
from sel_planner.districts.quantities import school_year

from ..models import SchoolRollout


class RolloutForm(CycleRecordForm):
    year = forms.TypedChoiceField(label=_("starts implementing"), coerce=int)

    class Meta:
        model = SchoolRollout
        fields = ["school", "year", "grades"]
        error_messages = {
            "school": {"invalid_choice": _("Choose one of the district's schools.")},
        }

    def __init__(self, *args, years: int, first_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = self.cycle.district.schools.all()
        self.fields["school"].label_from_instance = lambda s: (
            f"{s.name} ({s.get_level_display()}{', ' + s.grade_band if s.grade_band else ''})"
        )
        self.fields["year"].choices = [(0, _("Already implementing (current status)"))] + [
            (k, _("Year %(k)s (%(year)s)") % {"k": k, "year": school_year(first_year + k - 1)})
            for k in range(1, years + 1)
        ]
        self.fields["year"].error_messages["invalid_choice"] = _(
            "That year is beyond the roadmap, which runs from Year 1 to Year %(n)s."
        ) % {"n": years}
        if self.instance.pk:
            del self.fields["school"]  # an entry stays with its school; take it out to change

    def clean_school(self):
        school = self.cleaned_data["school"]
        taken = SchoolRollout.objects.filter(cycle=self.cycle, school=school)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("This school is already in the roll-out plan."))
        return school
