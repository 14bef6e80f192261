"""The priorities board: big ideas as notes, grouped into clusters,
each cluster summarised as a priority.

Every change goes through these functions, which lock what they change, so that two members
sorting the board at the same time cannot lose a note or leave a priority behind.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, ProtectedError
from django.utils.translation import gettext as _

from sel_planner.districts.editing import StaleEdit, changes_save, lock_current, versioned_save
from sel_planner.districts.models import PlanningCycle

from .models import NOTES_PER_CYCLE, Cluster, Goal, Note, Priority

CLUSTERS_PER_CYCLE = 100
RECOMMENDED_PRIORITIES = range(3, 6)


def cluster_name(cluster: Cluster) -> str:
    """The cluster's label, or "Cluster N" by its position, which is never reused."""
    return cluster.label or _("Cluster %(number)d") % {"number": cluster.position + 1}


def _lock_cycle(cycle) -> None:
    """Serialise the additions to one cycle, so that limits hold under concurrent posts."""
    PlanningCycle.objects.select_for_update().filter(pk=cycle.pk).exists()


def _next_position(queryset) -> int:
    highest = queryset.aggregate(highest=Max("position"))["highest"]
    return 0 if highest is None else highest + 1


def _bump(obj, reason: str, **changes) -> None:
    obj._change_reason = reason
    changes_save(obj, **changes)


@transaction.atomic
def note_add(*, cycle, author, text: str) -> Note:
    _lock_cycle(cycle)
    if Note.objects.filter(cycle=cycle).count() >= NOTES_PER_CYCLE:
        raise ValidationError(
            _(
                "The board already holds %(limit)d big ideas, the most it can hold. "
                "Remove or merge some before adding more."
            )
            % {"limit": NOTES_PER_CYCLE}
        )
    return Note.objects.create(cycle=cycle, author=author, text=text)


@transaction.atomic
def note_move(*, note: Note, cluster: Cluster | None) -> Note:
    """Put a note into a cluster of its cycle, or take it out of any cluster (`None`)."""
    if cluster is not None:
        if cluster.cycle_id != note.cycle_id:
            raise ValidationError(_("Choose one of this cycle's clusters."))
        # Locked before the note, in the same order as cluster_merge, so a merge cannot interleave.
        if not Cluster.objects.select_for_update().filter(pk=cluster.pk).exists():
            raise ValidationError(_("That cluster was merged or removed meanwhile."))
    locked = lock_current(note)
    if locked.cluster_id == (cluster.pk if cluster else None):
        return locked
    if cluster is None:
        reason = _("Taken out of its cluster")
    else:
        reason = _("Moved to %(cluster)s") % {"cluster": cluster_name(cluster)}
    _bump(locked, reason, cluster=cluster)
    return locked


def note_delete(*, note: Note) -> None:
    note.delete()


@transaction.atomic
def cluster_create(*, cycle, label: str = "") -> Cluster:
    _lock_cycle(cycle)
    clusters = Cluster.objects.filter(cycle=cycle)
    if clusters.count() >= CLUSTERS_PER_CYCLE:
        raise ValidationError(
            _("The board already has %(limit)d clusters. Merge some before starting another.")
            % {"limit": CLUSTERS_PER_CYCLE}
        )
    return Cluster.objects.create(cycle=cycle, label=label, position=_next_position(clusters))


@transaction.atomic
def cluster_merge(*, source: Cluster, target: Cluster) -> Cluster:
    """Move every note of `source` into `target` and remove `source`; its priority follows."""
    if source.pk == target.pk or source.cycle_id != target.cycle_id:
        raise ValidationError(_("Choose another cluster of this cycle to merge into."))
    rows = Cluster.objects.select_for_update().filter(pk__in=[source.pk, target.pk]).order_by("pk")
    locked = {cluster.pk: cluster for cluster in rows}
    if len(locked) != 2:
        raise ValidationError(_("That cluster was merged or removed meanwhile."))
    source, target = locked[source.pk], locked[target.pk]
    priorities = {p.cluster_id: p for p in Priority.objects.filter(cluster__in=[source, target])}
    if source.pk in priorities and target.pk in priorities:
        raise ValidationError(
            _(
                "Both clusters already have a priority, so they cannot be merged. "
                "Remove one of the two priorities first, or move the notes one by one."
            )
        )
    reason = _("Merged into %(cluster)s") % {"cluster": cluster_name(target)}
    for note in Note.objects.select_for_update().filter(cluster=source):
        _bump(note, reason, cluster=target)
    priority = priorities.get(source.pk)
    if priority is not None:
        _bump(priority, reason, cluster=target)
    source._change_reason = reason
    source.delete()
    return target


def next_priority_position(cycle) -> int:
    return _next_position(Priority.objects.filter(cycle=cycle))


class PriorityHasGoal(ValidationError):
    pass


def priority_summary_save(*, form, cluster: Cluster) -> Priority:
    """Save the cluster's priority from its valid form; a priority someone else created for the
    cluster meanwhile is a stale edit, and a cluster merged or removed meanwhile is refused."""
    if form.instance.pk:
        return versioned_save(form=form)
    with transaction.atomic():
        if not Cluster.objects.select_for_update().filter(pk=cluster.pk).exists():
            raise ValidationError(_("This cluster was merged or removed meanwhile."))
        existing = Priority.objects.filter(cluster=cluster).first()
        if existing is not None:
            raise StaleEdit(existing, form)
        form.instance.position = next_priority_position(cluster.cycle)
        return form.save()


def priority_delete(*, priority: Priority) -> None:
    """Remove a priority, unless a SMARTIE goal was started for it."""
    message = _("This priority has a SMARTIE goal; remove the goal first.")
    if Goal.objects.filter(priority=priority).exists():
        raise PriorityHasGoal(message)
    try:
        priority.delete()
    except ProtectedError as error:  # a goal was started meanwhile
        raise PriorityHasGoal(message) from error


def priority_notice(count: int) -> bool:
    """Whether to recommend three to five priorities (never blocking)."""
    return count not in RECOMMENDED_PRIORITIES
