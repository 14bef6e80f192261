from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sel_planner.districts.models import CycleScopedModel
from sel_planner.districts.quantities import show_quantity

from .data_sources import DataSource, Timing

MAX_YEARS = 5
MIN_YEARS = 3


class CarriedModel(CycleScopedModel):
    """A record that launching the next cycle may copy: the copy names its original."""

    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True


class Roadmap(CarriedModel):
    """The cycle's roadmap as a whole:
    when Year 1 is, the district priorities, the roll-out approach."""

    class Approach(models.TextChoices):
        CLUSTERS = "clusters", _("Clusters of K-12 schools (a high school and its feeder schools)")
        GRADES = "grades", _("Specific grade levels")
        APPLICATION = "application", _("Schools that submit an application")
        ALREADY = "already", _("Schools already implementing some level of SEL programming")
        OTHER = "other", _("Another approach")

    first_year = models.PositiveSmallIntegerField(
        _("Year 1"), help_text=_("The year the first school year of the roadmap ends.")
    )
    district_priorities = models.TextField(
        _("Additional district priorities to reflect in the SEL plan"),
        blank=True,
        help_text=_(
            "Review your district strategic plan or other guiding documents and discuss how the "
            "priorities from the chart above align with existing district priorities."
        ),
    )
    rollout_approach = models.CharField(
        _("phased approach"), max_length=12, choices=Approach.choices, blank=True
    )
    rollout_note = models.TextField(_("how the roll-out is phased"), blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cycle"], name="one_roadmap_per_cycle")]

    def __str__(self):
        return f"Roadmap {self.cycle}"


class ReflectionRow(CarriedModel):
    """One row of the data reflection: a measurable outcome of a long-term goal and its data."""

    goal = models.ForeignKey(
        "goals.Goal", on_delete=models.CASCADE, related_name="roadmap_reflection_rows"
    )
    position = models.PositiveSmallIntegerField(default=0)
    outcome = models.TextField(
        _("Goal"),
        help_text=_(
            "Pull out the measurable outcomes from your long-term goal, and write them into "
            "column 1 (Goal), dividing into more than one row as necessary."
        ),
    )
    data_sources = models.JSONField(_("Data Source"), default=list, blank=True)
    data_source_other = models.CharField(_("other data source"), max_length=300, blank=True)
    timing = models.CharField(
        _("formative or summative"), max_length=10, choices=Timing.choices, blank=True
    )
    disaggregated = models.BooleanField(_("disaggregated by subgroup"), default=False)
    current_status = models.TextField(_("Current Status"), blank=True)
    gap_analysis = models.TextField(_("Gap Analysis"), blank=True)
    priorities = models.TextField(_("Priorities for Action"), blank=True)
    # Codes of the current rubric framework's items ("3-B"), in rubric order.
    rubric_items = models.JSONField(_("rubric items"), default=list, blank=True)
    # Codes of the cycle's inventory programs, in the inventory's name order.
    programs = models.JSONField(_("inventory programs"), default=list, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["goal__priority__position", "goal__created_at", "position", "created_at"]
        verbose_name = _("data reflection row")
        constraints = [
            models.CheckConstraint(condition=~Q(outcome=""), name="reflection_outcome_not_empty")
        ]

    def __str__(self):
        return self.outcome[:80]

    def source_labels(self) -> list[str]:
        labels = [str(DataSource(key).label) for key in self.data_sources if key in DataSource]
        return labels + ([self.data_source_other] if self.data_source_other else [])


class RoadmapRow(CarriedModel):
    """The roadmap row of one long-term goal: how many years it spans."""

    goal = models.OneToOneField("goals.Goal", on_delete=models.CASCADE, related_name="roadmap_row")
    years = models.PositiveSmallIntegerField(_("number of years"), default=MIN_YEARS)

    history = HistoricalRecords()

    class Meta:
        ordering = ["goal__priority__position", "goal__created_at"]
        verbose_name = _("roadmap row")
        constraints = [
            models.CheckConstraint(
                condition=Q(years__gte=1, years__lte=MAX_YEARS), name="roadmap_years_1_to_5"
            )
        ]

    def __str__(self):
        return f"Roadmap of {self.goal}"


class Target(CarriedModel):
    """One bullet in a cell of the roadmap grid."""

    class Stage(models.TextChoices):
        CURRENT = "current", _("Current Status")
        YEAR = "year", _("Year")
        LONG_TERM = "long_term", _("Long term goal")

    class Kind(models.TextChoices):
        OUTCOME = "outcome", _("Measurable outcome")
        DELIVERABLE = "deliverable", _("Deliverable")
        FOCUS = "focus", _("Focus area")
        ROLLOUT = "rollout", _("Roll-out step")

    row = models.ForeignKey(RoadmapRow, on_delete=models.CASCADE, related_name="targets")
    stage = models.CharField(_("column"), max_length=10, choices=Stage.choices)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.OUTCOME)
    text = models.CharField(_("target"), max_length=500)
    value = models.DecimalField(_("number"), max_digits=12, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "created_at"]
        verbose_name = _("roadmap target")
        constraints = [
            models.CheckConstraint(
                condition=(Q(stage="year", year__gte=1, year__lte=MAX_YEARS))
                | (Q(stage__in=["current", "long_term"], year__isnull=True)),
                name="target_year_only_in_year_columns",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="target_text_not_empty"),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def column(self) -> str:
        """The grid column as forms name it: current, year-1 … year-5 or long_term."""
        return f"year-{self.year}" if self.stage == self.Stage.YEAR else self.stage

    @column.setter
    def column(self, column: str) -> None:
        if column.startswith("year-"):
            self.stage, self.year = self.Stage.YEAR, int(column[5:])
        else:
            self.stage, self.year = column, None

    @property
    def number(self) -> str:
        """The number with its unit as typed, e.g. "60%" or "8 schools"; empty without one."""
        return show_quantity(self.value, self.unit, "")


class SchoolRollout(CarriedModel):
    """When one of the district's schools starts implementing: 0 means it already does."""

    school = models.ForeignKey(
        "districts.School", on_delete=models.CASCADE, related_name="roadmap_rollouts"
    )
    year = models.PositiveSmallIntegerField(_("starts implementing"))
    grades = models.CharField(
        _("grade levels"),
        max_length=60,
        blank=True,
        help_text=_("Only when not every grade of the school starts, for example K-2."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "school__level", "school__name"]
        verbose_name = _("school roll-out")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "school"], name="one_rollout_per_school"),
            models.CheckConstraint(condition=Q(year__lte=MAX_YEARS), name="rollout_year_0_to_5"),
        ]

    def __str__(self):
        return f"{self.school}: {self.year}"
