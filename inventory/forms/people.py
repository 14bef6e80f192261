from django.utils.translation import gettext_lazy as _

from sel_planner.accounts.models import User
from sel_planner.districts.forms import CycleRecordForm, DateInput, MemberChoiceField, members_of

from ..models import Person


class PersonForm(CycleRecordForm):
    member = MemberChoiceField(
        label=_("District member"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Or leave empty and type the name of someone without an account."),
    )
    interviewer = MemberChoiceField(
        label=_("Interviewer"), queryset=User.objects.none(), required=False
    )

    class Meta:
        model = Person
        fields = [
            "category",
            "member",
            "name",
            "role",
            "organisation",
            "contact",
            "interviewer",
            "status",
            "scheduled_on",
        ]
        widgets = {"scheduled_on": DateInput()}

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, cycle=cycle, **kwargs)
        self.fields["member"].queryset = members_of(cycle)
        self.fields["interviewer"].queryset = members_of(cycle)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("member") and not (cleaned.get("name") or "").strip():
            self.add_error("name", _("Give a name, or choose a district member."))
        if cleaned.get("status") == Person.Status.SCHEDULED and not cleaned.get("scheduled_on"):
            self.add_error("scheduled_on", _("Give the date the conversation is scheduled for."))
        return cleaned
