from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sel_planner.districts.editing import VersionedModelForm
from sel_planner.districts.forms import (
    CycleRecordForm,
    DateInput,
    RecordsField,
    answer_field,
    members_of,
)
from sel_planner.districts.text import Form

from ..models import (
    ANSWER_MAX,
    CommitteeRole,
    EngagementSession,
    Format,
    Material,
    Milestone,
    Question,
    Response,
    StakeholderGroup,
    Theme,
    Vision,
)

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
UPLOAD_TYPES = {".pdf", ".docx", ".doc", ".png", ".jpg", ".jpeg", ".gif", ".webp"}


class StartForm(VersionedModelForm):
    class Meta:
        model = Vision
        fields = ["starting_point", "existing_statement", "existing_source"]
        widgets = {
            "starting_point": forms.RadioSelect,
            "existing_statement": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starting_point"].required = True
        self.fields["starting_point"].choices = Vision.Start.choices

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("starting_point") == Vision.Start.REVISIT
            and not cleaned.get("existing_statement", "").strip()
        ):
            self.add_error(
                "existing_statement", _("Paste the existing vision statement to revisit it.")
            )
        return cleaned


class CommitteeNotesForm(VersionedModelForm):
    class Meta:
        model = Vision
        fields = ["responsibilities", "working_agreements", "commitment_text"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}


class RoleForm(CycleRecordForm):
    class Meta:
        model = CommitteeRole
        fields = ["title", "description", "members", "other_people"]
        field_classes = {"members": RecordsField}
        widgets = {
            "members": forms.CheckboxSelectMultiple,
            "other_people": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, cycle=cycle, **kwargs)
        self.fields["members"].queryset = members_of(cycle)


class MilestoneForm(CycleRecordForm):
    class Meta:
        model = Milestone
        fields = ["due_on", "description", "done"]
        widgets = {"due_on": DateInput()}


class MaterialForm(CycleRecordForm):
    class Meta:
        model = Material
        fields = ["kind", "title", "text", "file"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "file": _(
                "PDF, Word document or image, up to 10 MB. Only district members can download it."
            )
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.instance.uploaded_by = user

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "size"):
            name = upload.name.lower()
            if not any(name.endswith(ext) for ext in UPLOAD_TYPES):
                raise ValidationError(_("Attach a PDF, a Word document or an image."))
            if upload.size > MAX_UPLOAD_BYTES:
                raise ValidationError(_("The file is larger than 10 MB."))
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("text", "").strip() and not cleaned.get("file"):
            raise ValidationError(_("Paste the text or attach a file."))
        return cleaned


class GroupForm(CycleRecordForm):
    formats = forms.MultipleChoiceField(
        label=_("How they will be engaged"),
        choices=Format.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = StakeholderGroup
        fields = ["name", "will_engage", "formats", "status", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.key:
            self.fields["name"].disabled = True


class QuestionForm(CycleRecordForm):
    class Meta:
        model = Question
        fields = ["text", "position"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        labels = {"position": _("Order")}


class SessionForm(CycleRecordForm):
    class Meta:
        model = EngagementSession
        fields = ["title", "held_on", "groups", "format", "participants", "facilitator", "notes"]
        field_classes = {"groups": RecordsField}
        widgets = {
            "held_on": DateInput(),
            "groups": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, cycle=cycle, **kwargs)
        self.fields["groups"].queryset = cycle.vision_stakeholdergroup_set.all()


class QuestionBoxes:
    """One text box per discussion question (fields `q<pk>`), and the answers given in them."""

    def add_question_boxes(self, questions, *, rows: int) -> None:
        self.questions = questions
        for question in questions:
            self.fields[f"q{question.pk}"] = answer_field(
                question.display, rows=rows, max_length=ANSWER_MAX
            )

    def answers(self):
        """(question, text) for each question answered."""
        answered = [(q, self.cleaned_data[f"q{q.pk}"].strip()) for q in self.questions]
        return [(question, text) for question, text in answered if text]


class ResponsesForm(QuestionBoxes, Form):
    """One text box per question: what a session said, recorded by the committee."""

    respondent = forms.CharField(label=_("Name (optional)"), max_length=150, required=False)
    group = forms.ModelChoiceField(
        label=_("Stakeholder group (optional)"), queryset=None, required=False
    )

    def __init__(self, *args, cycle, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = cycle.vision_stakeholdergroup_set.all()
        self.add_question_boxes(questions, rows=3)

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"q{q.pk}", "").strip() for q in self.questions):
            raise ValidationError(_("Record at least one response."))
        return cleaned


class ResponseForm(VersionedModelForm):
    class Meta:
        model = Response
        fields = ["question", "text", "respondent", "group"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = cycle.vision_question_set.all()
        self.fields["group"].queryset = cycle.vision_stakeholdergroup_set.all()


class ThemeForm(CycleRecordForm):
    class Meta:
        model = Theme
        fields = ["question", "text", "responses"]
        field_classes = {"responses": RecordsField}
        widgets = {"responses": forms.CheckboxSelectMultiple}

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, cycle=cycle, **kwargs)
        self.fields["responses"].queryset = cycle.vision_response_set.select_related(
            "question", "session"
        )
        self.fields["responses"].required = False
        self.fields["responses"].label_from_instance = lambda r: (
            f"{r.session.title}: {r.text[:140]}"
        )
