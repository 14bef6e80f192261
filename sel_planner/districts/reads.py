"""Query helpers the tools' selectors share."""

from django.db.models import FilteredRelation, OuterRef, Subquery
from django.db.models.functions import Coalesce


def per_cycle(model, expression):
    """One aggregate of `model`'s rows of the outer cycle, as a subquery (0 when none)."""
    rows = model.objects.filter(cycle=OuterRef("pk")).order_by().values("cycle")
    return Coalesce(Subquery(rows.annotate(value=expression).values("value")), 0)


def prefetch_joined(queryset, relation: str) -> list:
    """`list(queryset.prefetch_related(relation))` in one query instead of two.

    The rows of the many-valued `relation` are LEFT JOINed (a result row per related row, in
    the related model's own order within each parent) and folded back onto their parents, so
    `parent.<relation>.all()` gives them without a query. Suits short lists of related rows,
    such as a committee role's members or a program's schools.
    """
    model = queryset.model
    related = model._meta.get_field(relation).related_model
    alias = f"_joined_{relation}"
    ordering = [*(queryset.query.order_by or model._meta.ordering), "pk"]
    ordering += [_under(alias, field) for field in [*related._meta.ordering, "pk"]]
    rows = (
        queryset.annotate(**{alias: FilteredRelation(relation)})
        .select_related(alias)
        .order_by(*ordering)
    )
    parents: dict = {}
    children: dict = {}
    for row in rows:
        parent = parents.setdefault(row.pk, row)
        child = getattr(row, alias, None)  # unset when the parent has none
        children.setdefault(parent.pk, [])
        if child is not None:
            children[parent.pk].append(child)
    for parent in parents.values():
        _prefetched(parent, relation, children[parent.pk])
    return list(parents.values())


def attach(parents, relation: str, children) -> None:
    """Give each parent its share of `children` as `parent.<relation>.all()` (a reverse foreign
    key), in the children's order, as prefetch_related would; each child gets its parent too."""
    if not parents:
        return
    field = parents[0]._meta.get_field(relation).field
    shares: dict = {parent.pk: [] for parent in parents}
    for child in children:
        shares.setdefault(getattr(child, field.attname), []).append(child)
    for parent in parents:
        for child in shares[parent.pk]:
            field.set_cached_value(child, parent)
        _prefetched(parent, relation, shares[parent.pk])


def _prefetched(parent, relation: str, rows: list) -> None:
    manager = getattr(parent, relation)
    queryset = manager.all()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    # Where the related managers look first: a many-to-many one by its name, a reverse
    # foreign key one by its relation's cache name.
    name = getattr(manager, "prefetch_cache_name", None) or manager.field.remote_field.cache_name
    parent._prefetched_objects_cache = {
        **getattr(parent, "_prefetched_objects_cache", {}),
        name: queryset,
    }


def _under(alias: str, field: str) -> str:
    return f"-{alias}__{field[1:]}" if field.startswith("-") else f"{alias}__{field}"
