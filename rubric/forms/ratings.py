from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from sel_planner.districts.editing import VersionedModelForm
from sel_planner.districts.forms import RecordsField
from sel_planner.districts.text import Form

from ..models import Consensus, Descriptor, Rating

NOT_SURE = "not_sure"
CHOOSE_SCORE = _("Choose the score the committee agreed on, from 1 to 4.")


class RatingForm(VersionedModelForm):
    choice = forms.ChoiceField(
        label=_("Your rating"),
        required=False,
        widget=forms.RadioSelect,
        choices=[("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), (NOT_SURE, _("Not sure"))],
        error_messages={"invalid_choice": _("Choose a rating from 1 to 4, or “Not sure”.")},
    )

    class Meta:
        model = Rating
        fields = ["descriptors", "evidence", "evidence_links", "evidence_private"]
        field_classes = {"descriptors": RecordsField}
        widgets = {
            "descriptors": forms.CheckboxSelectMultiple,
            "evidence": forms.Textarea(attrs={"rows": 4}),
            "evidence_links": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["descriptors"].queryset = Descriptor.objects.filter(level__item=item)
        self.fields["descriptors"].required = False
        if self.instance.not_sure:
            self.fields["choice"].initial = NOT_SURE
        elif self.instance.score:
            self.fields["choice"].initial = str(self.instance.score)

    def clean_evidence_links(self):
        lines = self.cleaned_data["evidence_links"].splitlines()
        links = [line.strip() for line in lines if line.strip()]
        validate = URLValidator(schemes=["http", "https"])
        for link in links:
            try:
                validate(link)
            except ValidationError as error:
                raise ValidationError(
                    _(
                        "“%(link)s” is not a web address; put one address starting with https:// "
                        "on each line."
                    )
                    % {"link": link[:80]}
                ) from error
        return "\n".join(links)

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("choice")
        self.instance.not_sure = choice == NOT_SURE
        self.instance.score = int(choice) if choice and choice != NOT_SURE else None
        return cleaned


class ConsensusForm(VersionedModelForm):
    score = forms.TypedChoiceField(
        label=_("Consensus score"),
        coerce=int,
        widget=forms.RadioSelect,
        choices=[(1, "1"), (2, "2"), (3, "3"), (4, "4")],
        error_messages={"required": CHOOSE_SCORE, "invalid_choice": CHOOSE_SCORE},
    )

    class Meta:
        model = Consensus
        fields = ["score", "rationale", "discussion_notes"]
        widgets = {
            "rationale": forms.Textarea(attrs={"rows": 4}),
            "discussion_notes": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "rationale": {
                "required": _("Write the rationale: why the committee agreed on this score.")
            }
        }


class ConsensusAcceptForm(Form):
    """The committee's rating accepted as the consensus of many items at once: the items
    checked, each with the score the lead was shown, and one rationale for all of them."""

    items = forms.MultipleChoiceField(
        label=_("Items to accept"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Check at least one item to accept its rating.")},
    )
    rationale = forms.CharField(
        label=_("Rationale recorded on each accepted item"),
        initial=_("Ratings agreed."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write the rationale the accepted items are recorded with.")},
    )

    def __init__(self, *args, codes, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = [(code, code) for code in codes]
        self.fields["items"].initial = [review.item.code for review in candidates]

    @property
    def checked(self) -> list[str]:
        return self["items"].value() or []

    def clean(self):
        cleaned = super().clean()
        scores = {}
        for code in cleaned.get("items", []):
            score = self.data.get(f"score_{code}", "")
            if score not in {"1", "2", "3", "4"}:
                raise ValidationError(_("The page was out of date; open it again and retry."))
            scores[code] = int(score)
        cleaned["scores"] = scores
        return cleaned
