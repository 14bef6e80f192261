"""Writes of the inventory:
programs from interviews, matching, merging, survey answers, carrying forward."""

import re
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sel_planner.accounts.throttling import link_by_token
from sel_planner.districts.editing import changes_save, lock_current, versioned_save

from .models import (
    COLUMNS,
    ImportPreview,
    Interview,
    InventoryWorkspace,
    Mention,
    Person,
    Program,
    Survey,
    name_key,
)

# Which answers of an interview fill which cell of the table (the workbook maps Q3-Q10 to them).
CELL_SOURCES = {
    "start_year": ["q3_began"],
    "active": ["q4_still"],
    "why_not": ["q4_still"],
    "program_goals": ["q5_goals"],
    "achieved": ["q6_how_well"],
    "evidence": ["q7_evidence", "q8_public"],
    "resources": ["q9_resources"],
    "challenges": ["q10_challenges"],
}
FILLED_FROM_MENTION = {cell: sources[0] for cell, sources in CELL_SOURCES.items()}
del FILLED_FROM_MENTION["why_not"]  # "still implemented?" answers the active cell first

_GRADE = r"(K|PK|Pre-?K|\d{1,2})"
_RANGE = re.compile(rf"\b{_GRADE}\s*(?:-|–|to|through)\s*{_GRADE}\b", re.IGNORECASE)
_SINGLE = re.compile(rf"\b{_GRADE}\b", re.IGNORECASE)


def _grade_number(text: str) -> int | None:
    text = text.upper().replace("-", "")
    if text in ("K", "PK", "PREK"):
        return 0
    number = int(text)
    return number if 0 <= number <= 12 else None


def grade_range(grades: str) -> tuple[int | None, int | None]:
    """`K-8` → (0, 8); `1-4 district-wide` → (1, 4); `6` → (6, 6); words only → (None, None)."""
    match = _RANGE.search(grades or "") or _SINGLE.search(grades or "")
    if not match:
        return None, None
    low = _grade_number(match.group(1))
    high = _grade_number(match.group(match.lastindex))
    if low is None or high is None:
        return None, None
    return min(low, high), max(low, high)


def program_prepare(program: Program) -> Program:
    """Derive the stored name key and grade range from what the committee typed."""
    program.name = program.name.strip()
    program.name_key = name_key(program.name)
    program.grade_low, program.grade_high = grade_range(program.grades)
    return program


def program_save(*, form):
    """Save a program form through the versioned save, keeping derived fields in step."""
    program_prepare(form.instance)
    return versioned_save(form=form)


def program_create(*, cycle, name: str, **cells) -> Program:
    program = program_prepare(Program(cycle=cycle, name=name, **cells))
    program.save()
    return program


def program_match(*, cycle, name: str) -> Program | None:
    """The cycle's program this name refers to, ignoring case, spaces and punctuation."""
    key = name_key(name)
    return cycle.inventory_program_set.filter(name_key=key).first() if key else None


def _fill_empty_cells(program: Program, mention: Mention) -> list[str]:
    changed = []
    for cell, source in FILLED_FROM_MENTION.items():
        value = getattr(mention, source).strip()
        if value and not getattr(program, cell).strip():
            setattr(program, cell, value[: Program._meta.get_field(cell).max_length or None])
            changed.append(cell)
    interview = mention.interview
    organisation = interview.person.organisation if interview.person_id else ""
    if organisation and not program.organisation.strip():
        program.organisation = organisation
        changed.append("organisation")
    return changed


@transaction.atomic
def mention_link(*, mention: Mention, program: Program | None = None) -> Program:
    """Point a mention at `program`, or at a new program made from its answers;
    empty cells are filled."""
    if program is None:
        program = program_match(cycle=mention.cycle, name=mention.name)
    if program is None:
        program = program_create(cycle=mention.cycle, name=mention.name)
    program = lock_current(program)
    changed = _fill_empty_cells(program, mention)
    if changed:
        program.version += 1
        program.save(update_fields=[*changed, "version", "updated_at"])
    lock_current(mention)  # removed meanwhile: nothing to point at the program
    changes_save(mention, program=program)
    return program


def mention_add(*, interview: Interview, name: str, program: Program | None) -> Mention:
    mention = Mention.objects.create(cycle=interview.cycle, interview=interview, name=name)
    mention_link(mention=mention, program=program)
    return mention


# The cells a merge fills in: the table's columns and the active state filtered on.
MERGED_CELLS = [*COLUMNS[1:], "active_state"]


@transaction.atomic
def program_merge(*, source: Program, target: Program) -> Program:
    """Fold `source` into `target`: its interviews, schools, goals and any cell `target` lacks."""
    target = lock_current(target)
    for cell in MERGED_CELLS:
        if not getattr(target, cell) and getattr(source, cell):
            setattr(target, cell, getattr(source, cell))
    program_prepare(target)
    target.version += 1
    target._change_reason = _("Merged with %(name)s") % {"name": source.name}
    target.save()
    target.schools.add(*source.schools.all())
    target.goals.add(*source.goals.all())
    for mention in source.mentions.all():
        changes_save(mention, program=target)
    source.delete()
    return target


