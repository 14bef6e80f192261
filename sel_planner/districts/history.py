"""Per-object change history (django-simple-history) shown as readable diffs, and restore."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from .editing import lock_current

HIDDEN_FIELDS = {"version", "updated_at", "created_at", "code", "id", "slug"}
PAGE_SIZE = 20


def _field_display(model, field_name: str, value) -> str:
    if value in (None, ""):
        return "—"
    field = model._meta.get_field(field_name)
    if field.many_to_many:  # rows of the through table: name the related objects
        pks = [row[field.m2m_reverse_field_name()] for row in value]
        related = field.related_model._base_manager.filter(pk__in=pks)
        return ", ".join(sorted(str(obj) for obj in related)) or "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def _changes(model, record, older) -> list[dict]:
    if older is None or record.history_type != "~":
        return []
    delta = record.diff_against(older, excluded_fields=HIDDEN_FIELDS)
    return [
        {
            "field": str(model._meta.get_field(change.field).verbose_name),
            "old": _field_display(model, change.field, change.old),
            "new": _field_display(model, change.field, change.new),
        }
        for change in delta.changes
    ]


def history_page(obj, *, page_number, restore_url=None):
    """One page of the object's history, newest first, each entry with its changes and restore link.

    `restore_url(history_id)` gives the address that restores a version; pass it only for
    people allowed to restore. The newest version has none: it is the current one.
    """
    model = type(obj)
    records = obj.history.select_related("history_user").order_by("-history_date", "-history_id")
    page = Paginator(records, PAGE_SIZE).get_page(page_number)
    rows = page.object_list = list(page.object_list)
    following = list(records[page.end_index() : page.end_index() + 1]) if rows else []
    olders = rows[1:] + following
    for index, record in enumerate(rows):
        older = olders[index] if index < len(olders) else None
        record.changes = _changes(model, record, older)
        offered = restore_url and not (page.number == 1 and index == 0)  # not the current one
        record.restore_url = restore_url(record.history_id) if offered else ""
    return page


def restore_link(url_name: str, **kwargs):
    """A `restore_url` for `history_page`: the address of `url_name` with the version's id."""
    return lambda history_id: reverse(url_name, kwargs={**kwargs, "history_id": history_id})


def _unique_clashes(restored) -> list[str]:
    """A sentence for each unique rule that another record now holds the restored values of."""
    model = type(restored)
    groups = [c.fields for c in model._meta.total_unique_constraints]
    groups += [(f.name,) for f in model._meta.concrete_fields if f.unique and not f.primary_key]
    problems = []
    for names in groups:
        fields = [model._meta.get_field(name) for name in names]
        lookup = {f.attname: getattr(restored, f.attname) for f in fields}
        other = model._default_manager.filter(**lookup).exclude(pk=restored.pk).first()
        if other is None:
            continue
        shown = [f for f in fields if not f.is_relation] or fields
        clash = _(
            "%(model)s “%(other)s” now has the same %(fields)s as this version "
            "(%(values)s). Change it on “%(other)s” first, then restore this version."
        )
        clash %= {
            "model": str(model._meta.verbose_name).capitalize(),
            "other": other,
            "fields": ", ".join(str(f.verbose_name) for f in shown),
            "values": ", ".join(str(getattr(restored, f.attname)) for f in shown),
        }
        problems.append(clash)
    return problems


def _removed_references(restored) -> list[str]:
    """A sentence for each record the restored version points to that no longer exists."""
    problems = []
    for field in type(restored)._meta.concrete_fields:
        value = getattr(restored, field.attname) if field.many_to_one else None
        if value is None or field.related_model._base_manager.filter(pk=value).exists():
            continue
        removed = _(
            "The %(field)s this version names has been removed since. Restore that "
            "%(field)s first, or restore another version."
        )
        problems.append(removed % {"field": field.verbose_name})
    return problems


def restore_problems(restored) -> list[str]:
    """Why the restored version cannot be saved among the records as they are now
    (empty: it can)."""
    return _removed_references(restored) + _unique_clashes(restored)


def _save_restored(restored, **save_kwargs):
    """Save a restored version, or raise ValidationError saying what to change first."""
    problems = restore_problems(restored)
    if problems:
        raise ValidationError(problems)
    try:
        with transaction.atomic():  # a rule the checks above do not know of
            restored.save(**save_kwargs)
    except IntegrityError:
        raise ValidationError(
            _("This version no longer fits the records as they are now, so it was not restored.")
        ) from None


@transaction.atomic
def history_restore(*, obj, history_id: int):
    """Put the object back as it was in one historical record; the restore is itself recorded.

    Raises ValidationError, with what to change first, when the version no longer fits.
    """
    record = obj.history.get(history_id=history_id)
    current = lock_current(obj)
    restored = record.instance
    if hasattr(current, "version"):
        restored.version = current.version + 1
    when = date_format(localtime(record.history_date), "DATETIME_FORMAT")
    restored._change_reason = _("Restored the version of %(when)s") % {"when": when}
    _save_restored(restored)
    return restored


@transaction.atomic
def deleted_restore(*, model, record):
    """Bring back a deleted object from its last historical record
    (ValidationError if it no longer fits)."""
    restored = record.instance
    restored._change_reason = _("Restored after removal")
    _save_restored(restored, force_insert=True)
    return restored


def restore_refused(request, refused: ValidationError) -> None:
    """Tell the lead that the version was not restored, why, and what to change first."""
    messages.error(request, _("This version was not restored."))
    for reason in refused.messages:
        messages.error(request, reason)
