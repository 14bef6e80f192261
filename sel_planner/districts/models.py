import uuid
import zoneinfo
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

US_STATES = [
    ("AL", "Alabama"),
    ("AK", "Alaska"),
    ("AZ", "Arizona"),
    ("AR", "Arkansas"),
    ("CA", "California"),
    ("CO", "Colorado"),
    ("CT", "Connecticut"),
    ("DE", "Delaware"),
    ("DC", "District of Columbia"),
    ("FL", "Florida"),
    ("GA", "Georgia"),
    ("HI", "Hawaii"),
    ("ID", "Idaho"),
    ("IL", "Illinois"),
    ("IN", "Indiana"),
    ("IA", "Iowa"),
    ("KS", "Kansas"),
    ("KY", "Kentucky"),
    ("LA", "Louisiana"),
    ("ME", "Maine"),
    ("MD", "Maryland"),
    ("MA", "Massachusetts"),
    ("MI", "Michigan"),
    ("MN", "Minnesota"),
    ("MS", "Mississippi"),
    ("MO", "Missouri"),
    ("MT", "Montana"),
    ("NE", "Nebraska"),
    ("NV", "Nevada"),
    ("NH", "New Hampshire"),
    ("NJ", "New Jersey"),
    ("NM", "New Mexico"),
    ("NY", "New York"),
    ("NC", "North Carolina"),
    ("ND", "North Dakota"),
    ("OH", "Ohio"),
    ("OK", "Oklahoma"),
    ("OR", "Oregon"),
    ("PA", "Pennsylvania"),
    ("RI", "Rhode Island"),
    ("SC", "South Carolina"),
    ("SD", "South Dakota"),
    ("TN", "Tennessee"),
    ("TX", "Texas"),
    ("UT", "Utah"),
    ("VT", "Vermont"),
    ("VA", "Virginia"),
    ("WA", "Washington"),
    ("WV", "West Virginia"),
    ("WI", "Wisconsin"),
    ("WY", "Wyoming"),
    ("AS", "American Samoa"),
    ("GU", "Guam"),
    ("MP", "Northern Mariana Islands"),
    ("PR", "Puerto Rico"),
    ("VI", "U.S. Virgin Islands"),
]

US_TIMEZONES = [
    (name, name.replace("_", " "))
    for name in sorted(zoneinfo.available_timezones())
    if name.startswith(("America/", "Pacific/Honolulu", "Pacific/Guam", "Pacific/Pago_Pago"))
]


# Cycle slugs that the district-level pages (districts/urls.py) would shadow.
RESERVED_CYCLE_SLUGS = {
    "cycles",
    "settings",
    "members",
    "invitations",
    "schools",
    "history",
    "audit",
}


