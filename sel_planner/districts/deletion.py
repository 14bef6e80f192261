"""What deleting a record would take with it, so a confirmation page can list it first."""

import json
from dataclasses import dataclass
from datetime import UTC, timedelta
from functools import cache

from django.apps import apps
from django.conf import settings
from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import ValidationError
from django.db import connections, models, router
from django.db.models import TextField, Value
from django.db.models.deletion import get_candidate_relations_to_delete
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.text import capfirst


def linked_records(obj) -> dict:
    """Records that would be removed with `obj` and records that stop it, grouped by kind.

    Follows the models' own on_delete rules (CASCADE, PROTECT, SET_NULL…), so a new app's links
    show up without changes here. History rows are left out: they are kept whatever happens.
    Returns {"removed": [...], "protected": [...]}, each a list of
    {"kind": plural model name, "items": [str, ...]}.
    """
    plan = _deletion_plan(type(obj))
    if plan is None:
        removed, protected = _collected(obj)
    else:
        removed, protected = _read_together(obj, plan)

    def groups(instances) -> list[dict]:
        by_model: dict = {}
        for instance in instances:
            model = type(instance)
            if instance == obj or model.__name__.startswith("Historical"):
                continue
            by_model.setdefault(model, []).append(str(instance))
        return [
            {"kind": capfirst(model._meta.verbose_name_plural), "items": sorted(items)}
            for model, items in sorted(by_model.items(), key=lambda pair: pair[0]._meta.label)
        ]

    return {"removed": groups(removed), "protected": groups(protected)}


def _collected(obj) -> tuple[list, list]:
    """What Django's deletion collector finds: one query per linked table and level."""
    collector = NestedObjects(using=router.db_for_write(type(obj)))
    collector.collect([obj])
    removed = [i for instances in collector.model_objs.values() for i in instances]
    return removed, list(collector.protected)


@dataclass(frozen=True)
class _Branch:
    model: type
    lookup: str  # the path from `model` back to the deleted object, for filter()
    protected: bool


# The on_delete rules whose effect the plan knows: cascade, refuse, or leave the rows in place.
_LEAVES = (models.SET_NULL, models.SET_DEFAULT, models.DO_NOTHING)


@cache
def _deletion_plan(model) -> tuple[_Branch, ...] | None:
    """Every (model, path) a deletion of `model` reaches, read from the models' on_delete rules.

    None when the models use something the plan does not follow (RESTRICT, a callable SET(),
    generic relations, multi-table inheritance, a cycle of cascades, a field with its own
    conversion from the database): Django's collector decides then.
    """
    branches: list[_Branch] = []

    def walk(current, path: tuple, seen: frozenset) -> bool:
        meta = current._meta
        if meta.parents or meta.private_fields:
            return False
        for relation in get_candidate_relations_to_delete(meta):
            on_delete = relation.on_delete
            related = relation.related_model
            lookup = "__".join((relation.field.name, *path))
            if on_delete in _LEAVES:
                continue
            if related._meta.parents or related in seen:
                return False
            if on_delete is models.PROTECT:
                branches.append(_Branch(related, lookup, protected=True))
            elif on_delete is models.CASCADE:
                branches.append(_Branch(related, lookup, protected=False))
                if not walk(related, (relation.field.name, *path), seen | {related}):
                    return False
            else:
                return False
        return True

    if not walk(model, (), frozenset({model})):
        return None
    # A field that converts what the database gives back is read as the collector reads it.
    fields = [field for branch in branches for field in branch.model._meta.concrete_fields]
    if any(_converts(field) for field in fields):
        return None
    return tuple(branches)


def _converts(field) -> bool:
    return hasattr(field, "from_db_value") and not isinstance(field, models.JSONField)


def _union(plan, using: str, pk):
    """The plan's rows, each branch's fields cast to text side by side, as one UNION ALL."""
    width = max(len(branch.model._meta.concrete_fields) for branch in plan)
    selects = []
    for index, branch in enumerate(plan):
        fields = branch.model._meta.concrete_fields
        columns = {f"_c{i}": Cast(field.attname, TextField()) for i, field in enumerate(fields)}
        padding = {f"_c{i}": Value(None, TextField()) for i in range(len(fields), width)}
        selects.append(
            branch.model._base_manager.using(using)
            .filter(**{branch.lookup: pk})
            .order_by()
            .annotate(_branch=Value(index), **columns, **padding)
            .values_list("_branch", *[f"_c{i}" for i in range(width)])
        )
    return selects[0].union(*selects[1:], all=True) if len(selects) > 1 else selects[0]


