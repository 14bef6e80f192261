"""What deleting a record would take with it, so a confirmation page can list it first."""

from django.contrib.admin.utils import NestedObjects
from django.db import router
from django.utils.text import capfirst


def linked_records(obj) -> dict:
    """Records that would be removed with `obj` and records that stop it, grouped by kind.

    Follows the models' own on_delete rules (CASCADE, PROTECT, SET_NULL…) through Django's
    collector, so a new app's links show up without changes here. History rows are left out:
    they are kept whatever happens. Returns {"removed": [...], "protected": [...]}, each a list
    of {"kind": plural model name, "items": [str, ...]}.
    """
    collector = NestedObjects(using=router.db_for_write(type(obj)))
    collector.collect([obj])

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

    removed = [i for instances in collector.model_objs.values() for i in instances]
    return {"removed": groups(removed), "protected": groups(collector.protected)}
