"""A version for each district's data that changes with every write to any of its records.

Summaries that cost many queries and are read on most visits (the dashboard's progress cards)
are kept in the shared cache under the district's version. Every save or delete of a record that
belongs to the district, in any process, gives the district a new version, so the next visit
computes them again. Writes that send no signals (`bulk_create`, `QuerySet.update`) call
`changed` themselves.

The version changes twice: at once, so that the rest of the same request or task reads its own
writes, and again when the transaction commits, so that a summary another process computed from
the rows as they were before the commit is not served afterwards.
"""

import functools
import uuid

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

from .graph import district_models, is_historical
from .models import District, Membership

VERSION_KEY = "district-version:{}"

# Records of what happened rather than the district's plans: no summary reads them, and they are
# written on reads too (a download is audited), which would only empty the cache.
NOT_DATA = {"districts.AuditEvent", "reports.ReportJob"}


def version(district_id: int) -> str:
    """The district's current data version (made up the first time it is asked for)."""
    key = VERSION_KEY.format(district_id)
    current = cache.get(key)
    if current is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        current = cache.get(key)
    return current


def _bump(district_ids) -> None:
    cache.set_many({VERSION_KEY.format(pk): uuid.uuid4().hex for pk in district_ids}, timeout=None)


def changed(*, district_id: int) -> None:
    """Record that the district's data changed (now, and again when the transaction commits)."""
    _bump([district_id])
    transaction.on_commit(lambda: _bump([district_id]))


def forget(*, district_id: int) -> None:
    """Drop the district's version, once the district itself is gone."""
    cache.delete(VERSION_KEY.format(district_id))


@functools.cache
def _paths() -> dict[type[Model], tuple]:
    """For each model of a district, the chain of foreign keys that leads to its district."""
    paths: dict[type[Model], tuple] = {District: ()}
    for model in district_models():
        if model in paths or is_historical(model) or model._meta.auto_created:
            continue
        if model._meta.label in NOT_DATA:
            continue
        for field in model._meta.concrete_fields:
            if field.many_to_one and field.related_model in paths:
                paths[model] = (field, *paths[field.related_model])
                break
    return paths


def district_of(instance) -> int | None:
    """The id of the district `instance` belongs to, or None: from the foreign keys already
    loaded, else one query by primary key up the rest of the chain."""
    path = _paths().get(instance._meta.concrete_model)
    if path is None:
        return None
    if not path:
        return instance.pk
    obj = instance
    for index, field in enumerate(path):
        key = getattr(obj, field.attname)
        if key is None:
            return None
        if field.related_model is District:
            return key
        if field.is_cached(obj):
            obj = field.get_cached_value(obj)
            continue
        lookup = "__".join(f.name for f in path[index + 1 :])
        return (
            field.related_model._base_manager.filter(pk=key).values_list(lookup, flat=True).first()
        )
    return None


def _record_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    district_id = district_of(instance)
    if district_id is not None:
        changed(district_id=district_id)


def _members_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        _record_changed(type(instance), instance)


def _person_changed(sender, instance, update_fields=None, raw=False, **kwargs):
    """A person's name shows in the district's summaries: each of their districts changes."""
    if raw or (update_fields is not None and set(update_fields) <= {"last_login", "password"}):
        return
    memberships = Membership.objects.filter(user=instance)
    for district_id in memberships.values_list("district_id", flat=True):
        changed(district_id=district_id)


def connect() -> None:
    """Connect the receivers; called once from the app's ready()."""
    for model in _paths():
        uid = f"freshness-{model._meta.label_lower}"
        post_save.connect(_record_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_record_changed, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _members_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}-{field.name}",
            )
    post_save.connect(_person_changed, sender=get_user_model(), dispatch_uid="freshness-user")