@transaction.atomic
def person_interview_start(*, person: Person, interviewer) -> Interview:
    """A new interview record for someone on the list, with what is known of them filled in."""
    return Interview.objects.create(
        cycle=person.cycle,
        person=person,
        respondent_name=str(person),
        category=person.category,
        respondent_type="school" if person.category == "school" else "district",
        interviewer=person.interviewer or interviewer,
        held_on=person.scheduled_on,
    )


@transaction.atomic
def interview_finish(*, interview: Interview) -> None:
    """Copy the answers into the table's empty cells and mark the interviewee done."""
    for mention in interview.mentions.filter(program__isnull=False).select_related("interview"):
        mention_link(mention=mention, program=mention.program)
    person = interview.person
    if person is not None and person.status != Person.Status.DONE:
        changes_save(lock_current(person), status=Person.Status.DONE)


@transaction.atomic
def survey_answers_save(*, survey, answers: dict, programs: list[dict]) -> Interview:
    """One interview record from a survey response; each program it names is matched by name."""
    interview = Interview.objects.create(
        cycle_id=survey.cycle_id,
        source=Interview.Source.SURVEY,
        respondent_name=answers.get("respondent", "").strip(),
        respondent_type=answers["respondent_type"],
        answer_1=answers.get("answer_1", "").strip(),
        answer_2=answers.get("answer_2", "").strip(),
    )
    for row in programs:
        fields = {k: (v or "").strip() for k, v in row.items() if k != "name"}
        mention = Mention.objects.create(
            cycle_id=survey.cycle_id, interview=interview, name=row["name"].strip(), **fields
        )
        match = program_match(cycle=survey.cycle, name=mention.name)
        if match is not None:  # new names wait for the committee to match or add them
            mention_link(mention=mention, program=match)
    return interview


# What a program carries into the next cycle: all it holds but its identity, cycle and origin.
NOT_COPIED = {"id", "code", "created_at", "updated_at", "version", "cycle", "carried_from"}


def inventory_cycle_setup(*, cycle) -> None:
    """The cycle's inventory workspace, made when the cycle is (registry.cycle_setup)."""
    InventoryWorkspace.objects.get_or_create(cycle=cycle)


@transaction.atomic
def inventory_complete(*, cycle) -> InventoryWorkspace:
    """Mark the cycle's inventory complete today."""
    workspace = cycle.inventory_inventoryworkspace_set.select_for_update().get()
    return changes_save(workspace, completed_on=timezone.localdate())


def interview_create(*, cycle, interviewer) -> Interview:
    """A blank interview record held today by `interviewer`."""
    return Interview.objects.create(
        cycle=cycle, interviewer=interviewer, held_on=timezone.localdate()
    )


def survey_save(*, form):
    """Save the survey link's valid form; saving opens a closed survey again."""
    form.instance.closed_at = None
    return versioned_save(form=form)


def survey_close(*, cycle) -> bool:
    """Stop the cycle's open survey taking answers; False when none was open."""
    current = cycle.inventory_survey_set.filter(closed_at__isnull=True).first()
    if current is None:
        return False
    changes_save(current, closed_at=timezone.now())
    return True


def inventory_carry_forward(*, source, target, links) -> None:
    """Copy every program, with its cells and next steps, into the next cycle;
    goals follow `links`."""
    programs = source.inventory_program_set.prefetch_related("schools", "goals")
    for program in programs:
        copy = Program(
            cycle=target,
            carried_from=program,
            **{
                field.attname: getattr(program, field.attname)
                for field in Program._meta.concrete_fields
                if field.name not in NOT_COPIED
            },
        )
        try:
            with transaction.atomic():
                copy.save()
        except IntegrityError:
            continue  # the target already has a program of that name
        copy.schools.set(program.schools.all())
        new_goals = [
            links[("goals.Goal", goal.pk)]
            for goal in program.goals.all()
            if ("goals.Goal", goal.pk) in links
        ]
        copy.goals.set(new_goals)
        links[(Program._meta.label, program.pk)] = copy


def access_survey(token) -> Survey:
    """The survey this public link opens, with its cycle and district; LinkNotFound if none."""
    return link_by_token(Survey, token, "inventory/public_invalid.html")


@transaction.atomic
def import_preview_create(*, cycle, user, checked: dict) -> ImportPreview:
    """Keep `checked` (from tables.check_rows) as the person's one preview for this cycle."""
    ImportPreview.objects.filter(cycle=cycle, uploaded_by=user).delete()
    expires_at = timezone.now() + timedelta(seconds=settings.IMPORT_PREVIEW_SECONDS)
    return ImportPreview.objects.create(
        cycle=cycle,
        uploaded_by=user,
        columns=checked["columns"],
        rows=checked["rows"],
        expires_at=expires_at,
    )


def import_preview_of(*, cycle, user) -> ImportPreview | None:
    """The person's unexpired preview for this cycle, if any."""
    previews = ImportPreview.objects.filter(
        cycle=cycle, uploaded_by=user, expires_at__gt=timezone.now()
    )
    return previews.order_by("-created_at").first()


def import_previews_clear_expired() -> int:
    """Remove every expired import preview; returns how many."""
    return ImportPreview.objects.filter(expires_at__lte=timezone.now()).delete()[0]
