"""Reads of the inventory the pages share: the table with its filters, gaps and sources."""

import uuid
from datetime import date, timedelta

from django.core.paginator import Paginator
from django.db.models import Case, Count, F, IntegerField, Max, Prefetch, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sel_planner.districts.registry import shared_read

from .models import COLUMNS, Category, Interview, InventoryWorkspace, Mention, Person, Program
from .services import CELL_SOURCES

GRADE_BANDS = {
    "elementary": (_("Elementary (K-5)"), 0, 5),
    "middle": (_("Middle (6-8)"), 6, 8),
    "high": (_("High (9-12)"), 9, 12),
}
SORTS = {
    "name": ("name_key",),
    "active": ("active_state", "name_key"),
    "start": ("start_year", "name_key"),
    "decision": ("decision", "name_key"),
}
REMINDER_AFTER = timedelta(days=730)
UPCOMING_DAYS = 30


def column_label(field: str) -> str:
    return str(Program._meta.get_field(field).verbose_name)


def organisation_text(program: Program) -> str:
    """The organisation cell as the tables show it: the schools chosen, then what was typed."""
    names = [school.name for school in program.schools.all()]
    return ", ".join([*names, program.organisation] if program.organisation else names)


def program_gaps(program: Program) -> list[str]:
    """The table's cells still empty for this program
    (a cell about why it stopped only counts when it did)."""
    # The schools chosen fill the organisation cell, and the goals linked the connection cell.
    linked = {"organisation": program.schools.all(), "connection": program.goals.all()}
    return [
        field
        for field in COLUMNS
        if not (field == "why_not" and program.active_state in ("yes", ""))
        and not str(getattr(program, field) or "").strip()
        and not linked.get(field)
    ]


def program_table(*, cycle, params):
    """The cycle's programs filtered and sorted by the query string, with what each row shows."""
    programs = cycle.inventory_program_set.prefetch_related(
        "schools",
        Prefetch("goals", queryset=cycle.goals_goal_set.select_related("priority")),
        Prefetch("mentions", queryset=Mention.objects.select_related("interview__person")),
    )
    active = params.get("active", "")
    if active in Program.Active.values:
        programs = programs.filter(active_state=active)
    school = params.get("school", "")
    if school:
        programs = programs.filter(schools__code=school) if _is_uuid(school) else programs.none()
    band = GRADE_BANDS.get(params.get("band", ""))
    if band is not None:
        programs = programs.filter(grade_low__lte=band[2], grade_high__gte=band[1])
    goal = params.get("goal", "")
    if goal:
        programs = programs.filter(goals__code=goal) if _is_uuid(goal) else programs.none()
    sort = params.get("sort", "name")
    return programs.order_by(*SORTS.get(sort, SORTS["name"]), "pk").distinct()


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def program_sources(*, program: Program, mentions=None) -> dict[str, list[Mention]]:
    """For each cell, the interview answers it came from."""
    if mentions is None:
        mentions = list(program.mentions.select_related("interview__person"))
    return {
        cell: [m for m in mentions if any(getattr(m, f).strip() for f in fields)]
        for cell, fields in CELL_SOURCES.items()
    } | {"name": mentions}


def people_to_ask(*, cycle) -> list[Person]:
    """The people on the list not interviewed yet (to contact or scheduled)."""
    return list(
        cycle.inventory_person_set.filter(
            status__in=[Person.Status.TO_CONTACT, Person.Status.SCHEDULED]
        ).select_related("member")[:200]
    )


def who_else_to_ask(*, program: Program, people: list[Person], limit: int = 5) -> list[Person]:
    """People still to speak with, those from the program's schools or organization first."""
    places = {s.name.casefold() for s in program.schools.all()}
    places.update(p.strip().casefold() for p in program.organisation.split(",") if p.strip())

    def far(person):
        organisation = person.organisation.strip().casefold()
        return not (organisation and any(organisation in p or p in organisation for p in places))

    return sorted(people, key=far)[:limit]


def programs_for_report(*, cycle) -> list:
    """The cycle's programs by name with their schools and responsible person: two queries,
    shared by every tool within a report (see `registry.shared_reads`)."""
    return shared_read(
        cycle,
        "inventory.programs",
        lambda: list(
            cycle.inventory_program_set.select_related("responsible")
            .prefetch_related("schools")
            .order_by("name_key")
        ),
    )


