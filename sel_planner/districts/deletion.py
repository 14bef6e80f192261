"""What deleting a record would take with it, so a confirmation page can list it first."""

from datetime import timedelta
from typing import Any

from django.apps import apps
from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import ValidationError
from django.db import router
from django.utils.text import capfirst

from .graph import is_historical
from .history import deleted_restore


def linked_records(obj) -> dict:
    """Records that would be removed with `obj` and records that stop it, grouped by kind.

    Django's deletion collector (as the admin's delete confirmation uses it) follows the models'
    own on_delete rules, so a new app's links show up without changes here. History rows are
    left out: they are kept whatever happens. Returns {"removed": [...], "protected": [...]},
    each a list of {"kind": plural model name, "items": [str, ...]}.
    """
    collector = NestedObjects(using=router.db_for_write(type(obj)))
    collector.collect([obj])
    removed = [i for instances in collector.model_objs.values() for i in instances]

    def groups(instances) -> list[dict]:
        by_model: dict = {}
        for instance in instances:
            model = type(instance)
            if instance == obj or is_historical(model):
                continue
            by_model.setdefault(model, []).append(str(instance))
        return [
            {"kind": capfirst(model._meta.verbose_name_plural), "items": sorted(items)}
            for model, items in sorted(by_model.items(), key=lambda pair: pair[0]._meta.label)
        ]

    return {"removed": groups(removed), "protected": groups(collector.protected)}


# Records removed in one cascade are written to history within moments of each other.
CASCADE_WINDOW = timedelta(seconds=10)


def restore_removed_with(*, obj, removed_at) -> int:
    """Bring back the tracked records that were removed with `obj` around `removed_at`.

    Follows every foreign key to the restored object's model, then to what comes back, so a
    goal's roadmap row returns with its targets. Records that exist again are left alone.
    Returns how many came back.
    """
    count = 0
    window = (removed_at - CASCADE_WINDOW, removed_at + CASCADE_WINDOW)
    model: Any  # a tracked model's `history` manager, from django-simple-history, is untyped
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
