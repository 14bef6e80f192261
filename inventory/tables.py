"""The inventory and build-on tables as CSV and XLSX, and importing the inventory from either.

Cells that a spreadsheet would run as a formula are written with a leading apostrophe, and
read back without it, so an export imports as the same table.
"""

import csv
import io
import json

from django.db import transaction
from django.utils.translation import gettext as _

from sel_planner.uploads import MAX_UPLOAD_BYTES, UnreadableFile, cell_read, cell_safe, read_table

from .models import TEXT_MAX, ImportPreview, Program, name_key
from .selectors import COLUMNS, build_on_rows, column_label
from .services import program_prepare

MAX_BYTES = MAX_UPLOAD_BYTES
MAX_ROWS = 500
MAX_PARSED = 3_000_000
SEPARATOR = "; "
BUILD_ON_HEADERS = [
    "Program/Initiative Name",
    "Connections to District SEL Goals",
    "How SEL Team Wishes to Incorporate into Planning for Future",
    "Next Steps",
    "SEL Team Member Responsible for Next Step",
    "Deadline for Next Step",
]


class ImportRefused(Exception):
    """The whole file is refused (type, size, headings); the message says why."""


def inventory_headers() -> list[str]:
    return [column_label(field) for field in COLUMNS]


def _organisation_cell(program) -> str:
    parts = [school.name for school in program.schools.all()]
    if program.organisation.strip():
        parts.append(program.organisation.strip())
    return SEPARATOR.join(parts)


def inventory_rows(*, cycle) -> list[list[str]]:
    programs = cycle.inventory_program_set.prefetch_related("schools").order_by("name_key")
    rows = []
    for program in programs:
        values = {field: getattr(program, field) for field in COLUMNS}
        values["organisation"] = _organisation_cell(program)
        rows.append([cell_safe(values[field]) for field in COLUMNS])
    return rows


def build_on_table(*, cycle) -> list[list[str]]:
    return [
        [
            cell_safe(p.name),
            cell_safe(p.goal_connections),
            cell_safe(p.incorporate),
            cell_safe(p.next_steps),
            cell_safe(p.responsible_display),
            p.deadline.isoformat() if p.deadline else "",
        ]
        for p in build_on_rows(cycle=cycle)
    ]


def as_csv(headers, rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def as_xlsx(headers, rows, *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def parse_upload(upload) -> list[list[str]]:
    """The uploaded file's rows (headings first), or ImportRefused with a clear message."""
    try:
        rows = read_table(upload, limit=MAX_ROWS + 1)
    except UnreadableFile as error:
        raise ImportRefused(str(error)) from error
    if not rows:
        raise ImportRefused(_("The file is empty."))
    if len(rows) - 1 > MAX_ROWS:
        raise ImportRefused(
            _("The file has more than %(max)d programs. Import at most %(max)d rows at a time.")
            % {"max": MAX_ROWS}
        )
    return rows


def check_rows(*, cycle, rows: list[list[str]]) -> dict:
    """Map the headings to columns and check every row:
    {"columns", "rows": [{values, errors, update}]}."""
    labels = {column_label(field).casefold(): field for field in COLUMNS}
    headers = [cell_read(h) for h in rows[0]]
    unknown = [h for h in headers if h and h.casefold() not in labels]
    if unknown:
        raise ImportRefused(
            _("Unknown columns: %(columns)s. Use the inventory table's headings: %(expected)s.")
            % {"columns": ", ".join(unknown), "expected": "; ".join(inventory_headers())}
        )
    fields = [labels.get(h.casefold()) for h in headers]
    if "name" not in fields:
        raise ImportRefused(_("The file needs a “Program/Initiative Name” column."))
    existing = set(cycle.inventory_program_set.values_list("name_key", flat=True))
    seen: dict[str, int] = {}
    checked = []
    for number, row in enumerate(rows[1:], start=2):
        values = {f: cell_read(row[i]) if i < len(row) else "" for i, f in enumerate(fields) if f}
        errors = []
        key = name_key(values.get("name", ""))
        if not key:
            errors.append(_("The program name is missing."))
        elif key in seen:
            errors.append(_("Same program as row %(row)d.") % {"row": seen[key]})
        else:
            seen[key] = number
        for field, value in values.items():
            limit = Program._meta.get_field(field).max_length or TEXT_MAX
            if len(value) > limit:
                too_long = _("“%(column)s” is longer than %(max)d characters.")
                errors.append(too_long % {"column": column_label(field), "max": limit})
        checked.append(
            {"number": number, "values": values, "errors": errors, "update": key in existing}
        )
    result = {"columns": [f for f in fields if f], "rows": checked}
    if len(json.dumps(result)) > MAX_PARSED:
        raise ImportRefused(_("The file holds too much text to import at once. Split it."))
    return result


def _guess_active(text: str) -> str:
    lowered = text.casefold()
    if not lowered:
        return ""
    if lowered.startswith("yes"):
        return "partly" if " at " in lowered or " some " in lowered else "yes"
    if lowered.startswith("no"):
        return "no"
    return "partly"


@transaction.atomic
def import_rows(*, cycle, preview, rows: list[dict]) -> tuple[int, int]:
    """Create or update one program per checked row of `preview`, then remove the preview.

    Returns (created, updated); (0, 0) when a request that came first used the preview up.
    """
    if not ImportPreview.objects.filter(pk=preview.pk).delete()[0]:
        return 0, 0
    schools = {school.name.casefold(): school for school in cycle.district.schools.all()}
    created = updated = 0
    for row in rows:
        values = dict(row["values"])
        picked = []
        if "organisation" in values:
            parts = [p.strip() for p in values["organisation"].split(";") if p.strip()]
            picked = [schools[p.casefold()] for p in parts if p.casefold() in schools]
            values["organisation"] = SEPARATOR.join(p for p in parts if p.casefold() not in schools)
        program = (
            Program.objects.select_for_update()
            .filter(cycle=cycle, name_key=name_key(values["name"]))
            .first()
        )
        if program is None:
            program, created = Program(cycle=cycle), created + 1
        else:
            program.version, updated = program.version + 1, updated + 1
        for field, value in values.items():
            setattr(program, field, value)
        if "active" in values:
            program.active_state = _guess_active(values["active"])
        program_prepare(program)
        program.save()
        if "organisation" in row["values"]:
            program.schools.set(picked)
    return created, updated