BUILD_ON = ("expand", "maintain", "reinstate")


def build_on_among(programs) -> list:
    """`build_on_rows` picked from the cycle's programs (in name order), in the order it gives."""
    return sorted(
        (p for p in programs if p.decision in BUILD_ON),
        key=lambda p: (p.deadline is None, p.deadline or date.min),
    )


def build_on_rows(*, cycle):
    """The programs to build on, soonest next-step deadline first and those without one last."""
    return (
        cycle.inventory_program_set.filter(decision__in=BUILD_ON)
        .select_related("responsible")
        .order_by(F("deadline").asc(nulls_last=True), "name_key")
    )


def phase_out_rows(*, cycle):
    return cycle.inventory_program_set.filter(decision="phase_out").order_by("name_key")


def deadlines(*, cycle):
    """Next-step deadlines overdue and within the coming month."""
    today = timezone.localdate()
    rows = list(
        build_on_rows(cycle=cycle).filter(
            deadline__isnull=False, deadline__lte=today + timedelta(days=UPCOMING_DAYS)
        )
    )
    return ([r for r in rows if r.deadline < today], [r for r in rows if r.deadline >= today])


def last_completed(*, cycle):
    """When the district last completed an inventory (any cycle), and whether it is time again."""
    last = InventoryWorkspace.objects.filter(
        cycle__district_id=cycle.district_id, completed_on__isnull=False
    ).aggregate(last=Max("completed_on"))["last"]
    due = last is None or timezone.localdate() - last > REMINDER_AFTER
    return last, due


def interview_counts(*, cycle) -> list[dict]:
    """Interviews held per stakeholder category, and survey responses; numbers only. One query."""
    survey = Q(source=Interview.Source.SURVEY)
    figures = Interview.objects.filter(cycle=cycle).aggregate(
        **{c: Count("pk", filter=Q(category=c) & ~survey) for c in Category.values},
        survey=Count("pk", filter=survey),
    )
    survey = figures.pop("survey")
    counts = [{"label": Category(c).label, "count": n} for c, n in figures.items() if n]
    if survey:
        counts.append({"label": _("Online survey responses"), "count": survey})
    return counts


PEOPLE_PAGE = 60


def people_by_category(*, cycle, page_number=None):
    """One page of the people to speak with, grouped by the workbook's categories, and the page."""
    order = Case(
        *[When(category=value, then=Value(i)) for i, value in enumerate(Category.values)],
        output_field=IntegerField(),
    )
    people = (
        cycle.inventory_person_set.select_related("member", "interviewer")
        .annotate(interview_count=Count("interviews"), category_order=order)
        .order_by("category_order", "name", "pk")
    )
    page = Paginator(people, PEOPLE_PAGE).get_page(page_number)
    rows = list(page.object_list)
    groups = [
        (value, label, [p for p in rows if p.category == value])
        for value, label in Category.choices
    ]
    return groups, page


def unmatched_mentions(*, cycle):
    return cycle.inventory_mention_set.filter(program__isnull=True).select_related("interview")


def workspace_for_cycle(*, cycle) -> InventoryWorkspace | None:
    """The cycle's inventory workspace (made with the cycle, see `inventory_cycle_setup`)."""
    return cycle.inventory_inventoryworkspace_set.first()


def survey_for_cycle(*, cycle):
    """The cycle's survey link, or None before one is saved."""
    return cycle.inventory_survey_set.first()


def survey_response_count(*, cycle) -> int:
    return cycle.inventory_interview_set.filter(source=Interview.Source.SURVEY).count()


def interviews_for_cycle(*, cycle):
    """The cycle's interviews, the latest held first, with their person and interviewer."""
    return cycle.inventory_interview_set.select_related("person", "interviewer").order_by(
        "-held_on", "-created_at", "pk"
    )


def removed_programs(*, cycle):
    """The removal records of the cycle's programs that are still gone, newest first (50)."""
    return (
        Program.history.filter(cycle_id=cycle.pk, history_type="-")
        .exclude(code__in=cycle.inventory_program_set.values("code"))
        .select_related("history_user")
        .order_by("-history_date")[:50]
    )


def removed_program_record(*, cycle, history_id):
    """One removal record of a program of this cycle, or None."""
    return Program.history.filter(
        cycle_id=cycle.pk, history_type="-", history_id=history_id
    ).first()
