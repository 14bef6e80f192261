import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sel_planner.districts.models import CycleScopedModel

ANSWER_MAX = 4000

# The workbook's wording, kept verbatim.
ROLE_TEMPLATES = [
    (
        "lead",
        "Lead/Project Manager",
        "oversees the timeline and plan and ensures the team stays on track",
    ),
    (
        "writers",
        "Writer(s)",
        "captures notes and summarizes stakeholders' responses; develops language for vision",
    ),
    (
        "engagement",
        "Stakeholder engagement",
        "oversees outreach, planning, and engagement with stakeholders. Consider student committee "
        "members to support this responsibility!",
    ),
]
STAKEHOLDER_GROUPS = [
    (
        "senior_leaders",
        "Senior leaders",
        "(i.e., superintendent or designee, board members, cabinet members, department heads)",
    ),
    (
        "departments",
        "Representation across key departments",
        "(e.g. SEL, academic content areas, student services, school improvement, equity, "
        "professional learning, health/wellness)",
    ),
    ("schools", "School-level representation", "(principals, teachers, other staff)"),
    ("union", "Union representation", ""),
    ("families", "Families", ""),
    (
        "community",
        "Community members and leaders of community-based organizations that partner with the district",
        "",
    ),
    ("students", "Students", ""),
]
SAMPLE_QUESTIONS = [
    "What do we want all students to know and be able to do upon graduation?",
    "What kind of skill-building do you believe is most important in supporting our students to reach their full potential?",
    "What do we want all schools in our district to feel like, sound like, look like? How should students be supported academically, socially, and emotionally?",
    "What do you want our district to look like in 3 years? 5 years? 10 years?",
    "The district has made a commitment to {commitment}. What does this mean to you?",
    "As our district focuses on bringing social and emotional learning into the school day, how do you hope it will impact students, the learning environment, and the larger community?",
]
COMMITMENT_PLACEHOLDER = "[include here SEL-related text from public district sources, such as core values, strategic plan, mission, etc.]"
SYNTHESIS_QUESTIONS = [
    "What are the major themes that emerged from stakeholder responses?",
    "What words and phrases did we hear that best describe what we want students to know and do by the time they graduate?",
    "What words and phrases did we hear that would best paint the picture of a school that will cultivate this kind of graduate?",
    "How do these themes, words, and phrases connect to academic, social, and emotional learning?",
]
DRAFT_CHECKLIST = [
    "The views of stakeholders are accurately represented in the statement.",
    "Stakeholder input was collected and incorporated in an equitable way.",
    "The statement paints a clear picture of student success.",
    "The statement captures how the district and schools will support students in developing academically, socially, and emotionally.",
    "Language is accessible and memorable.",
]
FEEDBACK_QUESTIONS = [
    (
        "Does this vision statement reflect what you believe is most important in supporting our students to reach their full potential? Please share a bit about your answer.",
        True,
    ),
    (
        "Does this vision statement capture what you believe the district should be striving for? Please share a bit about your answer.",
        True,
    ),
    ("Which words, phrases, or sentences are most important?", False),
    ("Which words, phrases, or sentences spark questions or concerns?", False),
    ("What, if anything, would you add to this vision statement?", False),
]  # (question, answered yes/no first)


def new_link_token() -> str:
    return secrets.token_urlsafe(24)


class Vision(CycleScopedModel):
    """The cycle's vision work: its starting point, committee notes and the final statement."""

    class Start(models.TextChoices):
        NEW = "new", _("Write a new vision")
        REVISIT = "revisit", _("Revisit an existing vision")

    starting_point = models.CharField(
        _("starting point"), max_length=10, choices=Start.choices, blank=True
    )
    existing_statement = models.TextField(_("existing vision statement"), blank=True)
    existing_source = models.CharField(
        _("where it comes from"),
        max_length=300,
        blank=True,
        help_text=_("For example the strategic plan or a board resolution."),
    )
    responsibilities = models.TextField(_("responsibilities"), blank=True)
    working_agreements = models.TextField(_("how the committee will work"), blank=True)
    commitment_text = models.TextField(
        _("the district's SEL commitment"),
        blank=True,
        help_text=_(
            "SEL-related text from public district sources (core values, strategic plan, mission); it fills question 5."
        ),
    )
    finalising_timeline = models.TextField(_("timeline for finalizing the vision"), blank=True)
    show_next_version = models.BooleanField(
        _("participants will see another version"), null=True, blank=True
    )

    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cycle"], name="one_vision_per_cycle")]

    def __str__(self):
        return f"Vision {self.cycle}"


class CommitteeRole(CycleScopedModel):
    title = models.CharField(_("role"), max_length=200)
    description = models.CharField(_("what the role does"), max_length=500, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("district members")
    )
    other_people = models.TextField(
        _("people without an account"),
        blank=True,
        help_text=_("One name per line, e.g. a student leader."),
    )
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "created_at"]

    def __str__(self):
        return self.title


