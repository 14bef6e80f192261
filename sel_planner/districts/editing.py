"""Editing that loses nothing: stale saves are refused and shown beside the current text.

Every editable form subclasses `VersionedModelForm`; the view saves through `versioned_save`,
which raises `StaleEdit` when the record changed since the form was opened, and
`RecordRemoved` (a kind of `StaleEdit`) when it was removed meanwhile. Like a 404, both are
turned into a page in one place (`ConflictMiddleware`): `conflict_response` shows the other
person's values beside the user's own and the user's form, filled with what they typed, that
saves over the newer version only when the user submits it again; or says that the record is
gone, with what the user typed kept on the page to copy. A view with a page of its own for a
conflict (an htmx fragment) catches `StaleEdit` itself.

A page that saves as the person types (`autosaved = True`) gives its form a token of its own,
and the versions it saved are remembered under it: the page's own Save, sent while one of its
autosaves was on its way, follows them instead of meeting them as someone else's change.
"""

import secrets
from typing import Any

from django import forms
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .text import ModelForm


class StaleEdit(Exception):
    """The record changed since the form was opened: `current` is it now, `form` the user's."""

    message = "The record was changed by someone else since the form was opened."

    def __init__(self, current, form=None):
        super().__init__(self.message)
        self.current = current
        self.form = form


class RecordRemoved(StaleEdit):
    """The record was removed by someone else after the page was opened: nothing to save into."""

    message = "The record was removed by someone else since the page was opened."

    def __init__(self, form=None):
        super().__init__(None, form)


def lock_current(instance, form=None):
    """The instance's row as stored now, locked until commit; RecordRemoved if it is gone."""
    current = type(instance)._default_manager.select_for_update().filter(pk=instance.pk).first()
    if current is None:
        raise RecordRemoved(form)
    return current


class VersionedModelForm(ModelForm):
    """A model form that remembers which version of the record it was opened on."""

    # Whether the page saves as the person types; its form then carries the page's token.
    autosaved = False

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    page = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["version"]
        if self.autosaved and self.instance.pk:
            self.fields["page"].initial = secrets.token_urlsafe(16)
        else:
            del self.fields["page"]


PAGE_SAVES_SECONDS = 6 * 60 * 60


def _page_saves_key(record) -> str:
    return f"page-saves:{record._meta.label}:{record.pk}"


def _saved_by_page(page: str, current, opened: int) -> bool:
    """Whether every version since `opened` up to `current`'s was saved from this page."""
    saves = cache.get(_page_saves_key(current)) if page else None
    return (
        saves is not None
        and saves["page"] == page
        and saves["since"] <= opened
        and saves["version"] == current.version
    )


def _remember_page_saves(page: str, record, opened: int) -> None:
    key = _page_saves_key(record)
    saves = cache.get(key)
    if not (saves and saves["page"] == page and saves["since"] <= opened <= saves["version"]):
        saves = {"page": page, "since": opened}
    cache.set(key, {**saves, "version": record.version}, PAGE_SAVES_SECONDS)


def versioned_save(*, form: VersionedModelForm):
    """Save a valid versioned form, raising StaleEdit if the record changed since it was opened
    (by anyone but the form's own page)."""
    instance = form.instance
    if not instance.pk:
        return form.save()
    opened, page = form.cleaned_data["version"], form.cleaned_data.get("page", "")
    with transaction.atomic():
        current = lock_current(instance, form)
        if current.version != opened and not _saved_by_page(page, current, opened):
            raise StaleEdit(current, form)
        # The row is locked until commit, so the increment cannot race.
        instance.version = current.version + 1
        saved = form.save()
        if page:
            transaction.on_commit(lambda: _remember_page_saves(page, saved, opened))
    return saved


def changes_save(record, **changes):
    """Save these changes to a record outside any form, with its next version (lock it first)."""
    for name, value in changes.items():
        setattr(record, name, value)
    record.version += 1
    record.save(update_fields=[*changes, "version", "updated_at"])
    return record


# Posted fields that are not something a person typed.
_NOT_TYPED = {"csrfmiddlewaretoken", "version", "page"}


def _display(form_field, value) -> str:
    if value in (None, ""):
        return ""
    choices = getattr(form_field, "choices", None)
    if choices:
        labels = {str(key): label for key, label in choices}
        if isinstance(value, list | tuple):
            return ", ".join(str(labels.get(str(v), v)) for v in value)
        return str(labels.get(str(value), value))
    return str(value)


