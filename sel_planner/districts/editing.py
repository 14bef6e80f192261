"""Editing that loses nothing: stale saves are refused and shown beside the current text.

Every editable form subclasses `VersionedModelForm`; the view saves through `versioned_save`
and, on `StaleEdit`, returns `conflict_response`, which shows the other person's values
beside the user's own and a form, already filled with the user's values, that saves over
the newer version only when the user submits it again. A record removed meanwhile raises
`RecordRemoved`, a kind of `StaleEdit`: the same handlers show that it is gone, with the
user's text kept on the page to copy.
"""

from django import forms
from django.db import transaction
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _


class StaleEdit(Exception):
    def __init__(self, current):
        super().__init__("The record was changed by someone else since the form was opened.")
        self.current = current


class RecordRemoved(StaleEdit):
    """The record was removed by someone else after the page was opened: there is nothing to save into."""

    def __init__(self):
        Exception.__init__(
            self, "The record was removed by someone else since the page was opened."
        )
        self.current = None


def lock_current(instance):
    """The instance's row as stored now, locked until commit; RecordRemoved if it is gone."""
    current = type(instance)._default_manager.select_for_update().filter(pk=instance.pk).first()
    if current is None:
        raise RecordRemoved
    return current


class VersionedModelForm(forms.ModelForm):
    """A model form that remembers which version of the record it was opened on."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["version"]


def versioned_save(*, form: VersionedModelForm):
    """Save a valid versioned form, raising StaleEdit if the record changed since it was opened."""
    instance = form.instance
    if not instance.pk:
        return form.save()
    with transaction.atomic():
        current = lock_current(instance)
        if current.version != form.cleaned_data["version"]:
            raise StaleEdit(current)
        # The row is locked until commit, so the increment cannot race.
        instance.version = current.version + 1
        return form.save()


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


def conflict_rows(form: VersionedModelForm, current) -> list[dict]:
    """Each field the two versions disagree on, as the other person saved it and as the user typed it."""
    rows = []
    for name, field in form.fields.items():
        if name == "version":
            continue
        theirs = getattr(current, name, None)
        mine = form.cleaned_data.get(name)
        if hasattr(theirs, "all"):  # many-to-many: compare the chosen objects' keys
            theirs = sorted(field.prepare_value(list(theirs.all())))
            mine = sorted(field.prepare_value(list(mine or [])))
        else:  # both sides as the field shows them, e.g. a chosen record as its key
            theirs = field.prepare_value(theirs)
            mine = field.prepare_value(mine)
        if _display(field, theirs) != _display(field, mine):
            rows.append(
                {
                    "label": str(field.label or name),
                    "theirs": _display(field, theirs),
                    "mine": _display(field, mine),
                }
            )
    return rows


def conflict_response(
    request, *, form: VersionedModelForm, stale: StaleEdit, context: dict, form_kwargs=None
):
    """The merge page: both versions side by side, and the user's text ready to save again."""
    if isinstance(stale, RecordRemoved):
        return removed_response(request, typed=typed_rows(form), context=context)
    rows = conflict_rows(form, stale.current)
    data = form.data.copy()
    prefix = f"{form.prefix}-" if form.prefix else ""
    data[f"{prefix}version"] = str(stale.current.version)
    merge_form = type(form)(data=data, instance=stale.current, **(form_kwargs or {}))
    merge_form.is_valid()  # shows any errors of the user's text; fills the instance, never saved
    history = getattr(stale.current, "history", None)
    last_change = history.select_related("history_user").first() if history is not None else None
    return render(
        request,
        "_partials/conflict_page.html",
        {
            **context,
            "form": merge_form,
            "rows": rows,
            "last_change": last_change,
            "title": _("Someone else saved a change first"),
        },
        status=409,
    )


def typed_rows(form) -> list[dict]:
    """What the user typed into each field of a bound form, as the field shows it."""
    rows = []
    for name, field in form.fields.items():
        if name == "version" or isinstance(field.widget, forms.HiddenInput):
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


def removed_response(request, *, typed: list[dict], context: dict | None = None):
    """The page saying the record was removed meanwhile, with what the user typed to copy."""
    return render(
        request,
        "_partials/removed_page.html",
        {**(context or {}), "typed": typed, "title": _("This record was removed meanwhile")},
        status=409,
    )


# Posted fields that are not something a person typed.
_NOT_TYPED = {"csrfmiddlewaretoken", "version"}


class RecordRemovedMiddleware:
    """A save that finds its record removed, in a view with no form to show, gets the removed page.

    Views that save a form handle `StaleEdit` (and so `RecordRemoved`) themselves; this covers
    the buttons and quick actions (approve, match, close) whose record vanished mid-request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, RecordRemoved):
            return None
        typed = [
            {"label": name, "mine": value}
            for name, value in request.POST.items()
            if value.strip() and name not in _NOT_TYPED and not name.endswith("-version")
        ]
        return removed_response(request, typed=typed)
