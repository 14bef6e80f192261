import re
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sel_planner.districts.models import CycleScopedModel

TEXT_MAX = 4000
# The eleven columns of the workbook's table, plus the start year (question 3).
COLUMNS = (
    "name",
    "organisation",
    "grades",
    "active",
    "why_not",
    "program_goals",
    "achieved",
    "evidence",
    "resources",
    "challenges",
    "connection",
    "start_year",
)


def name_key(name: str) -> str:
    """The form of a program's name two interviews share: `P.B.I.S.` and ` pbis ` match."""
    return re.sub(r"[^\w]+", "", (name or "").casefold())


def new_survey_token() -> str:
    return secrets.token_urlsafe(24)


def notes_field(verbose_name) -> models.TextField:
    """An optional free text, of at most TEXT_MAX characters."""
    return models.TextField(verbose_name, blank=True, max_length=TEXT_MAX)


def member_field(verbose_name) -> models.ForeignKey:
    """An optional district member, kept as empty when their account is removed."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )


class Category(models.TextChoices):
    SEL_STAFF = "sel_staff", _("Current and former SEL department staff")
    DEPARTMENT = (
        "department",
        _(
            "District leaders of departments that may overlap with SEL, such as curriculum and instruction, equity, counseling, and postsecondary preparation"
        ),
    )
    FAMILY_ENGAGEMENT = "family_engagement", _("Family and community engagement department staff")
    PARENT_COUNCIL = "parent_council", _("Parent/family council members")
    SCHOOL = (
        "school",
        _(
            "School administrators, counselors, or others in school-level positions focused on climate and culture"
        ),
    )
    STUDENTS = "students", _("Students")
    OTHERS = (
        "others",
        _(
            "Anyone else who might have in-depth knowledge of SEL-related programs implemented across the district, at individual schools, and in communities and homes"
        ),
    )


class RespondentType(models.TextChoices):
    DISTRICT = "district", _("A district-level staff person")
    SCHOOL = "school", _("A school-level staff person")
    COMMUNITY = "community", _("A community member")


class InventoryWorkspace(CycleScopedModel):
    """The cycle's inventory as a whole: how people were chosen, and when it was completed."""

    selection_note = notes_field(_("how we chose the people to speak with"))
    completed_on = models.DateField(_("date the inventory was completed"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cycle"], name="one_inventory_workspace_per_cycle")
        ]

    def __str__(self):
        return f"Inventory {self.cycle}"


class Person(CycleScopedModel):
    """Someone to learn from in section 1:
    a district member or a named person without an account."""

    class Status(models.TextChoices):
        TO_CONTACT = "to_contact", _("To contact")
        SCHEDULED = "scheduled", _("Scheduled")
        DONE = "done", _("Done")
        DECLINED = "declined", _("Declined")

    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    member = member_field(_("district member"))
    name = models.CharField(_("name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)
    organisation = models.CharField(_("school or organization"), max_length=200, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    interviewer = member_field(_("interviewer"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.TO_CONTACT
    )
    scheduled_on = models.DateField(_("scheduled for"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["category", "name", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name="") | Q(member__isnull=False), name="person_named_or_member"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["to_contact", "scheduled", "done", "declined"]),
                name="person_status_valid",
            ),
        ]

    def __str__(self):
        if self.name:
            return self.name
        return self.member.display_name if self.member_id else "?"


class Survey(CycleScopedModel):
    """The protocol as an online questionnaire behind an unguessable link."""

    token = models.CharField(max_length=64, unique=True, default=new_survey_token, editable=False)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    ask_name = models.BooleanField(
        _("ask for the respondent's name (optional to answer)"), default=True
    )
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cycle"], name="one_inventory_survey_per_cycle"),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="survey_closes_after_opening"
            ),
        ]

    def __str__(self):
        return str(_("Online survey"))

    def get_public_url(self):
        return reverse("inventory_public:survey", kwargs={"token": self.token})


class Interview(CycleScopedModel):
    """The notes of one interview or one survey response, following the protocol."""

    class Source(models.TextChoices):
        INTERVIEW = "interview", _("Interview")
        SURVEY = "survey", _("Online survey")

    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.INTERVIEW
    )
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="interviews"
    )
    respondent_name = models.CharField(_("name"), max_length=150, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, blank=True)
    respondent_type = models.CharField(
        _("The person is"), max_length=10, choices=RespondentType.choices, default="district"
    )
    interviewer = member_field(_("interviewer"))
    interviewer_role = models.CharField(_("interviewer's role"), max_length=150, blank=True)
    held_on = models.DateField(_("date"), null=True, blank=True)
    answer_1 = notes_field(
        _(
            "1. In what ways does your school/organization/department support students in developing social and emotional skills?"
        )
    )
    answer_2 = notes_field(_("2. What SEL-related programs and initiatives:"))
    notes = notes_field(_("other notes"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-created_at"]

    def __str__(self):
        who = self.respondent_name or (str(self.person) if self.person_id else "")
        return who or str(_("Anonymous survey response"))


class Program(CycleScopedModel):
    """One row of the inventory table, with the team's next steps for it (sections 2 and 3)."""

    class Active(models.TextChoices):
        YES = "yes", _("Yes")
        PARTLY = "partly", _("In some places")
        NO = "no", _("No")

    class Decision(models.TextChoices):
        EXPAND = "expand", _("Expand")
        MAINTAIN = "maintain", _("Maintain")
        REINSTATE = "reinstate", _("Reinstate")
        PHASE_OUT = "phase_out", _("Phase out")

    name = models.CharField(_("Program/Initiative Name"), max_length=200)
    name_key = models.CharField(max_length=200, editable=False)
    organisation = notes_field(_("District Dept/School/Org that tried it"))
    schools = models.ManyToManyField(
        "districts.School", blank=True, related_name="+", verbose_name=_("schools")
    )
    grades = models.CharField(_("Grades"), max_length=100, blank=True)
    grade_low = models.SmallIntegerField(null=True, blank=True, editable=False)
    grade_high = models.SmallIntegerField(null=True, blank=True, editable=False)
    start_year = models.CharField(_("When did implementation begin?"), max_length=100, blank=True)
    active = models.CharField(_("Currently Active?"), max_length=300, blank=True)
    active_state = models.CharField(_("active"), max_length=10, choices=Active.choices, blank=True)
    why_not = notes_field(_("If No, Why?"))
    program_goals = notes_field(_("Goals of Program/ Initiative?"))
    achieved = notes_field(_("Achieve Intended Goals?"))
    evidence = notes_field(_("Evidence of Achieving Goals? Are Goals Achieved for All Sub-Groups?"))
    resources = notes_field(_("Necessary Resources"))
    challenges = notes_field(_("Challenges"))
    connection = notes_field(
        _("What's the Connection to the District's Long-term SEL SMARTIE Goals?")
    )
    goals = models.ManyToManyField(
        "goals.Goal",
        blank=True,
        related_name="inventory_programs",
        verbose_name=_("long-term goals"),
    )
    # Section 3: the discussion, the decision, and the build-on table's columns.
    d_implemented = models.TextField(_("Is the effort still being implemented?"), blank=True)
    d_sel_goals = models.TextField(_("Is the effort achieving SEL-related goals?"), blank=True)
    d_intended_goals = models.TextField(
        _("Is the effort achieving its intended goals?"), blank=True
    )
    d_evidence = models.TextField(
        _("Is there strong evidence to document the impact of the effort?"), blank=True
    )
    d_resources = models.TextField(
        _(
            "What resources (e.g. funding, personnel, time) are available to continue or reinstate the effort?"
        ),
        blank=True,
    )
    d_challenges = models.TextField(_("What challenges come along with the effort?"), blank=True)
    d_reduce = models.TextField(
        _(
            "To what extent could the SEL team reduce the effect of (or eliminate) these challenges?"
        ),
        blank=True,
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    goal_connections = models.TextField(_("Connections to District SEL Goals"), blank=True)
    incorporate = models.TextField(
        _("How SEL Team Wishes to Incorporate into Planning for Future"), blank=True
    )
    next_steps = models.TextField(_("Next Steps"), blank=True)
    responsible = member_field(_("SEL Team Member Responsible for Next Step"))
    responsible_name = models.CharField(
        _("or another person responsible"), max_length=150, blank=True
    )
    deadline = models.DateField(_("Deadline for Next Step"), null=True, blank=True)
    phase_out_who = models.TextField(_("who is told, and by whom"), blank=True)
    phase_out_how = models.TextField(_("how and why district support ends"), blank=True)
    phase_out_partners = models.TextField(
        _("organizations that could continue to support implementation"), blank=True
    )
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "name_key"], name="program_name_unique_in_cycle"
            ),
            models.CheckConstraint(condition=~Q(name_key=""), name="program_name_not_empty"),
        ]

    def __str__(self):
        return self.name

    @property
    def builds_on(self) -> bool:
        return self.decision in ("expand", "maintain", "reinstate")

    @property
    def responsible_display(self) -> str:
        if self.responsible_id:
            return self.responsible.display_name
        return self.responsible_name


