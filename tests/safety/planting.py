"""Planted strings: district B's text carries markers that no response to district A may contain.

`seed_district` fills a district the way `seed_demo` fills Riverbend (every tool, two cycles);
`plant_markers` then rewrites every text value of one district in place, a marker unique to
each model and field at the front, so a leak names the field it came from; `response_text`
reads a response as a person would get it (HTML, CSV, XLSX, PDF), and `markers_in` finds them.
"""

import functools
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone

from sel_planner.accounts.models import User
from sel_planner.districts import registry
from sel_planner.districts.management.commands.seed_demo import DEMO_SCHOOLS
from sel_planner.districts.models import District, Membership, PlanningCycle, Role, School
from sel_planner.districts.portability import district_rows
from tests.factories import GoalFactory, ReportJobFactory

MARKER_PREFIX = "ZQB"
_FOUND = re.compile(r"zqb[0-9a-f]{6}")
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


@dataclass
class Seeded:
    district: District
    previous: PlanningCycle
    cycle: PlanningCycle
    lead: User
    member: User
    member2: User
    viewer: User


def seed_district(*, slug: str, name: str, domain: str) -> Seeded:
    """A district with the demo's schools, people and content in a closed and an open cycle."""
    from actionplan.demo import seed_actionplan_demo
    from goals.demo import seed_goals_demo
    from inventory.demo import seed_inventory_demo
    from roadmap.demo import seed_roadmap_demo
    from rubric.demo import seed_rubric_demo
    from sel_planner.reports.demo import seed_reports_demo
    from vision.demo import seed_vision_demo

    district = District.objects.create(
        slug=slug, name=name, state="IL", timezone="America/Chicago", student_count=7400
    )
    School.objects.bulk_create(
        School(district=district, name=school, level=level, grade_band=band)
        for school, level, band in DEMO_SCHOOLS
    )
    previous = PlanningCycle.objects.create(
        district=district,
        label="2025-26",
        start_date=date(2025, 8, 1),
        end_date=date(2026, 7, 31),
        phase=PlanningCycle.Phase.CLOSED,
    )
    cycle = PlanningCycle.objects.create(
        district=district,
        label="2026-27",
        start_date=date(2026, 8, 1),
        end_date=date(2027, 7, 31),
        phase=PlanningCycle.Phase.PLAN,
    )
    # Each tool's one-per-cycle records, as a cycle made in the app (or by seed_demo) has them.
    registry.cycle_setup(previous)
    registry.cycle_setup(cycle)
    people = {}
    for key, full_name, role in (
        ("lead", "Dana Whitfield", Role.LEAD),
        ("member", "Luis Ortega", Role.MEMBER),
        ("member2", "Priya Shah", Role.MEMBER),
        ("viewer", "Grace Kim", Role.VIEWER),
    ):
        user = User.objects.create_user(email=f"{key}@{domain}", full_name=full_name)
        Membership.objects.create(user=user, district=district, role=role)
        people[key] = user
    lead, members = people["lead"], [people["member"], people["member2"]]
    seed_rubric_demo(previous_cycle=previous, cycle=cycle, raters=[lead, *members], lead=lead)
    seed_vision_demo(cycle=cycle, lead=lead, member=members[0])
    seed_goals_demo(cycle=cycle, lead=lead, members=members)
    seed_inventory_demo(cycle=cycle, lead=lead, members=members)
    seed_roadmap_demo(cycle=cycle, lead=lead)
    seed_actionplan_demo(cycle=cycle, lead=lead, members=members)
    seed_reports_demo(cycle=cycle)
    return Seeded(district, previous, cycle, **people)


