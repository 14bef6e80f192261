"""Which models hold a district's rows, read from the models' foreign keys."""

from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Model

from .models import District


def is_historical(model) -> bool:
    """Whether `model` is a history table of django-simple-history."""
    return hasattr(model, "instance_type") and model.__name__.startswith("Historical")


def district_models() -> list:
    """Every model whose rows belong to a district, the district first, in discovery order.

    A model belongs when it has a foreign key to the district or to a model already found (the
    through tables of many-to-many fields included), or records the history of one.
    """
    user_model = get_user_model()
    # Any: the history models of django-simple-history add `instance_type`, which it leaves untyped.
    candidates: list[Any] = [
        m for m in apps.get_models(include_auto_created=True) if m is not user_model
    ]
    found: list[type[Model]] = [District]
    changed = True
    while changed:
        changed = False
        for model in candidates:
            if model in found:
                continue
            fields = model._meta.concrete_fields
            if any(f.is_relation and f.related_model in found for f in fields) or (
                is_historical(model) and model.instance_type in found
            ):
                found.append(model)
                changed = True
    return found
