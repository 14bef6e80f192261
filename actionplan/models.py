from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from roadmap.models import CarriedModel
from sel_planner.districts.models import CycleScopedModel


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    AT_RISK = "at_risk", _("At risk")
    DROPPED = "dropped", _("Dropped")


OPEN_STATUSES = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.AT_RISK)

# The annual goal's SMARTIE answers, in the order the workbook asks them.
ANSWER_FIELDS = [
    "outcomes",
    "implementation_changes",
    "change",
    "stakeholders",
    "measurement",
    "inclusion",
    "equity",
    "how_much",
]


class AnnualGoal(CarriedModel):
    """An annual SMARTIE goal that builds toward one long-term goal (Tool 6, section 1)."""

    class Type(models.TextChoices):
        OUTCOME = "outcome", _("Outcome goal")
        IMPLEMENTATION = "implementation", _("Implementation goal")

    goal = models.ForeignKey(
        "goals.Goal",
        on_delete=models.CASCADE,
        related_name="annual_goals",
        verbose_name=_("long-term goal"),
    )
    year_target = models.TextField(
        _("Year 1 target that leads up to our long-term goal:"),
        blank=True,
        help_text=_("Filled from the roadmap's targets for this year when they exist."),
    )
    outcomes = models.TextField(
        _("Outcomes:"),
        blank=True,
        help_text=_("Observable outcomes for students or adults, one a line."),
    )
    implementation_changes = models.TextField(
        _("Implementation changes:"),
        blank=True,
        help_text=_(
            "Consider what programs, practices, structures, and professional learning will be needed."
        ),
    )
    change = models.TextField(
        _(
            "In order to move toward target, what change is going to occur in the next year? (specific)"
        ),
        blank=True,
    )
    stakeholders = models.TextField(
        _(
            "Who are the stakeholders who will be primarily involved with and affected by this change? (specific, relevant)"
        ),
        blank=True,
    )
    measurement = models.TextField(
        _(
            "How will this change be measured? When will measurement take place? (specific, measurable)"
        ),
        blank=True,
    )
    inclusion = models.TextField(
        _("How will the process or outcomes address inclusion? (inclusive)"), blank=True
    )
    equity = models.TextField(
        _("How will the process or outcomes address equity? (equitable)"), blank=True
    )
    how_much = models.TextField(
        _(
            "By how much will this change occur in the next year? (specific, measurable, attainable)"
        ),
        blank=True,
    )
    goal_type = models.CharField(
        _("type of goal"), max_length=15, choices=Type.choices, default=Type.IMPLEMENTATION
    )
    baseline_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    baseline_unit = models.CharField(max_length=30, blank=True)
    baseline_text = models.CharField(_("baseline"), max_length=300, blank=True)
    target_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    target_unit = models.CharField(max_length=30, blank=True)
    target_text = models.CharField(_("target"), max_length=300, blank=True)
    statement = models.TextField(
        _("Annual goal statement that incorporates all SMARTIE criteria:"), blank=True
    )
    rationale = models.TextField(
        _("Rationale for Milestones:"),
        blank=True,
        help_text=_(
            "Before identifying milestones, discuss with your team the approach you plan to take to achieve progress toward your goal."
        ),
    )
    starting_notes = models.TextField(_("starting notes from last year's improvements"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["goal__priority__position", "position", "created_at"]

    def __str__(self):
        return self.statement[:80] or str(_("Annual goal"))

    # The SMARTIE check of the goals tool reads these: an annual goal is tied to its
    # long-term goal and bound to the cycle's year.
    @property
    def priority_id(self):
        return self.goal_id

    @property
    def target_year(self):
        return self.cycle.end_date.year if self.cycle_id else None

    @property
    def schedule(self):
        return self.measurement


# Kept at hand so a form can write one historical record after the members are saved.
MILESTONE_HISTORY = HistoricalRecords(m2m_fields=["members"])


class Milestone(CycleScopedModel):
    """What the team should accomplish in one quarter toward an annual goal."""

    annual_goal = models.ForeignKey(AnnualGoal, on_delete=models.CASCADE, related_name="milestones")
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    text = models.TextField(
        _("Milestone"),
        help_text=_(
            "Identify what your team should accomplish in each quarter to achieve the annual goal by the end of quarter 4."
        ),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="responsible_milestones",
        verbose_name=_("Responsible Team Member(s)"),
    )
    owner_name = models.CharField(
        _("or named people without an account"),
        max_length=200,
        blank=True,
        help_text=_("For example: SEL Coordinator/SEL Coach."),
    )
    data_sources = models.JSONField(_("Data Needed to Track Progress"), default=list, blank=True)
    data_other = models.CharField(
        _("other data"),
        max_length=300,
        blank=True,
        help_text=_("For example: Aggregate walkthrough tool data (for baseline)."),
    )

    history = MILESTONE_HISTORY

    class Meta:
        ordering = ["annual_goal", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["annual_goal", "quarter"], name="one_milestone_per_quarter"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="milestone_quarter_1_to_4"
            ),
        ]

    def __str__(self):
        return f"Q{self.quarter}: {self.text[:70]}"


class Activity(CarriedModel):
    """A key activity: a priority action step toward a milestone, citing a CASEL key activity."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="activities")
    key_activity = models.CharField(_("CASEL key activity"), max_length=80)
    action = models.TextField(_("what will be done"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    owner_name = models.CharField(
        _("or a named person without an account"), max_length=200, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )
    position = models.PositiveSmallIntegerField(default=0)
    carried = models.BooleanField(_("carried from last year"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "created_at"]
        verbose_name_plural = "activities"

    def __str__(self):
        return self.action[:80]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ProgressNote(CycleScopedModel):
    """A dated note on how an activity or a milestone is going."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, null=True, blank=True, related_name="notes"
    )
    milestone = models.ForeignKey(
        Milestone, on_delete=models.CASCADE, null=True, blank=True, related_name="notes"
    )
    noted_on = models.DateField(_("date"))
    text = models.TextField(_("progress note"), max_length=2000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-noted_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(activity__isnull=False, milestone__isnull=True)
                | Q(activity__isnull=True, milestone__isnull=False),
                name="note_on_activity_or_milestone",
            )
        ]

    def __str__(self):
        return self.text[:60]