def seed_links_and_files(seeded: Seeded) -> dict:
    """Open public links, a published summary, a finished report, an upload and an invitation."""
    from inventory.models import Survey
    from sel_planner.accounts.services import invitation_create
    from sel_planner.reports.models import ReportDraft
    from sel_planner.reports.services import summary_publish
    from vision.models import Draft, FeedbackRound, Material
    from vision.services_links import questionnaire_of, questionnaire_publish

    cycle, today = seeded.cycle, timezone.localdate()
    until = today + timedelta(days=30)
    questionnaire = questionnaire_of(cycle=cycle) or questionnaire_publish(
        cycle=cycle, opens_on=today, closes_on=until, ask_group=True, ask_name=True
    )
    feedback = FeedbackRound.objects.filter(cycle=cycle, closed_at__isnull=True).first()
    if feedback is None:
        feedback = FeedbackRound.objects.create(
            cycle=cycle,
            draft=Draft.objects.filter(cycle=cycle).first(),
            opens_on=today,
            closes_on=until,
        )
    else:
        FeedbackRound.objects.filter(pk=feedback.pk).update(opens_on=today, closes_on=until)
    survey = Survey.objects.filter(cycle=cycle).first()
    if survey is None:
        survey = Survey.objects.create(cycle=cycle, opens_on=today, closes_on=until)
    else:
        Survey.objects.filter(pk=survey.pk).update(opens_on=today, closes_on=until)
    draft = summary_publish(draft=ReportDraft.objects.get(cycle=cycle))
    job = ReportJobFactory(
        cycle=cycle,
        requested_by=seeded.member,
        progress_total=1,
        size=20,
        done=True,
        file__data=b"%PDF-1.7 placeholder",
    )
    failed = ReportJobFactory(
        cycle=cycle, kind="workbook", requested_by=seeded.lead, status="failed", error="Broken."
    )
    material = Material(
        cycle=cycle,
        kind="plan",
        title="Strategic plan",
        text="Every student thrives.",
        uploaded_by=seeded.lead,
    )
    material.file.save("plan.txt", ContentFile(b"Our strategic plan."), save=False)
    material.save()
    _invitation, invitation_token = invitation_create(
        district=seeded.district,
        email=f"invited@{seeded.lead.email.split('@')[1]}",
        role="member",
        invited_by=seeded.lead,
    )
    _removed_records(seeded)
    _records_the_demo_leaves_out(seeded)
    return {
        "questionnaire": questionnaire.token,
        "feedback": feedback.token,
        "survey": survey.token,
        "summary": draft.public_token,
        "invitation": invitation_token,
        "job": job,
        "failed_job": failed,
        "material": material,
    }


def _removed_records(seeded: Seeded) -> None:
    """Records a person removed: only their history is left, on pages that list removals."""
    from inventory.services import program_create

    School.objects.create(district=seeded.district, name="Closed Elementary", grade_band="K-5")
    School.objects.get(district=seeded.district, name="Closed Elementary").delete()
    goal = GoalFactory(
        cycle=seeded.cycle,
        priority__phrase="A priority that was removed",
        statement="A removed goal",
    )
    goal.delete()
    goal.priority.delete()
    program_create(cycle=seeded.cycle, name="Retired Mentoring Program", grades="6-8").delete()


def _records_the_demo_leaves_out(seeded: Seeded) -> None:
    """Comments, feedback, the goals workspace, an improvement decision and audit lines."""
    from actionplan.models import AnnualGoal, Improvement
    from goals.models import Comment, Feedback, Goal, GoalsWorkspace
    from sel_planner.districts.models import AuditAction
    from sel_planner.districts.services import audit_record

    cycle, lead = seeded.cycle, seeded.lead
    GoalsWorkspace.objects.update_or_create(
        cycle=cycle,
        defaults={
            "vision_text": "All students thrive.",
            "discussion_notes": "We read the rubric results together.",
            "alignment_note": "Aligned with the strategic plan.",
        },
    )
    goal = Goal.objects.filter(cycle=cycle).order_by("pk").first()
    Comment.objects.create(cycle=cycle, goal=goal, author=seeded.member, text="Add a baseline.")
    Feedback.objects.create(
        cycle=cycle,
        goal=goal,
        source="other",
        received_on=cycle.start_date,
        summary="Families asked for clearer wording.",
        revision="Reworded the second sentence.",
    )
    annual = AnnualGoal.objects.filter(cycle=cycle).order_by("pk").first()
    Improvement.objects.update_or_create(
        annual_goal=annual,
        defaults={
            "cycle": cycle,
            "decision": "build",
            "goals_match": "Mostly.",
            "key_learnings": "Protect time for adult SEL.",
            "next_steps": "Extend to middle schools.",
            "school_support": "Coaching visits.",
        },
    )
    audit_record(
        district=seeded.district,
        actor=lead,
        action=AuditAction.ROLE_CHANGE,
        member=seeded.viewer.email,
        role="viewer",
    )
    audit_record(district=seeded.district, actor=lead, action=AuditAction.EXPORT, file="a.zip")


def marker_for(label: str) -> str:
    """The marker of one model field, e.g. `ZQB3fa2c1` for `vision.Theme.text`."""
    return MARKER_PREFIX + hashlib.sha1(label.encode()).hexdigest()[:6]


