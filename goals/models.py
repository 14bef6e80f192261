from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sel_planner.districts.models import CycleScopedModel, carried_from_field
from sel_planner.districts.quantities import school_year, show_quantity

NOTE_MAX = 200
NOTES_PER_CYCLE = 500

COMFORT = [
    (1, _("1. Not at all comfortable")),
    (2, _("2. Slightly comfortable")),
    (3, _("3. Moderately comfortable")),
    (4, _("4. Very comfortable")),
]


class GoalsWorkspace(CycleScopedModel):
    """The cycle's goal-setting notes:
    the vision typed in when none is final, discussion, alignment."""

    vision_text = models.TextField(
        _("Our Shared Vision"),
        blank=True,
        help_text=_("Used while the shared vision tool has no final vision."),
    )
    discussion_notes = models.TextField(_("committee discussion notes"), blank=True)
    alignment_note = models.TextField(
        _("how the goals align with the district's overall goals"),
        blank=True,
        help_text=_("For example the strategic plan's goals these SEL goals support."),
    )

    carried_from = carried_from_field()

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cycle"], name="one_goals_workspace_per_cycle")
        ]

    def __str__(self):
        return f"Goals {self.cycle}"


class Reflection(CycleScopedModel):
    """One committee member's SEL Planning Committee Reflection and Check-In."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answer_a = models.TextField(
        _(
            "A. What aspect of the SMARTIE goal-setting process seems like the most challenging to "
            "create? Which seems like the easiest? Why?"
        ),
        blank=True,
    )
    answer_b = models.TextField(
        _(
            "B. Who else needs to be included to ensure inclusivity and equity in our goal-planning process?"
        ),
        blank=True,
    )
    own_comfort = models.PositiveSmallIntegerField(
        _("How comfortable are you individually with creating long-term SMARTIE goals?"),
        choices=COMFORT,
        null=True,
    )
    committee_comfort = models.PositiveSmallIntegerField(
        _("How comfortable is this committee with developing long-term SMARTIE goals?"),
        choices=COMFORT,
        null=True,
    )

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cycle", "author"], name="one_reflection_per_member"),
            models.CheckConstraint(
                condition=Q(own_comfort__isnull=True) | Q(own_comfort__gte=1, own_comfort__lte=4),
                name="own_comfort_1_to_4",
            ),
            models.CheckConstraint(
                condition=Q(committee_comfort__isnull=True)
                | Q(committee_comfort__gte=1, committee_comfort__lte=4),
                name="committee_comfort_1_to_4",
            ),
        ]

    def __str__(self):
        return f"Reflection of {self.author}"


class Cluster(CycleScopedModel):
    """A group of similar big ideas on the board."""

    label = models.CharField(_("label"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "created_at"]

    def __str__(self):
        return self.label or f"Cluster {self.position + 1}"


class Note(CycleScopedModel):
    """One big idea from the vision, as a committee member wrote it on a sticky note."""

    text = models.CharField(_("big idea"), max_length=NOTE_MAX)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    cluster = models.ForeignKey(
        Cluster, on_delete=models.SET_NULL, null=True, blank=True, related_name="notes"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return self.text


class Priority(CycleScopedModel):
    """A key SEL priority stemming from the shared vision: the phrase summarising one cluster."""

    phrase = models.CharField(_("key SEL priority"), max_length=300)
    description = models.TextField(
        _("SEL Priority and Description"),
        blank=True,
        help_text=_(
            "How you would describe this priority to a typical community member in your district."
        ),
    )
    cluster = models.OneToOneField(
        Cluster, on_delete=models.SET_NULL, null=True, blank=True, related_name="priority"
    )
    position = models.PositiveSmallIntegerField(default=0)

    carried_from = carried_from_field()

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "created_at"]
        verbose_name_plural = "priorities"
        constraints = [
            models.CheckConstraint(condition=~Q(phrase=""), name="priority_phrase_not_empty")
        ]

    def __str__(self):
        return self.phrase


# What a long-term goal answers, in the workbook's order; its statement gathers the answers.
GOAL_QUESTIONS = ["change", "stakeholders", "measurement", "inclusion", "equity", "how_much"]


class Goal(CycleScopedModel):
    """The long-term SEL SMARTIE goal of one priority."""

    class Type(models.TextChoices):
        OUTCOME = "outcome", _("Outcome goal")
        IMPLEMENTATION = "implementation", _("Implementation goal")
        BOTH = "both", _("Both")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        APPROVED = "approved", _("Approved")

    priority = models.OneToOneField(Priority, on_delete=models.PROTECT, related_name="goal")
    change = models.TextField(
        _(
            "In order to achieve this priority as described, what change is going to occur in the next three to five years? (specific)"
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
            "By how much will this change occur in the next three to five years? (specific, measurable, attainable)"
        ),
        blank=True,
    )
    goal_type = models.CharField(
        _("type of goal"), max_length=15, choices=Type.choices, default=Type.OUTCOME
    )
    target_year = models.PositiveSmallIntegerField(
        _("target school year"),
        null=True,
        blank=True,
        help_text=_("The year the school year ends, e.g. 2031 for 2030-31."),
    )
    year_reason = models.CharField(_("why this time frame"), max_length=300, blank=True)
    baseline_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    baseline_unit = models.CharField(max_length=30, blank=True)
    baseline_text = models.CharField(_("baseline"), max_length=300, blank=True)
    target_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    target_unit = models.CharField(max_length=30, blank=True)
    target_text = models.CharField(_("target"), max_length=300, blank=True)
    schedule = models.CharField(_("measurement schedule"), max_length=300, blank=True)
    statement = models.TextField(
        _("Goal statement that incorporates all SMARTIE criteria"), blank=True
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    carried_from = carried_from_field()

    history = HistoricalRecords()

    class Meta:
        ordering = ["priority__position", "created_at"]

    def __str__(self):
        return self.statement[:80] or str(self.priority)

    def shown_quantities(self) -> dict[str, str]:
        """The baseline, the target and the target school year as the pages show them."""
        return {
            "baseline": show_quantity(self.baseline_value, self.baseline_unit, self.baseline_text),
            "target": show_quantity(self.target_value, self.target_unit, self.target_text),
            "year": school_year(self.target_year) if self.target_year else "",
        }


class Comment(CycleScopedModel):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("comment"), max_length=2000)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return self.text[:60]


class Feedback(CycleScopedModel):
    """Feedback on a goal from district and school stakeholders, and how the goal was revised."""

    class Source(models.TextChoices):
        DISTRICT = "district", _("District-level stakeholders")
        SCHOOL = "school", _("School-level stakeholders")
        DIRECTORS = "directors", _("Cross-department directors")
        OTHER = "other", _("Others")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="feedback")
    source = models.CharField(_("from"), max_length=10, choices=Source.choices)
    received_on = models.DateField(_("received on"))
    summary = models.TextField(_("what they said"))
    revision = models.TextField(_("how the goal was revised"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["received_on", "created_at"]
        verbose_name_plural = "feedback"

    def __str__(self):
        return self.summary[:60]
