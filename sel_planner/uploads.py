"""The files that enter and leave the product: uploaded spreadsheets, district archives, and
the cells of the spreadsheets it exports.

Every archive is checked before anything parses it (how many members, how large they unpack,
how far each one inflates), and every failure to read a file becomes one `UnreadableFile`
whose message says, in words for people, what is wrong. Imports read CSV and XLSX through
`read_table`, so a new import (schools, measures) gets the same checks by calling it.
"""

import csv
import io
import logging
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from xml.parsers import expat

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

logger = logging.getLogger(__name__)

# The compressed size of an upload. A full inventory (500 programs) exports to about 100 KB.
MAX_UPLOAD_BYTES = 1_000_000
# Columns read from each row: the inventory has 17, the CASEL workbook's widest table fewer.
MAX_COLUMNS = 100
# Distinct strings in a workbook. A table of 500 rows of 100 columns holds at most 50,000
# cells, so a real file has fewer distinct strings than that; counting stops at the limit.
MAX_SHARED_STRINGS = 50_000
# A workbook's parts other than its sheets (shared strings, styles, the workbook itself) are
# read whole: the inventory's 3 MB of text at most, and a few kilobytes for the rest.
MAX_PART_BYTES = 5_000_000
SHEETS = "xl/worksheets/"
# Rows of a sheet read, blank ones included, before the file is refused as too long.
MAX_SHEET_ROWS = 5_000
# A member at least this large must not inflate more than its archive's ratio allows.
RATIO_FLOOR = 1_000_000
CHUNK = 1 << 16


@dataclass(frozen=True)
class ArchiveLimits:
    """How many members a zip archive may have, how large they may unpack, how far inflate."""

    members: int
    member_bytes: int
    total_bytes: int
    ratio: int


# An inventory at its limits (500 rows, 3 MB of text) unpacks to about 5 MB in a dozen
# members, and text compresses about 5 to 20 times. These limits are several times that, and
# far below what costs a web worker more memory or time than a normal page.
SPREADSHEET_LIMITS = ArchiveLimits(
    members=200, member_bytes=20_000_000, total_bytes=40_000_000, ratio=100
)
# A district's archive (export_district): JSON tables and report PDFs. The largest districts'
# archives are a few hundred megabytes; JSON compresses about ten times.
DISTRICT_ARCHIVE_LIMITS = ArchiveLimits(
    members=200_000, member_bytes=2_000_000_000, total_bytes=20_000_000_000, ratio=200
)

# Errors a damaged zip member raises while it is read.
_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError)


NOT_XLSX = _lazy("This file is not a valid XLSX workbook. Upload a CSV or XLSX file.")


class UnreadableFile(Exception):
    """The file cannot be read; the message says why, in words for the person who gave it."""


def _too_large(member: zipfile.ZipInfo) -> UnreadableFile:
    too_large = _("The file unpacks to far more than any real file of its kind (%(name)s).")
    return UnreadableFile(too_large % {"name": member.filename[:100]})


def archive_check(archive: zipfile.ZipFile, *, limits: ArchiveLimits) -> None:
    """Raise UnreadableFile unless every member is within `limits` and inflates intact."""
    members = archive.infolist()
    if len(members) > limits.members:
        raise UnreadableFile(_("The file packs more than %(max)d parts.") % {"max": limits.members})
    total = 0
    for member in members:
        total += member.file_size
        inflates = member.file_size / max(member.compress_size, 1)
        if (
            member.file_size > limits.member_bytes
            or total > limits.total_bytes
            or (member.file_size >= RATIO_FLOOR and inflates > limits.ratio)
        ):
            raise _too_large(member)
    # Reading every member to its end checks its deflate stream and CRC; zipfile stops each
    # read at the size the member declares, so the sizes checked above bound this too.
    for member in members:
        try:
            with archive.open(member) as stream:
                while stream.read(CHUNK):
                    pass
        except _DAMAGED as error:
            damaged = _("The file is damaged: its part %(name)s cannot be unpacked.")
            raise UnreadableFile(damaged % {"name": member.filename[:100]}) from error


