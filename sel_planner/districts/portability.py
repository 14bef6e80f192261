"""A district's whole record as one archive: export it, import it elsewhere, or delete it.

The district's tables are found from the models themselves, never listed by hand: every model
(history tables and the through tables of many-to-many fields included) with a foreign key to
the district or to a table already found, so a new app's records come along without changes
here. Rows are then gathered by following those keys from the district, history rows also by
the object they record, so that the history of removed records is kept too.

Archive layout (a zip file):
  manifest.json          format, district, when, row count per table, files
  users.json             the district's people the rows point to, without password hashes
  data/<app.Model>.json  the rows of each table (Django's JSON serialisation, primary keys kept)
  files/<name>           generated reports and uploaded attachments, by their storage name,
                         including earlier versions and removed uploads that history names

People outside the district (a platform administrator who invited the first lead or edited the
district in the admin) are not named: the rows' links to them are left empty, and the audit
log's "by" reads "a platform administrator".
"""

import datetime
import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from ..uploads import DISTRICT_ARCHIVE_LIMITS, open_archive
from . import freshness, summary
from .graph import district_models, is_historical
from .models import AuditEvent, District, PlanningCycle

FORMAT = 2
# Archives of format 1 name every person and only the files live rows name; they import as well.
READABLE_FORMATS = {1, FORMAT}
# User fields an archive carries: enough to name people and link them again, no secrets.
USER_FIELDS = ["email", "full_name", "is_active", "date_joined"]
CHUNK = 500


class ArchiveError(Exception):
    """The archive cannot be imported here; the message says why."""


def _user_fields(model) -> list:
    user_model = get_user_model()
    return [
        f for f in model._meta.concrete_fields if f.is_relation and f.related_model is user_model
    ]


@dataclass
class DistrictRows:
    """The primary keys of a district's rows in each table, found by following the keys."""

    district: District
    models: list
    pks: dict = field(default_factory=dict)

    def queryset(self, model):
        return model._base_manager.filter(pk__in=sorted(self.pks.get(model, ()))).order_by("pk")

    def count(self) -> int:
        return sum(len(p) for p in self.pks.values())


def _chunks(values: list) -> Iterable[list]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _values(model, keys, *columns, lookup: str = "pk", flat: bool = True) -> Iterable:
    """The `columns` of the rows of `model` whose `lookup` is one of `keys`, a chunk at a time."""
    for chunk in _chunks(sorted(keys)):
        rows = model._base_manager.filter(**{f"{lookup}__in": chunk})
        yield from rows.values_list(*columns, flat=flat)


def district_rows(*, district: District) -> DistrictRows:
    """Gather the primary keys of every row of `district`, in every table that holds any."""
    found = district_models()
    found_set = set(found)
    pks: dict = {model: set() for model in found}
    pks[District] = {district.pk}
    # Ids a row may point to: live rows, and for tracked models the ids their history records.
    known = {model: set(keys) for model, keys in pks.items()}
    changed = True
    while changed:
        changed = False
        for model in found:
            if model is District:
                continue
            new: set[int] = set()
            for link in model._meta.concrete_fields:
                if link.is_relation and link.related_model in found_set:
                    new.update(_values(model, known[link.related_model], "pk", lookup=link.attname))
            if is_historical(model) and model.instance_type in found_set:
                new.update(_values(model, known[model.instance_type], "pk", lookup="id"))
            if new - pks[model]:
                pks[model] |= new
                changed = True
                known[model] |= new
                if is_historical(model):
                    known[model.instance_type].update(_values(model, new, "id"))
    return DistrictRows(district=district, models=found, pks=pks)


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder, keeping microseconds (it rounds times to milliseconds)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


def _serialise(model, queryset) -> list[dict]:
    names = [f.name for f in model._meta.concrete_fields if not f.primary_key]
    return json.loads(serializers.serialize("json", queryset, fields=names, cls=_ExactEncoder))


def _recorded_model(model):
    """The model whose rows `model` holds: itself, or the model a history table records."""
    return model.instance_type if is_historical(model) else model


def _file_fields(model) -> list:
    """The fields of `model` that name stored files, history's copies of file fields included."""
    recorded = _recorded_model(model)._meta
    names = {f.name for f in recorded.concrete_fields if isinstance(f, models.FileField)}
    return [f for f in model._meta.concrete_fields if f.name in names]


def _file_storage(model, field_name: str):
    return _recorded_model(model)._meta.get_field(field_name).storage


def district_files(rows: DistrictRows) -> dict:
    """Every stored file the district's rows or history rows name: {name: (model, field name)}."""
    files: dict = {}
    for model in rows.models:
        for file_field in _file_fields(model):
            for name in _values(model, rows.pks[model], file_field.attname):
                if name:
                    files.setdefault(name, (model, file_field.name))
    return files