class Mention(CycleScopedModel):
    """One program an interviewee mentioned, with their answers to questions 3 to 11."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="mentions")
    program = models.ForeignKey(
        Program, on_delete=models.SET_NULL, null=True, blank=True, related_name="mentions"
    )
    name = models.CharField(_("program or initiative mentioned"), max_length=200)
    q3_began = models.CharField(_("3. When did implementation begin?"), max_length=100, blank=True)
    q4_still = notes_field(
        _("4. Is the program/initiative still being implemented? If no, why not?")
    )
    q5_goals = notes_field(_("5. What are/were the goals of the program/initiative?"))
    q6_how_well = notes_field(_("6. How well did/does the program/initiative achieve those goals?"))
    q7_evidence = notes_field(
        _(
            "7. What evidence have you seen that shows whether this program/initiative has worked? Some examples of evidence include information shared on student, family, and staff surveys; school records; and program/initiative reports."
        )
    )
    reports_on_hand = models.BooleanField(
        _("We already have access to the data and/or reports"), default=False
    )
    q8_public = notes_field(
        _(
            "8. Do you know if any of the reports related to that work are public? It would be great to learn more."
        )
    )
    q8_share = notes_field(
        _(
            "If not public, would you or someone else in your department/school/organization be able to share with me?"
        )
    )
    q9_resources = notes_field(
        _(
            "9. What do you know about the types of resources that are required to run this program/initiative to achieve these goals?"
        )
    )
    q10_challenges = notes_field(
        _("10. What were some challenges faced by people implementing this program/initiative?")
    )
    q11_else = notes_field(
        _("11. What else should the SEL team know about this program/initiative?")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return self.name


class ImportPreview(models.Model):
    """An uploaded file's checked rows, kept for its uploader until imported, dropped or expired.

    Transient, like a session: no version, no history; a scheduled task removes expired ones.
    """

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cycle = models.ForeignKey(
        "districts.PlanningCycle", on_delete=models.CASCADE, related_name="import_previews"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    columns = models.JSONField(default=list)
    rows = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["cycle", "uploaded_by"], name="import_preview_owner")]

    def __str__(self):
        return f"Import preview {self.code}"