class TrackedModel(models.Model):
    """Base of every editable record:
    UUID code for URLs, timestamps, and a version for stale edits."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class CycleScopedModel(TrackedModel):
    """Base of every workbook tool record: it belongs to exactly one planning cycle."""

    cycle = models.ForeignKey(
        "districts.PlanningCycle",
        on_delete=models.PROTECT,
        related_name="%(app_label)s_%(class)s_set",
    )

    class Meta:
        abstract = True


def carried_from_field():
    """The tool record this one was copied from when its cycle was carried forward."""
    return models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )


class Role(models.TextChoices):
    LEAD = "lead", _("SEL lead")
    MEMBER = "member", _("Committee member")
    VIEWER = "viewer", _("Viewer")


class District(TrackedModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("short name in links"),
        max_length=60,
        unique=True,
        help_text=_(
            "Lowercase letters, numbers and hyphens; used in the district's web addresses."
        ),
    )
    state = models.CharField(_("state"), max_length=2, choices=US_STATES)
    timezone = models.CharField(
        _("time zone"), max_length=64, choices=US_TIMEZONES, default="America/Chicago"
    )
    student_count = models.PositiveIntegerField(_("number of students"), null=True, blank=True)

    history = HistoricalRecords()

    # The signed-in member's role in the district, set by the access helpers.
    role: str

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("districts:cycles", kwargs={"district": self.slug})


class School(TrackedModel):
    class Level(models.TextChoices):
        ELEMENTARY = "ES", _("Elementary school")
        MIDDLE = "MS", _("Middle school")
        HIGH = "HS", _("High school")
        OTHER = "other", _("Other")

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="schools")
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=5, choices=Level.choices)
    grade_band = models.CharField(
        _("grade band"), max_length=20, blank=True, help_text=_("For example K-5, 6-8 or 9-12.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["level", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "name"], name="school_name_unique_in_district"
            )
        ]

    def __str__(self):
        return self.name


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["user__full_name", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "district"], name="one_membership_per_district"
            ),
            models.CheckConstraint(
                condition=Q(role__in=[r.value for r in Role]), name="membership_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.district})"


class PlanningCycle(TrackedModel):
    """One school year of a district's SEL planning; every tool record belongs to one."""

    class Phase(models.TextChoices):
        PLAN = "plan", _("Plan")
        IMPLEMENT = "implement", _("Implement")
        REFLECT = "reflect", _("Reflect")
        CLOSED = "closed", _("Closed")

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="cycles")
    label = models.CharField(_("school year"), max_length=20, help_text=_("For example 2026-27."))
    slug = models.SlugField(max_length=30, editable=False)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    phase = models.CharField(_("phase"), max_length=10, choices=Phase.choices, default=Phase.PLAN)
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "slug"], name="cycle_slug_unique_in_district"
            ),
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date")), name="cycle_ends_after_it_starts"
            ),
        ]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        # The slug follows the label so that cycle addresses read as school years.
        self.slug = slugify(self.label)
        if "update_fields" in kwargs and kwargs["update_fields"] is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "slug"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "districts:dashboard", kwargs={"district": self.district.slug, "cycle": self.slug}
        )

    @property
    def is_closed(self) -> bool:
        return self.phase == self.Phase.CLOSED


class AuditAction(models.TextChoices):
    EXPORT = "export", _("District exported")
    REPORT_DOWNLOAD = "report_download", _("Report downloaded")
    REPORT_DELETE = "report_delete", _("Report deleted")
    ROLE_CHANGE = "role_change", _("Role changed")
    MEMBER_REMOVE = "member_remove", _("Member removed")
    SCHOOL_REMOVE = "school_remove", _("School removed")
    GOAL_REMOVE = "goal_remove", _("Goal removed")


class AuditEvent(models.Model):
    """Who did what, and when, with a district's data: exports, downloads, roles, removals."""

    Action = AuditAction

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="audit_events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("what"), max_length=30, choices=Action.choices)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["district", "-created_at"], name="audit_district_recent")]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=[a.value for a in AuditAction]), name="audit_action_valid"
            )
        ]

    def __str__(self):
        return f"{self.get_action_display()} ({self.district})"

    def summary(self) -> str:
        """One line saying what the event touched, from its details."""
        d = self.details or {}
        roles = dict(Role.choices)
        values = {key: d.get(key, "") for key in ("member", "school", "goal", "report", "cycle")}
        values |= {"rows": d.get("rows", "?"), "files": d.get("files", "?")}
        for key, name in (("role", "role"), ("old_role", "old"), ("new_role", "new")):
            values[name] = roles.get(d.get(key, ""), d.get(key, ""))
        templates: dict[str, StrOrPromise] = {
            AuditAction.EXPORT: _("%(rows)s rows and %(files)s files"),
            AuditAction.ROLE_CHANGE: _("%(member)s: %(old)s → %(new)s"),
            AuditAction.MEMBER_REMOVE: _("%(member)s (%(role)s)"),
            AuditAction.SCHOOL_REMOVE: "%(school)s",
            AuditAction.GOAL_REMOVE: _("%(goal)s (cycle %(cycle)s)"),
        }
        return templates.get(self.action, _("%(report)s (cycle %(cycle)s)")) % values