def district_snapshot(*, district: District) -> dict:
    """Every row of the district as plain data, by table label (what an archive holds)."""
    rows = district_rows(district=district)
    return {
        model._meta.label: _serialise(model, rows.queryset(model))
        for model in rows.models
        if rows.pks[model]
    }


def _required(model, user_field) -> bool:
    """Whether a record cannot be without the person (history rows follow the recorded model)."""
    recorded = _recorded_model(model)._meta
    names = {f.name for f in recorded.concrete_fields}
    source = recorded.get_field(user_field.name) if user_field.name in names else user_field
    return not source.null


def district_people(rows: DistrictRows) -> tuple[set, set]:
    """(the district's people, the people outside it) among those the rows point to, by pk.

    The district's people are those a record cannot be without: members, past and present
    (a membership names its person), raters, authors. Anyone else, such as a platform
    administrator who invited the first lead, is outside the district.
    """
    named, people = set(), set()
    for model in rows.models:
        fields = _user_fields(model)
        if not fields:
            continue
        for values in _values(model, rows.pks[model], *[f.attname for f in fields], flat=False):
            for user_field, value in zip(fields, values, strict=True):
                if value is not None:
                    named.add(value)
                    if _required(model, user_field):
                        people.add(value)
    return people, named - people


def _users_of(people: set) -> list[dict]:
    users = get_user_model()._base_manager.filter(pk__in=sorted(people)).order_by("pk")
    return [
        {"pk": user.pk, **{name: getattr(user, name) for name in USER_FIELDS}} for user in users
    ]


def _without_outsiders(model, data: list[dict], outsiders: set) -> None:
    """Leave the rows' links to people outside the district empty, naming them by their part."""
    for row in data:
        values = row["fields"]
        if model is AuditEvent and values["actor"] in outsiders and "by" in values["details"]:
            values["details"]["by"] = gettext("a platform administrator")
        for user_field in _user_fields(model):
            if values.get(user_field.name) in outsiders:
                values[user_field.name] = None