class Milestone(CycleScopedModel):
    due_on = models.DateField(_("date"))
    description = models.CharField(_("milestone"), max_length=300)
    done = models.BooleanField(_("done"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "created_at"]

    def __str__(self):
        return self.description


class Material(CycleScopedModel):
    class Kind(models.TextChoices):
        VISION = "vision", _("Existing vision")
        MISSION = "mission", _("Mission statement")
        VALUES = "values", _("Core values")
        PLAN = "plan", _("Strategic plan")
        OTHER = "other", _("Other documentation of district priorities")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    file = models.FileField(_("file"), upload_to="vision/materials/%Y/", blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "title"]

    def __str__(self):
        return self.title


class Format(models.TextChoices):
    SMALL_GROUP = "small_group", _("Small discussion group")
    INTERVIEW = "interview", _("Individual interview")
    BRAINSTORM = "brainstorm", _("Large group brainstorm")
    EVENT = "event", _("Existing community event")
    QUESTIONNAIRE = "questionnaire", _("Online questionnaire")


class StakeholderGroup(CycleScopedModel):
    class Status(models.TextChoices):
        NOT_PLANNED = "not_planned", _("Not planned")
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Engaged")

    key = models.CharField(max_length=20, blank=True)
    name = models.CharField(_("stakeholder group"), max_length=200)
    examples = models.CharField(max_length=300, blank=True)
    will_engage = models.BooleanField(_("will be engaged"), default=True)
    formats = models.JSONField(_("how"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NOT_PLANNED
    )
    notes = models.TextField(_("notes"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_formats_display(self) -> str:
        labels = dict(Format.choices)
        return ", ".join(str(labels.get(f, f)) for f in self.formats)


class Question(CycleScopedModel):
    text = models.TextField(_("question"))
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "created_at"]

    def __str__(self):
        return self.text[:80]


class EngagementSession(CycleScopedModel):
    held_on = models.DateField(_("date"))
    title = models.CharField(_("session"), max_length=200)
    groups = models.ManyToManyField(
        StakeholderGroup, blank=True, related_name="sessions", verbose_name=_("groups")
    )
    format = models.CharField(_("format"), max_length=15, choices=Format.choices)
    participants = models.PositiveIntegerField(_("number of participants"), default=0)
    facilitator = models.CharField(_("facilitator"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-created_at"]

    def __str__(self):
        return self.title


class Questionnaire(CycleScopedModel):
    """The question set published as a link anyone can answer without an account."""

    session = models.OneToOneField(
        EngagementSession, on_delete=models.PROTECT, related_name="questionnaire"
    )
    token = models.CharField(max_length=64, unique=True, default=new_link_token, editable=False)
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("open until"))
    ask_group = models.BooleanField(_("ask which stakeholder group they belong to"), default=True)
    ask_name = models.BooleanField(_("ask for a name (optional to answer)"), default=False)
    closed_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    def __str__(self):
        return f"Questionnaire {self.session}"


class Response(CycleScopedModel):
    session = models.ForeignKey(
        EngagementSession, on_delete=models.PROTECT, related_name="responses"
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="responses")
    text = models.TextField(_("response"), max_length=ANSWER_MAX)
    respondent = models.CharField(_("name"), max_length=150, blank=True)
    group = models.ForeignKey(
        StakeholderGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submission = models.UUIDField(
        null=True, blank=True, help_text="Groups the answers of one online respondent."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["question__position", "created_at"]

    def __str__(self):
        return self.text[:80]


class Theme(CycleScopedModel):
    question = models.PositiveSmallIntegerField(
        _("synthesis question"), choices=[(i + 1, q) for i, q in enumerate(SYNTHESIS_QUESTIONS)]
    )
    text = models.CharField(_("theme, word or phrase"), max_length=300)
    responses = models.ManyToManyField(
        Response, blank=True, related_name="themes", verbose_name=_("supporting responses")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["question", "created_at"]

    def __str__(self):
        return self.text


class Draft(CycleScopedModel):
    statement = models.TextField(_("vision statement"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    checklist = models.JSONField(
        default=list, blank=True, help_text="Indexes of the checklist items that hold."
    )
    is_final = models.BooleanField(default=False)
    approved_by = models.CharField(_("approved by"), max_length=200, blank=True)
    approving_body = models.CharField(
        _("approving body"),
        max_length=200,
        blank=True,
        help_text=_("For example the Board of Education."),
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)

    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle"], condition=Q(is_final=True), name="one_final_vision_per_cycle"
            ),
            models.CheckConstraint(
                condition=Q(is_final=False) | ~Q(approved_by=""),
                name="final_vision_has_an_approver",
            ),
        ]

    def __str__(self):
        return self.statement[:60]


class FeedbackRound(CycleScopedModel):
    draft = models.ForeignKey(Draft, on_delete=models.PROTECT, related_name="feedback_rounds")
    token = models.CharField(max_length=64, unique=True, default=new_link_token, editable=False)
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("open until"))
    ask_name = models.BooleanField(_("ask for a name (optional to answer)"), default=False)
    closed_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Feedback on draft of {self.created_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        today = timezone.localdate()
        return self.closed_at is None and self.opens_on <= today <= self.closes_on


class FeedbackAnswer(CycleScopedModel):
    round = models.ForeignKey(FeedbackRound, on_delete=models.CASCADE, related_name="answers")
    question = models.PositiveSmallIntegerField(
        choices=[(i + 1, q) for i, (q, _yn) in enumerate(FEEDBACK_QUESTIONS)]
    )
    agrees = models.BooleanField(null=True, blank=True)
    text = models.TextField(blank=True, max_length=ANSWER_MAX)
    respondent = models.CharField(max_length=150, blank=True)
    submission = models.UUIDField(null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["question", "created_at"]

    def __str__(self):
        return f"Q{self.question}: {self.text[:60]}"