# Stands for the deleted object's primary key in the SQL compiled once per plan: no row has it.
_PLACEHOLDER = -7_305_851_917_392


@cache
def _compiled(plan, using: str) -> tuple[str, tuple, tuple[int, ...]]:
    """The plan's SQL, compiled once (building the query costs more than running it), with the
    positions of the deleted object's key among its parameters."""
    sql, params = _union(plan, using, _PLACEHOLDER).query.sql_with_params()
    slots = tuple(i for i, param in enumerate(params) if param == _PLACEHOLDER)
    return sql, tuple(params), slots


def _rows(obj, plan, using: str) -> list[tuple]:
    if not isinstance(obj.pk, int):
        return list(_union(plan, using, obj.pk))
    sql, params, slots = _compiled(plan, using)
    values = list(params)
    for slot in slots:
        values[slot] = obj.pk
    with connections[using].cursor() as cursor:
        cursor.execute(sql, values)
        return cursor.fetchall()


def _read_together(obj, plan) -> tuple[list, list]:
    """The plan's rows in one query: each branch's fields cast to text, side by side, UNION ALL.

    Rows are rebuilt as model instances (each foreign key to another row found, or to `obj`,
    already cached) so that their names read as the collector's would.
    """
    if not plan:
        return [], []
    using = router.db_for_write(type(obj))
    rows = _rows(obj, plan, using)
    found: dict = {(type(obj), obj.pk): obj}
    # A row can be both: removed along one path, refusing the removal along another.
    removed, protected = {}, {}
    for index, *texts in rows:
        branch = plan[index]
        instance = _instance(branch.model, texts, using)
        key = (branch.model, instance.pk)
        instance = found.setdefault(key, instance)
        (protected if branch.protected else removed)[key] = instance
    for instance in found.values():
        for field in instance._meta.concrete_fields:
            if field.is_relation and not field.is_cached(instance):
                target = found.get((field.related_model, getattr(instance, field.attname)))
                if target is not None:
                    field.set_cached_value(instance, target)
    return list(removed.values()), list(protected.values())


_TRUE = {"1", "t", "true", "True"}


def _instance(model, texts: list, using: str):
    """A model instance from its fields read as text, in field order (as `_read_together` reads)."""
    values = []
    for field, text in zip(model._meta.concrete_fields, texts, strict=False):
        if text is None:
            value = None
        elif isinstance(field, models.BooleanField):
            value = str(text) in _TRUE
        elif isinstance(field, models.JSONField):
            value = json.loads(text, cls=field.decoder)
        elif isinstance(field, models.DateTimeField):
            value = field.to_python(text)
            if settings.USE_TZ and timezone.is_naive(value):
                value = timezone.make_aware(value, UTC)
        elif field.is_relation:
            value = field.target_field.to_python(text)
        else:
            value = field.to_python(text)
        values.append(value)
    return model.from_db(using, [f.attname for f in model._meta.concrete_fields], values)


# Records removed in one cascade are written to history within moments of each other.
CASCADE_WINDOW = timedelta(seconds=10)


def restore_removed_with(*, obj, removed_at) -> int:
    """Bring back the tracked records that were removed with `obj` around `removed_at`.

    Follows every foreign key to the restored object's model, then to what comes back, so a
    goal's roadmap row returns with its targets. Records that exist again are left alone.
    Returns how many came back.
    """
    from .history import deleted_restore

    count = 0
    window = (removed_at - CASCADE_WINDOW, removed_at + CASCADE_WINDOW)
    for model in apps.get_models():
        if not hasattr(model._meta, "simple_history_manager_attribute"):
            continue
        for field in model._meta.concrete_fields:
            if not field.is_relation or field.related_model is not type(obj):
                continue
            records = model.history.filter(
                **{field.attname: obj.pk}, history_type="-", history_date__range=window
            ).order_by("-history_date")
            seen = set()
            for record in records:
                if record.id in seen or model.objects.filter(pk=record.id).exists():
                    continue
                seen.add(record.id)
                try:
                    restored = deleted_restore(model=model, record=record)
                except ValidationError:
                    continue  # no longer fits: it stays among the removed records
                count += 1 + restore_removed_with(obj=restored, removed_at=removed_at)
    return count
