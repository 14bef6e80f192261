"""Step 4's forms: a draft of the vision statement, choosing two drafts to compare, the approval."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from sel_planner.districts.editing import VersionedModelForm
from sel_planner.districts.forms import CycleRecordForm, DateInput
from sel_planner.districts.text import Form

from ..models import DRAFT_CHECKLIST, Draft

STATEMENT_MAX = 5000


def draft_label(draft) -> str:
    """How a draft is named in a list: its date and the start of its statement."""
    when = date_format(timezone.localtime(draft.created_at), "DATE_FORMAT")
    final = f" ({_('final')})" if draft.is_final else ""
    return f"{when}{final}: {Truncator(draft.statement).chars(70)}"


class DraftForm(CycleRecordForm):
    statement = forms.CharField(
        label=_("Vision statement"),
        max_length=STATEMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write the draft vision statement.")},
    )
    checklist = forms.TypedMultipleChoiceField(
        label=_("Checklist: which of these hold for this draft?"),
        choices=list(enumerate(DRAFT_CHECKLIST)),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Check each statement the committee agrees is true of this draft."),
    )

    class Meta:
        model = Draft
        fields = ["statement", "checklist"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.instance.author = user

    def clean_checklist(self):
        return sorted(set(self.cleaned_data.get("checklist") or []))


class DraftChoiceField(forms.ModelChoiceField):
    """Drafts named by date and the start of their statement."""

    def label_from_instance(self, obj):
        return draft_label(obj)


class DraftCompareForm(Form):
    """Two drafts of the cycle, chosen by code (the page is a GET form)."""

    a = DraftChoiceField(
        label=_("First draft"), queryset=Draft.objects.none(), to_field_name="code"
    )
    b = DraftChoiceField(
        label=_("Second draft"), queryset=Draft.objects.none(), to_field_name="code"
    )

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        drafts = cycle.vision_draft_set.all()
        self.fields["a"].queryset = drafts
        self.fields["b"].queryset = drafts


class FinaliseForm(VersionedModelForm):
    """Who approved the draft as the district's vision, and when."""

    class Meta:
        model = Draft
        fields = ["approved_by", "approving_body", "approved_on"]
        widgets = {"approved_on": DateInput()}
        help_texts = {
            "approved_by": _("The person who approved it, for example the superintendent."),
        }
        error_messages = {
            "approved_by": {"required": _("Say who approved the vision.")},
            "approved_on": {"required": _("Give the date the vision was approved.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_by"].required = True
        self.fields["approved_on"].required = True
        if not self.initial.get("approved_on"):
            self.initial["approved_on"] = timezone.localdate()