class Reflection(CycleScopedModel):
    """Reflect on progress toward an annual goal at mid-year or end of year (rubric 4-A)."""

    class Point(models.TextChoices):
        MIDYEAR = "midyear", _("Mid-year")
        END = "end", _("End of year")

    class Progress(models.TextChoices):
        MET = "met", _("Met")
        PARTLY = "partly", _("Partly met")
        NOT_MET = "not_met", _("Not met")

    annual_goal = models.ForeignKey(
        AnnualGoal, on_delete=models.CASCADE, related_name="reflections"
    )
    point = models.CharField(_("when"), max_length=8, choices=Point.choices)
    progress = models.CharField(
        _("progress toward the goal"), max_length=8, choices=Progress.choices
    )
    evidence = models.TextField(_("the data that shows it"))
    disaggregated = models.TextField(
        _("disaggregated results"),
        blank=True,
        help_text=_("Results by subgroup, where they exist."),
    )
    successes = models.TextField(_("what led to success"), blank=True)
    challenges = models.TextField(_("challenges"), blank=True)
    with_students = models.BooleanField(_("students"), default=False)
    with_families = models.BooleanField(_("families"), default=False)
    with_staff = models.BooleanField(_("staff"), default=False)
    with_partners = models.BooleanField(_("community partners"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["annual_goal", "-point"]
        constraints = [
            models.UniqueConstraint(
                fields=["annual_goal", "point"], name="one_reflection_per_point"
            )
        ]

    def __str__(self):
        return f"{self.get_point_display()}: {self.annual_goal}"


class Improvement(CycleScopedModel):
    """The improvement decision for an annual goal after reflection (rubric 4-B)."""

    class Decision(models.TextChoices):
        BUILD = "build", _("Build on successes: keep the strategies that led to progress.")
        STRATEGIES = (
            "strategies",
            _(
                "Stick with the same implementation goals and try different strategies to overcome previous obstacles."
            ),
        )
        FOCUS = "focus", _("Change your implementation focus.")
        OUTCOMES = "outcomes", _("Implementation happened, but outcomes lagged: review the goals.")

    class Realistic(models.TextChoices):
        YES = "yes", _("Yes, the outcome goals were realistic")
        EXTEND = "extend", _("No: extend the timeline for achieving the goal")
        REVISE = "revise", _("No: revise the goal to a more realistic one-year outcome")

    annual_goal = models.OneToOneField(
        AnnualGoal, on_delete=models.CASCADE, related_name="improvement"
    )
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices)
    goals_match = models.TextField(
        _("Were your implementation goals the right match for your outcome goals?"), blank=True
    )
    realistic = models.CharField(
        _("Were your outcome goals realistic?"), max_length=8, choices=Realistic.choices, blank=True
    )
    key_learnings = models.TextField(_("Key learnings"), blank=True)
    next_steps = models.TextField(_("Next steps"), blank=True)
    school_support = models.TextField(
        _("Support for school teams"),
        blank=True,
        help_text=_("What the district will offer school teams for data-informed action planning."),
    )

    history = HistoricalRecords()

    def __str__(self):
        return f"{self.get_decision_display()}"


class ReminderPreference(models.Model):
    """Whether a person receives the weekly digest of their activities in one district."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    district = models.ForeignKey("districts.District", on_delete=models.CASCADE, related_name="+")
    weekly_digest = models.BooleanField(_("send me a weekly email of my activities"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "district"], name="one_reminder_pref")
        ]

    def __str__(self):
        return f"{self.user} in {self.district}: {self.weekly_digest}"
