from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from sel_planner.districts import registry
from sel_planner.districts.editing import VersionedModelForm
from sel_planner.districts.text import Form

from .models import SECTION_TITLES, ReportDraft, ReportJob

NARRATIVE_MAX = 20_000
NARRATIVE_HELP = {
    "overview": _("An introduction to SEL and the history of the district's commitment."),
    "learnings": _("What the committee learned, its conclusions and the next steps."),
}


class ReportDraftForm(VersionedModelForm):
    public_sections = forms.MultipleChoiceField(
        label=_("Narrative shown on the public summary"),
        choices=list(SECTION_TITLES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Only the sections ticked here appear on the public summary page."),
    )

    class Meta:
        model = ReportDraft
        fields = [*SECTION_TITLES, "public_sections", "private_notes"]
        widgets = {key: forms.Textarea(attrs={"rows": 5}) for key in SECTION_TITLES}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in SECTION_TITLES:
            self.fields[key].widget.attrs["maxlength"] = NARRATIVE_MAX
            self.fields[key].validators.append(MaxLengthValidator(NARRATIVE_MAX))
            if key in NARRATIVE_HELP:
                self.fields[key].help_text = NARRATIVE_HELP[key]
        self.fields["private_notes"].widget.attrs["rows"] = 3


class ReportRequestForm(Form):
    kind = forms.ChoiceField(label=_("Report"), choices=ReportJob.Kind.choices)
    tool = forms.ChoiceField(label=_("Tool"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tools = [(tool.slug, tool.title) for tool in registry.tools()]
        tool_field = self.fields["tool"]
        assert isinstance(tool_field, forms.ChoiceField)
        tool_field.choices = [("", "—"), *tools]

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("kind") == ReportJob.Kind.TOOL and not cleaned.get("tool"):
            self.add_error("tool", _("Choose the tool to print."))
        return cleaned
