"""Grow a seeded district to several times its rows, keeping every row's own links.

`district_grow` copies each row of the district (found the way an export finds them, so a new
app's records grow too) `rounds` times. A copy keeps its parents where it can, so the interview
a page shows holds four times the mentions and a milestone four times the activities. A row the
database refuses to copy as it is (one goal per priority, one milestone per quarter...) is tried
again pointing to copy k of its parents, then with copies of its people (one rating per rater
and item), then with its unique names numbered; one that still cannot exist twice (one vision
per cycle) stays single.
"""

import uuid
from collections import defaultdict
from graphlib import TopologicalSorter

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, models, transaction

from sel_planner.districts.graph import is_historical
from sel_planner.districts.models import District, PlanningCycle
from sel_planner.districts.portability import district_rows


def _unique_sets(model) -> list[set[str]]:
    sets = [set(names) for names in model._meta.unique_together]
    sets += [
        set(c.fields) for c in model._meta.constraints if isinstance(c, models.UniqueConstraint)
    ]
    return [s for s in sets if s]


def _order(models_: list) -> list:
    chosen = set(models_)
    graph = {
        model: {
            f.related_model
            for f in model._meta.concrete_fields
            if f.is_relation and f.related_model in chosen and f.related_model is not model
        }
        for model in models_
    }
    return list(TopologicalSorter(graph).static_order())


class _Grower:
    def __init__(self, district, rounds: int):
        self.rounds = rounds
        self.rows = district_rows(district=district)
        self.user_model = get_user_model()
        # copies[k][model][old pk] -> new pk
        self.copies = [defaultdict(dict) for _ in range(rounds)]
        self.people = self._copy_people()

    def _copy_people(self) -> list[dict]:
        """Round k's stand-in for each person of the district: a new account, no membership."""
        ids = set()
        for model in self.rows.models:
            names = [
                f.attname
                for f in model._meta.concrete_fields
                if f.is_relation and f.related_model is self.user_model
            ]
            if names and self.rows.pks[model]:
                for values in self.rows.queryset(model).values_list(*names):
                    ids.update(v for v in values if v is not None)
        originals = list(self.user_model.objects.filter(pk__in=ids).order_by("pk"))
        return [
            {
                user.pk: self.user_model.objects.create_user(
                    email=f"copy{k + 1}.{user.email}",
                    full_name=f"{user.full_name} {k + 1}".strip(),
                    password=None,
                ).pk
                for user in originals
            }
            for k in range(self.rounds)
        ]

    def models(self) -> list:
        skip = {District, PlanningCycle}
        chosen = [
            m
            for m in self.rows.models
            if m not in skip
            and not is_historical(m)
            and not m._meta.auto_created
            and self.rows.pks[m]
        ]
        return _order(chosen)

    def _values(self, model, row, k: int, attempt: int) -> dict:
        unique_names = set().union(*_unique_sets(model)) if attempt >= 3 else set()
        values = {}
        for f in model._meta.concrete_fields:
            if f.primary_key:
                continue
            value = getattr(row, f.attname)
            if f.is_relation and value is not None:
                if f.related_model is self.user_model:
                    if attempt >= 2:
                        value = self.people[k].get(value, value)
                elif attempt >= 1:
                    value = self.copies[k][f.related_model].get(value, value)
            elif f.unique and isinstance(f, models.UUIDField):
                value = uuid.uuid4()
            elif f.unique and isinstance(f, models.CharField) and value:
                value = f"{value[: (f.max_length or 200) - 12]}-{uuid.uuid4().hex[:10]}"
            elif f.name in unique_names and not f.choices and value is not None:
                if isinstance(f, models.CharField):
                    value = f"{value} ({k + 2})"[: f.max_length]
                elif isinstance(f, models.IntegerField):
                    value = value + 100 * (k + 1)
            values[f.attname] = value
        return values

    def _insert(self, model, copies: list) -> bool:
        try:
            with transaction.atomic():
                model._base_manager.bulk_create(copies)
        except (IntegrityError, DataError, ValidationError):
            return False
        return True

    def _copy_round(self, model, originals: list, k: int) -> list[tuple]:
        """(original, copy, attempt) of each row that can be copied in round k."""
        for attempt in range(4):
            copies = [model(**self._values(model, row, k, attempt)) for row in originals]
            if self._insert(model, copies):
                return [(row, copy, attempt) for row, copy in zip(originals, copies, strict=True)]
        done, first = [], 0
        for row in originals:
            # Rows of a model mostly need the same attempt: start where the last one succeeded.
            for attempt in range(first, 4):
                copy = model(**self._values(model, row, k, attempt))
                if self._insert(model, [copy]):
                    done.append((row, copy, attempt))
                    first = attempt
                    break
        return done

    def _copy_links(self, model, row, copy, k: int, attempt: int) -> None:
        for field in model._meta.many_to_many:
            if not field.remote_field.through._meta.auto_created:
                continue
            targets = [target.pk for target in getattr(row, field.attname).all()]
            if attempt >= 1:
                mapping = (
                    self.people[k]
                    if field.related_model is self.user_model
                    else self.copies[k][field.related_model]
                )
                targets = [mapping.get(pk, pk) for pk in targets]
            getattr(copy, field.attname).set(targets)

    def grow(self) -> None:
        for model in self.models():
            originals = list(
                self.rows.queryset(model).prefetch_related(
                    *[f.name for f in model._meta.many_to_many]
                )
            )
            history = getattr(model, "history", None)
            if not hasattr(history, "bulk_history_create"):
                history = None
            for k in range(self.rounds):
                done = self._copy_round(model, originals, k)
                for row, copy, attempt in done:
                    self.copies[k][model][row.pk] = copy.pk
                    self._copy_links(model, row, copy, k, attempt)
                if history is not None:
                    history.bulk_history_create([copy for _row, copy, _attempt in done])
                    # Every original is edited once more per round, so history pages grow too.
                    history.bulk_history_create(originals, update=True)


def district_grow(*, district, rounds: int = 3) -> dict:
    """Copy every row of `district` `rounds` times; returns the number of copies per model."""
    grower = _Grower(district, rounds)
    grower.grow()
    return {
        model._meta.label: sum(len(c[model]) for c in grower.copies) for model in grower.models()
    }