def district_export(*, district: District, output) -> dict:
    """Write the district's archive to `output` (a path or a binary file); returns the manifest."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            # One snapshot for every table, so edits made during a long export cannot split it.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        return _write_archive(district=district, output=output)


def _write_archive(*, district: District, output) -> dict:
    rows = district_rows(district=district)
    people, outsiders = district_people(rows)
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "district": {"slug": district.slug, "code": str(district.code), "name": district.name},
        "exported_at": timezone.now().isoformat(),
        "tables": {},
        "files": [],
    }
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for model in rows.models:
            if not rows.pks[model]:
                continue
            data = _serialise(model, rows.queryset(model))
            _without_outsiders(model, data, outsiders)
            label = model._meta.label
            archive.writestr(f"data/{label}.json", json.dumps(data, cls=DjangoJSONEncoder))
            manifest["tables"][label] = len(data)
        for name, (model, field_name) in sorted(district_files(rows).items()):
            storage = _file_storage(model, field_name)
            if not storage.exists(name):
                continue
            with storage.open(name, "rb") as handle:
                archive.writestr(f"files/{name}", handle.read())
            manifest["files"].append(
                {"table": model._meta.label, "field": field_name, "name": name}
            )
        users = _users_of(people)
        archive.writestr("users.json", json.dumps(users, cls=DjangoJSONEncoder, indent=1))
        archive.writestr("manifest.json", json.dumps(manifest, indent=1))
    return manifest


def _read_json(archive, name):
    try:
        return json.loads(archive.read(name))
    except KeyError as missing:
        raise ArchiveError(f"The archive has no {name}.") from missing
    except ValueError as broken:
        raise ArchiveError(f"{name} in the archive is not valid JSON.") from broken


def _user_map(users: list[dict]) -> dict:
    """Archive user pk -> local user pk: an existing account by email, else a new one."""
    user_model = get_user_model()
    mapping = {}
    for entry in users:
        email = user_model.objects.normalize_email(entry["email"])
        user = user_model._base_manager.filter(email=email).first()
        if user is None:
            user = user_model(**{name: entry[name] for name in USER_FIELDS if name in entry})
            user.email = email
            # Nobody's password travels in an archive: people set one by resetting it.
            user.set_unusable_password()
            user.save()
        mapping[entry["pk"]] = user.pk
    return mapping


def _remap_users(model, rows: list[dict], mapping: dict) -> None:
    for user_field in _user_fields(model):
        for row in rows:
            value = row["fields"].get(user_field.name)
            if value is not None:
                if value not in mapping:
                    raise ArchiveError(
                        f"{model._meta.label} points to a person missing from users.json."
                    )
                row["fields"][user_field.name] = mapping[value]


@transaction.atomic
def district_import(*, source) -> District:
    """Restore an archive made by `district_export` into this instance and return the district.

    Refuses when the district (by short name or code) or any of its rows already exists here;
    primary keys, codes, versions, timestamps and history are kept as they were.
    """
    by_label = {model._meta.label: model for model in district_models()}
    with open_archive(source, limits=DISTRICT_ARCHIVE_LIMITS) as archive:
        manifest = _read_json(archive, "manifest.json")
        if manifest.get("format") not in READABLE_FORMATS:
            raise ArchiveError("This archive was made by a different version of SEL Planner.")
        info = manifest["district"]
        if District.objects.filter(Q(slug=info["slug"]) | Q(code=info["code"])).exists():
            raise ArchiveError(
                f"A district called {info['slug']} already exists here; delete it first."
            )
        unknown = set(manifest["tables"]) - set(by_label)
        if unknown:
            raise ArchiveError(f"Unknown tables in the archive: {', '.join(sorted(unknown))}.")
        mapping = _user_map(_read_json(archive, "users.json"))
        imported = {}
        for label, model in by_label.items():
            if label not in manifest["tables"]:
                continue
            rows = _read_json(archive, f"data/{label}.json")
            pks = [row["pk"] for row in rows]
            if any(model._base_manager.filter(pk__in=c).exists() for c in _chunks(pks)):
                raise ArchiveError(f"Rows of {label} already exist here; import into a fresh site.")
            _remap_users(model, rows, mapping)
            for obj in serializers.deserialize("python", rows):
                obj.save()  # raw save: no signals, so no new history and timestamps unchanged
            imported[model] = pks
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), list(imported)):
                cursor.execute(statement)
        _restore_files(by_label, archive, manifest["files"], imported)
    return District.objects.get(code=info["code"])


def _restore_files(by_label, archive, entries: list[dict], imported: dict) -> None:
    """Save the archive's files, never over a file this site already has.

    A file whose name is taken here is saved under a free name, and the imported rows that name
    it (history included) are pointed to that. If anything fails, the files saved are removed.
    """
    saved = []
    try:
        for entry in entries:
            storage = _file_storage(by_label[entry["table"]], entry["field"])
            name = entry["name"]
            try:
                content = archive.read(f"files/{name}")
            except KeyError as missing:
                raise ArchiveError(f"The archive lacks the file {name}.") from missing
            stored = storage.save(name, ContentFile(content))
            saved.append((storage, stored))
            if stored != name:
                _rename_file(imported, old=name, new=stored)
    except Exception:
        for storage, stored in saved:
            storage.delete(stored)
        raise


def _rename_file(imported: dict, *, old: str, new: str) -> None:
    for model, pks in imported.items():
        for file_field in _file_fields(model):
            for chunk in _chunks(pks):
                model._base_manager.filter(pk__in=chunk, **{file_field.attname: old}).update(
                    **{file_field.attname: new}
                )


@transaction.atomic
def district_delete(*, district: District) -> dict:
    """Remove every row of `district` from every table, history, files and admin log included.

    Rows are deleted in SQL, without the signals a model's delete() sends, so that removing the
    district leaves no new history rows behind (the tables' foreign keys are checked at commit).
    Returns the number of rows removed per table label.
    """
    rows = district_rows(district=district)
    removed = {}
    files = [
        (_file_storage(model, field_name), name)
        for name, (model, field_name) in district_files(rows).items()
    ]
    _admin_log_delete(rows)
    for model in reversed(rows.models):
        pks = sorted(rows.pks[model])
        if not pks:
            continue
        table = connection.ops.quote_name(model._meta.db_table)
        column = connection.ops.quote_name(model._meta.pk.column)
        count = 0
        with connection.cursor() as cursor:
            for chunk in _chunks(pks):
                marks = ", ".join(["%s"] * len(chunk))
                # Names come from the models, quoted by the backend; the keys are parameters.
                sql = f"DELETE FROM {table} WHERE {column} IN ({marks})"  # noqa: S608
                cursor.execute(sql, chunk)
                count += cursor.rowcount
        removed[model._meta.label] = count

    def after_commit():
        for storage, name in files:
            if storage.exists(name):
                storage.delete(name)
        summary.forget(cycle_ids=rows.pks.get(PlanningCycle, ()))
        freshness.forget(district_id=district.pk)

    # Files and cached summaries go only once the rows are gone for good: a failed deletion
    # keeps them all.
    transaction.on_commit(after_commit)
    return removed


def _admin_log_delete(rows: DistrictRows) -> None:
    """Remove the admin log's entries about the district's rows: they name what the rows held."""
    for model in rows.models:
        # Many-to-many tables have no admin pages, so no entries (nor content types).
        if model._meta.auto_created or not rows.pks[model]:
            continue
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        for chunk in _chunks(sorted(rows.pks[model])):
            LogEntry.objects.filter(
                content_type=content_type, object_id__in=[str(pk) for pk in chunk]
            ).delete()
