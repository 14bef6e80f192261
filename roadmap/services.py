"""Writes of the roadmap that touch several records: the cycle's roadmap, the yearly carry-forward
and its refresh."""

from django.db import transaction
from django.utils.translation import gettext as _

from inventory.models import Program

from .models import ReflectionRow, Roadmap, RoadmapRow, SchoolRollout, Target
from .selectors import roadmap_for_cycle, roadmap_of, year_number


@transaction.atomic
def roadmap_cycle_setup(*, cycle) -> None:
    """The cycle's roadmap with the cycle's own year as Year 1, made when the cycle is
    (registry.cycle_setup); a launched cycle keeps the one carried into it."""
    Roadmap.objects.get_or_create(cycle=cycle, defaults={"first_year": cycle.end_date.year})


def carried_copy(obj, *, target, links, **changes):
    """Save `obj` anew into the `target` cycle as carried from itself, with these changes, and
    record the copy in `links` under the original's model and pk."""
    original_pk = obj.pk
    label = obj._meta.label
    obj.pk = obj.id = None
    obj._state.adding = True
    obj.code = type(obj)._meta.get_field("code").get_default()
    obj.cycle = target
    obj.version = 1
    obj.carried_from_id = original_pk
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save()
    links[(label, original_pk)] = obj
    return obj


def _carried_programs(*, source, links) -> dict[str, str]:
    """Old program code → the code of its copy in the new cycle,
    for programs the inventory carried."""
    label = Program._meta.label
    return {
        str(code): str(links[(label, pk)].code)
        for pk, code in Program.objects.filter(cycle=source).values_list("pk", "code")
        if (label, pk) in links
    }


@transaction.atomic
def roadmap_carry_forward(*, source, target, links) -> None:
    """Copy the roadmap of `source` into `target`, its rows repointed to the carried goals.

    The copy keeps the roadmap's Year 1, so the new cycle reads the next year's column as
    "this year". Rows and reflection rows of goals that were not carried are left behind.
    Reflection rows cite the copies of their inventory programs, which the inventory registered
    in `links` before; citations of programs it did not carry are dropped.
    """
    roadmap = roadmap_of(cycle=source)
    if roadmap is not None:
        carried_copy(roadmap, target=target, links=links)
    goal_of = {pk: copy for (label, pk), copy in links.items() if label == "goals.Goal"}
    program_of = _carried_programs(source=source, links=links)
    for row in ReflectionRow.objects.filter(cycle=source):
        if row.goal_id in goal_of:
            programs = [program_of[code] for code in row.programs if code in program_of]
            carried_copy(
                row, target=target, links=links, goal=goal_of[row.goal_id], programs=programs
            )
    rows = {}
    for row in RoadmapRow.objects.filter(cycle=source):
        if row.goal_id in goal_of:
            old_pk = row.pk
            rows[old_pk] = carried_copy(row, target=target, links=links, goal=goal_of[row.goal_id])
    for item in Target.objects.filter(cycle=source, row_id__in=list(rows)).order_by("pk"):
        carried_copy(item, target=target, links=links, row=rows[item.row_id])
    schools = target.district.schools.values_list("pk", flat=True)
    for rollout in SchoolRollout.objects.filter(cycle=source, school_id__in=schools):
        carried_copy(rollout, target=target, links=links)


def last_years_targets(*, row: RoadmapRow) -> list[Target]:
    """The targets the row's original set for the year before the row's cycle, if it was carried."""
    if row.carried_from_id is None:
        return []
    first_year = roadmap_for_cycle(cycle=row.cycle).first_year
    previous_k = year_number(cycle=row.cycle, first_year=first_year) - 1
    return list(
        Target.objects.filter(row_id=row.carried_from_id, stage=Target.Stage.YEAR, year=previous_k)
    )


@transaction.atomic
def roadmap_refresh_current_status(*, row: RoadmapRow) -> int:
    """Replace the row's Current Status bullets with last year's targets,
    to be checked against results.

    Last year's version stays in the old cycle untouched; the replaced bullets stay in history.
    Returns how many bullets the current status now has.
    """
    previous = last_years_targets(row=row)
    if not previous:
        return 0
    for old in row.targets.filter(stage=Target.Stage.CURRENT):
        old._change_reason = _("Replaced by last year's targets")
        old.delete()
    for position, old in enumerate(previous):
        carried_copy(
            old,
            target=row.cycle,
            links={},
            row=row,
            stage=Target.Stage.CURRENT,
            year=None,
            position=position,
        )
    return len(previous)