def _stored(form: VersionedModelForm, name: str, current) -> Any:
    """A field's value in the stored record: a model field's from `current`, a field of the form's
    own (a quantity typed with its unit) as the form showed the record when it was made."""
    try:
        model_field = current._meta.get_field(name)
    except FieldDoesNotExist:
        return form[name].initial
    return model_field.value_from_object(current)


def conflict_rows(form: VersionedModelForm, current) -> list[dict]:
    """Each field the two versions disagree on, as the other person saved it and as the user
    typed it, both as the form shows them. Django's own test of a changed field decides."""
    rows = []
    for name, field in form.fields.items():
        if name in _NOT_TYPED:
            continue
        theirs = _stored(form, name, current)
        if not field.has_changed(theirs, form[name].data):
            continue
        rows.append(
            {
                "label": str(field.label or name),
                "theirs": _display(field, field.prepare_value(theirs)),
                "mine": _display(field, field.prepare_value(form.cleaned_data.get(name))),
            }
        )
    return rows


def conflict_response(request, *, stale: StaleEdit, form=None, context: dict | None = None):
    """The merge page: both versions side by side, and the user's text ready to save again.

    The user's form (`form`, else the one the stale save was made from) was valid, so it is
    shown again as it was, opened on the newer version. A removed record has no newer version:
    the page says so, with what the user typed.
    """
    form = form if form is not None else stale.form
    if isinstance(stale, RecordRemoved):
        typed = typed_rows(form) if form is not None else _posted_rows(request)
        return removed_response(request, typed=typed, context=context)
    rows = conflict_rows(form, stale.current)
    data = form.data.copy()
    prefix = f"{form.prefix}-" if form.prefix else ""
    data[f"{prefix}version"] = str(stale.current.version)
    form.data = data
    history = getattr(stale.current, "history", None)
    last_change = history.select_related("history_user").first() if history is not None else None
    context = {**(context or {}), "form": form, "rows": rows, "last_change": last_change}
    context["title"] = _("Someone else saved a change first")
    return render(request, "_partials/conflict_page.html", context, status=409)


def typed_rows(form) -> list[dict]:
    """What the user typed into each field of a bound form, as the field shows it."""
    rows = []
    for name, field in form.fields.items():
        if name in _NOT_TYPED or isinstance(field.widget, forms.HiddenInput):
            continue
        value = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else None
        if value is None:
            value = form[name].value()
        if hasattr(value, "all") or isinstance(value, list | tuple):
            shown = ", ".join(str(v) for v in value)
        else:
            shown = _display(field, field.prepare_value(value))
        if shown:
            rows.append({"label": str(field.label or name), "mine": shown})
    return rows


def _posted_rows(request) -> list[dict]:
    """What was posted, for a quick action (approve, match, close) that has no form to show."""
    return [
        {"label": name, "mine": value}
        for name, value in request.POST.items()
        if value.strip() and name.rpartition("-")[2] not in _NOT_TYPED
    ]


def removed_response(request, *, typed: list[dict], context: dict | None = None):
    """The page saying the record was removed meanwhile, with what the user typed to copy."""
    context = {**(context or {}), "typed": typed, "title": _("This record was removed meanwhile")}
    return render(request, "_partials/removed_page.html", context, status=409)


class ConflictMiddleware:
    """Turns a stale save anywhere in a view into the merge page (or, for a record removed
    meanwhile, the removed page), as Django does with a 404."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, StaleEdit):
            return None
        if exception.form is None and not isinstance(exception, RecordRemoved):
            return None  # a stale edit with no form to show again is the view's to handle
        return conflict_response(request, stale=exception, context=_page_of(request))


def _page_of(request) -> dict:
    """The navigation of the page the save came from: its district and cycle as the user sees
    them (their role on it), read again since the view's own are out of reach here."""
    from .access import access_cycle, access_district

    kwargs = request.resolver_match.kwargs
    if "district" in kwargs and "cycle" in kwargs:
        cycle = access_cycle(request.user, kwargs["district"], kwargs["cycle"])
        return {"district": cycle.district, "cycle": cycle}
    if "district" in kwargs:
        return {"district": access_district(request.user, kwargs["district"])}
    return {}