def _planted(field, marker: str, pk, value):
    if isinstance(field, models.JSONField):
        return _planted_json(marker, value)
    if value is None and field.unique:
        return None  # a null link token means "not published"; it stays unpublished
    new = f"{marker}-{pk}-{value}" if value else f"{marker}-{pk}"  # empty text gets one too
    if isinstance(field, models.EmailField) and value:
        new = f"{marker.lower()}-{pk}-{value}"
    return new[: field.max_length] if field.max_length else new


def _planted_json(marker: str, value):
    if isinstance(value, str):
        return f"{marker}-{value}"
    if isinstance(value, list):
        return [_planted_json(marker, item) for item in value]
    if isinstance(value, dict):
        return {key: _planted_json(marker, item) for key, item in value.items()}
    return value


def _text_fields(model) -> list:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, TEXT_FIELDS) and not f.primary_key and not f.choices
    ]


def _plant_rows(model, queryset, markers: dict, skipped: list) -> None:
    fields = []
    for field in _text_fields(model):
        label = f"{model._meta.label}.{field.name}"
        marker = marker_for(label)
        if field.max_length is not None and field.max_length < len(marker):
            skipped.append(f"{label} (max_length {field.max_length})")
            continue
        fields.append((field, marker, label))
    if not fields:
        return
    objs = list(queryset)
    changed = set()
    for obj in objs:
        for field, marker, label in fields:
            new = _planted(field, marker, obj.pk, getattr(obj, field.attname))
            if new is None or (
                isinstance(field, models.JSONField) and new == getattr(obj, field.attname)
            ):
                continue
            try:
                if not isinstance(field, models.JSONField):
                    field.run_validators(new)
            except ValidationError:
                skipped.append(f"{label} (validators)")
                continue
            setattr(obj, field.attname, new)
            markers[marker.lower()] = label
            changed.add(field.attname)
    if changed:
        model._base_manager.bulk_update(objs, sorted(changed), batch_size=200)


def plant_markers(*, district: District) -> tuple[dict, list]:
    """Rewrite every text value of the district, its history and its own people in place.

    Returns the markers (lowercase marker -> "app.Model.field") and the fields left alone
    because no marker fits (choices fields are never touched: their values are codes).
    """
    rows = district_rows(district=district)
    markers, skipped = {}, []
    for model in rows.models:
        if rows.pks[model]:
            _plant_rows(model, rows.queryset(model), markers, skipped)
    # People of this district only: someone who also belongs to another district is theirs too.
    own_people = list(
        User.objects.filter(memberships__district=district).exclude(
            memberships__district__in=District.objects.exclude(pk=district.pk)
        )
    )
    user_fields = [User._meta.get_field("full_name"), User._meta.get_field("email")]
    for user in own_people:
        for field in user_fields:
            marker = marker_for(f"accounts.User.{field.name}")
            value = getattr(user, field.attname)
            new = f"{marker.lower()}-{value}" if field.name == "email" else f"{marker} {value}"
            setattr(user, field.attname, new[: field.max_length])
            markers[marker.lower()] = f"accounts.User.{field.name}"
    User.objects.bulk_update(own_people, ["full_name", "email"])
    return markers, sorted(set(skipped))


def markers_in(text: str, markers: dict) -> set[str]:
    """The labels of the planted fields whose marker occurs in `text` (any letter case)."""
    return {markers[found] for found in _FOUND.findall(text.lower()) if found in markers}


@functools.cache
def _pdf_text(data: bytes) -> str:
    """A PDF's text (cached: the crawl downloads the same report as each visitor)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError):
        return ""  # not a readable PDF: its raw bytes are still searched


def _zip_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(
            archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
        )


def body_text(body: bytes) -> str:
    """The text of a body: a PDF's extracted text (and raw bytes), a zip's (XLSX) members."""
    if body.startswith(b"%PDF"):
        return _pdf_text(body) + "\n" + body.decode("latin-1")
    if body.startswith(b"PK\x03\x04"):
        return _zip_text(body)
    return body.decode("utf-8", "replace")


def response_text(response) -> str:
    """Everything a response shows: its body, its redirect target and its htmx headers."""
    headers = ("Location", "Content-Disposition", "HX-Redirect", "HX-Location", "HX-Trigger")
    parts = [response.get(name, "") for name in headers]
    if getattr(response, "streaming", False):
        parts.append(body_text(b"".join(response.streaming_content)))
    else:
        parts.append(body_text(response.content))
    return "\n".join(parts)
