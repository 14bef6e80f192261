from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sel_planner.districts.models import CycleScopedModel

SCORES = [(1, "1"), (2, "2"), (3, "3"), (4, "4")]


class Framework(models.Model):
    """One published text of the rubric; assessments keep pointing at the text they used."""

    slug = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=200)
    edition = models.CharField(max_length=40)
    instruction = models.TextField()
    level_labels = models.JSONField(help_text="Label of each level, keyed '1' to '4'.")
    is_current = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_current", "slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="one_current_framework"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.edition})"

    def level_label(self, number: int) -> str:
        return self.level_labels[str(number)]


class FocusArea(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="focus_areas")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="focus_area_number_unique")
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Item(models.Model):
    focus_area = models.ForeignKey(FocusArea, on_delete=models.PROTECT, related_name="items")
    code = models.CharField(max_length=8)
    title = models.CharField(max_length=300)
    definition = models.TextField(help_text="The definition of full implementation.")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["focus_area__number", "position"]
        constraints = [
            models.UniqueConstraint(fields=["focus_area", "code"], name="item_code_unique_in_area")
        ]

    def __str__(self):
        return f"{self.code}: {self.title}"


class Level(models.Model):
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="levels")
    number = models.PositiveSmallIntegerField(choices=SCORES)
    source_note = models.TextField(
        blank=True, help_text="Shown instead of descriptors where the source text is defective."
    )

    class Meta:
        ordering = ["item", "number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="level_unique_in_item")
        ]

    def __str__(self):
        return f"{self.item.code} level {self.number}"


class Descriptor(models.Model):
    level = models.ForeignKey(Level, on_delete=models.PROTECT, related_name="descriptors")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["level", "position"]

    def __str__(self):
        return self.text


class Assessment(CycleScopedModel):
    class Kind(models.TextChoices):
        BEGINNING = "beginning", _("Beginning of the year")
        END = "end", _("End of the year")
        OTHER = "other", _("Another point in the year")

    class Status(models.TextChoices):
        OPEN = "open", _("Open for ratings")
        CLOSED = "closed", _("Closed")

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("when"), max_length=10, choices=Kind.choices)
    name = models.CharField(
        _("name"),
        max_length=100,
        blank=True,
        help_text=_("Only for another point, e.g. Mid-year check-in."),
    )
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("ratings due by"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    revealed = models.BooleanField(default=False)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["cycle__start_date", "opens_on", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "kind"],
                condition=~Q(kind="other"),
                name="one_assessment_of_a_kind_per_cycle",
            ),
            models.UniqueConstraint(
                fields=["cycle", "name"],
                condition=Q(kind="other"),
                name="other_assessment_name_unique",
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="assessment_closes_after_opening",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        if self.kind == self.Kind.OTHER and self.name:
            return self.name
        return str(self.get_kind_display())

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class Rating(CycleScopedModel):
    """One committee member's rating of one item in one assessment."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    rater = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("rating"), choices=SCORES, null=True, blank=True)
    not_sure = models.BooleanField(_("not sure"), default=False)
    descriptors = models.ManyToManyField(Descriptor, blank=True, related_name="+")
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_links = models.TextField(
        _("links to documents"), blank=True, help_text=_("One web address per line.")
    )
    evidence_private = models.BooleanField(
        _("keep my evidence to the committee"),
        default=False,
        help_text=_("Viewers (superintendent, board) then see your rating but not your evidence."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["item__focus_area__number", "item__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "item", "rater"], name="one_rating_per_rater_item"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=4),
                name="rating_score_1_to_4",
            ),
            models.CheckConstraint(
                condition=~Q(not_sure=True, score__isnull=False),
                name="rating_not_sure_has_no_score",
            ),
        ]

    def __str__(self):
        return f"{self.item.code} by {self.rater}"

    @property
    def is_answered(self) -> bool:
        return self.score is not None or self.not_sure


class Submission(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="submissions")
    rater = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "rater"], name="one_submission_per_rater")
        ]

    def __str__(self):
        return f"{self.rater} submitted {self.assessment}"


class Consensus(CycleScopedModel):
    """The committee's agreed score for one item, recorded by a lead with its rationale."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="consensus")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("consensus score"), choices=SCORES)
    rationale = models.TextField(_("rationale"))
    discussion_notes = models.TextField(_("discussion notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "consensus scores"
        ordering = ["item__focus_area__number", "item__position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="one_consensus_per_item"),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=4), name="consensus_score_1_to_4"
            ),
        ]

    def __str__(self):
        return f"{self.item.code}: {self.score}"
