import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sel_planner.districts.models import CycleScopedModel
from sel_planner.districts.registry import ANNUAL_SECTIONS

# The title of each section of the annual report (and of its narrative), by key.
SECTION_TITLES = dict(ANNUAL_SECTIONS)
# What the public summary page shows of the narrative unless the committee chooses otherwise.
DEFAULT_PUBLIC_SECTIONS = ["overview", "progress", "goals", "learnings"]


def default_public_sections() -> list[str]:
    return list(DEFAULT_PUBLIC_SECTIONS)


class ReportDraft(CycleScopedModel):
    """The cycle's annual report narrative: an editable text for each of the seven sections."""

    overview = models.TextField(SECTION_TITLES["overview"], blank=True)
    progress = models.TextField(SECTION_TITLES["progress"], blank=True)
    goals = models.TextField(SECTION_TITLES["goals"], blank=True)
    data = models.TextField(SECTION_TITLES["data"], blank=True)
    summary = models.TextField(SECTION_TITLES["summary"], blank=True)
    engagement = models.TextField(SECTION_TITLES["engagement"], blank=True)
    learnings = models.TextField(SECTION_TITLES["learnings"], blank=True)
    public_sections = models.JSONField(
        _("narrative shown on the public summary"), default=default_public_sections, blank=True
    )
    private_notes = models.TextField(
        _("notes for the committee"),
        blank=True,
        help_text=_("Never printed in a report nor shown on the public summary."),
    )
    # Set while the public summary is published; a new link each time it is published again.
    public_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    # Publishing is not a version of the text: restoring an old text must not revive a link.
    history = HistoricalRecords(excluded_fields=["public_token", "published_at"])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cycle"], name="one_report_draft_per_cycle"),
            models.CheckConstraint(
                condition=Q(public_token__isnull=True) | Q(published_at__isnull=False),
                name="published_draft_has_a_date",
            ),
        ]

    def __str__(self):
        return f"Annual report {self.cycle}"

    def narrative(self, key: str) -> str:
        return getattr(self, key) if key in SECTION_TITLES else ""


def report_upload_to(job, filename: str) -> str:
    # One name per job: a second delivery of the same task replaces, never adds, a file.
    return f"reports/{job.cycle.district.code}/{job.code}.pdf"


def stalled_before():
    """The moment before which a job still running was stopped for good (the hard time limit)."""
    return timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)


class ReportJobQuerySet(models.QuerySet):
    def pending(self):
        """Jobs that a worker has still to finish: waiting, or running and not stalled."""
        running = Q(status=ReportJob.Status.RUNNING, started_at__gte=stalled_before())
        return self.filter(Q(status=ReportJob.Status.QUEUED) | running)


class ReportJob(models.Model):
    """One requested PDF: what was asked for, by whom, how far its generation got, and the file."""

    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Annual stakeholder report")
        WORKBOOK = "workbook", _("Workbook record")
        TOOL = "tool", _("One tool")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being prepared")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cycle = models.ForeignKey(
        "districts.PlanningCycle", on_delete=models.PROTECT, related_name="report_jobs"
    )
    kind = models.CharField(_("report"), max_length=10, choices=Kind.choices)
    tool = models.CharField(_("tool"), max_length=30, blank=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress_done = models.PositiveSmallIntegerField(default=0)
    progress_total = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    file = models.FileField(upload_to=report_upload_to, blank=True)
    size = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ReportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress_done__lte=F("progress_total")), name="report_progress_in_range"
            ),
            models.CheckConstraint(
                condition=~Q(kind="tool") | ~Q(tool=""), name="tool_report_names_its_tool"
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | ~Q(file=""), name="finished_report_has_a_file"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.cycle} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        return round(100 * self.progress_done / self.progress_total) if self.progress_total else 0

    @property
    def is_stalled(self) -> bool:
        """Running for longer than a task may: its worker was stopped for good (hard time limit)."""
        if self.status != self.Status.RUNNING or self.started_at is None:
            return False
        return self.started_at < stalled_before()

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED) or self.is_stalled

    @property
    def filename(self) -> str:
        name = self.tool if self.kind == self.Kind.TOOL else self.kind
        return f"{self.cycle.district.slug}-{self.cycle.slug}-{name}.pdf"