def open_archive(source, *, limits: ArchiveLimits) -> zipfile.ZipFile:
    """The zip archive at `source` (a path or a binary file), checked against `limits`."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UnreadableFile(_("The file is not a zip archive.")) from error
    try:
        archive_check(archive, limits=limits)
    except UnreadableFile:
        archive.close()
        raise
    return archive


class _EnoughStrings(Exception):
    """Raised inside the XML parser to stop it once the count is past the limit."""


def _shared_strings_count(archive: zipfile.ZipFile, name: str) -> int:
    """How many strings the part `name` lists, counting no further than MAX_SHARED_STRINGS + 1."""
    count = 0

    def start(tag, attributes):
        nonlocal count
        if tag == "si" or tag.endswith(" si"):
            count += 1
            if count > MAX_SHARED_STRINGS:
                raise _EnoughStrings

    def doctype(*args):
        raise expat.ExpatError("a document type declaration")

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = doctype
    try:
        with archive.open(name) as stream:
            parser.ParseFile(stream)
    except _EnoughStrings:
        pass
    return count


def _filled(rows, limit: int) -> list[list[str]]:
    """The rows with any text, reading no further than one past `limit` of them."""
    filled = []
    for row in rows:
        if any(cell.strip() for cell in row):
            filled.append(row)
            if len(filled) > limit:
                break
    return filled


def _sheet_rows(sheet):
    for number, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)):
        if number == MAX_SHEET_ROWS:
            too_long = _("The sheet has more than %(max)d rows, blank ones included.")
            raise UnreadableFile(too_long % {"max": MAX_SHEET_ROWS})
        yield ["" if value is None else str(value) for value in row]


def _spreadsheet_rows(data: bytes, limit: int) -> list[list[str]]:
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UnreadableFile(NOT_XLSX)
    with open_archive(io.BytesIO(data), limits=SPREADSHEET_LIMITS) as archive:
        for member in archive.infolist():
            if member.file_size > MAX_PART_BYTES and not member.filename.startswith(SHEETS):
                raise _too_large(member)
        strings = [n for n in archive.namelist() if n.lower().endswith("sharedstrings.xml")]
        for name in strings:
            if _shared_strings_count(archive, name) > MAX_SHARED_STRINGS:
                too_many = _("The workbook holds more than %(max)d different texts.")
                raise UnreadableFile(too_many % {"max": MAX_SHARED_STRINGS})
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return _filled(_sheet_rows(book.worksheets[0]), limit)
    finally:
        book.close()


def read_xlsx(data: bytes, *, limit: int) -> list[list[str]]:
    """The first sheet's rows with text (up to `limit` + 1), or UnreadableFile saying why not."""
    try:
        return _spreadsheet_rows(data, limit)
    except UnreadableFile:
        raise
    # A hostile workbook can make the XML parser and openpyxl fail in any number of ways
    # (ParseError, KeyError, TypeError, IndexError...); each means the file cannot be read.
    except Exception as error:
        logger.info("An uploaded workbook could not be read: %r", error)
        raise UnreadableFile(NOT_XLSX) from error


def read_csv(data: bytes, *, limit: int) -> list[list[str]]:
    """The rows with text of a UTF-8 CSV file (up to `limit` + 1), or UnreadableFile."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            _("The CSV file is not in UTF-8. Save it as “CSV UTF-8” and try again.")
        ) from error
    if "\x00" in text:
        raise UnreadableFile(_("This file is not a CSV file. Upload a CSV or XLSX file."))
    try:
        return _filled((row[:MAX_COLUMNS] for row in csv.reader(io.StringIO(text))), limit)
    except csv.Error as error:
        unreadable = _("The CSV file could not be read: %(error)s") % {"error": error}
        raise UnreadableFile(unreadable) from error


def read_table(upload, *, limit: int) -> list[list[str]]:
    """The rows with text of an uploaded CSV or XLSX file, headings first, or UnreadableFile.

    Reading stops one row past `limit`, so that the caller can say the file is too long.
    """
    name = (upload.name or "").lower()
    if upload.size > MAX_UPLOAD_BYTES:
        too_large = _("The file is larger than %(max)d KB. Split it into smaller files.")
        raise UnreadableFile(too_large % {"max": MAX_UPLOAD_BYTES // 1000})
    if name.endswith(".csv"):
        return read_csv(upload.read(), limit=limit)
    if name.endswith(".xlsx"):
        return read_xlsx(upload.read(), limit=limit)
    raise UnreadableFile(_("Upload a CSV or XLSX file (the name ends in .csv or .xlsx)."))


# Spreadsheet programs run a cell as a formula when it starts with one of these, or with a
# look-alike that they fold to one (full-width "＝", small "﹢", the minus sign "−").
FORMULA_START = frozenset("=+-@\t\r")
FORMULA_LOOKALIKES = frozenset("\u2212\u2795\u2796")


def _formula_like(text: str) -> bool:
    first = text[:1]
    return bool(first) and (
        first in FORMULA_LOOKALIKES or unicodedata.normalize("NFKC", first)[:1] in FORMULA_START
    )


def cell_safe(value) -> str:
    """The text of an exported cell, with an apostrophe first if a spreadsheet could run it.

    Text that already starts with apostrophes before such a character gets one more, so that
    `cell_read` gives back exactly what was written.
    """
    text = "" if value is None else str(value)
    return f"'{text}" if _formula_like(text.lstrip("'")) else text


def cell_read(value) -> str:
    """The text of an imported cell, without the apostrophe `cell_safe` put before it."""
    text = "" if value is None else str(value).strip()
    if text[:1] == "'" and _formula_like(text[1:].lstrip("'")):
        return text[1:]
    return text
