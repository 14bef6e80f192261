"""Hostile and broken workbooks are refused with one message beside the upload field, cheaply."""

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from inventory import tables
from inventory.models import ImportPreview, Program

SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _cell(column: str, row: int, index: int) -> str:
    return f'<c r="{column}{row}" t="s"><v>{index}</v></c>'


def _parts() -> dict[str, bytes]:
    """The parts of a small real workbook, written by hand: headings and two programs."""
    texts = ["Program/Initiative Name", "Grades", "PBIS", "K-5", "Second Step", "K-8"]
    rows = "".join(
        f'<row r="{r}">{_cell("A", r, 2 * r - 2)}{_cell("B", r, 2 * r - 1)}</row>'
        for r in (1, 2, 3)
    )
    strings = "".join(f"<si><t>{text}</t></si>" for text in texts)
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN}" xmlns:r="{rel}"><sheets>'
            '<sheet name="inventory" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rId3" Type="{rel}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        SHEET: f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>',
        STRINGS: f'<sst xmlns="{MAIN}" count="6" uniqueCount="6">{strings}</sst>',
        "xl/styles.xml": (
            f'<styleSheet xmlns="{MAIN}"><fonts count="1"><font/></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders>'
            '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
            "</cellXfs></styleSheet>"
        ),
    }
    return {name: b'<?xml version="1.0"?>' + text.encode() for name, text in parts.items()}


def _workbook(**replaced) -> bytes:
    """The workbook, some of its parts replaced: {name: bytes, or a writer of a deflated stream}."""
    parts = {**_parts(), **replaced}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            if callable(content):
                info = zipfile.ZipInfo(name)
                info.compress_type = zipfile.ZIP_DEFLATED
                with archive.open(info, "w", force_zip64=True) as stream:
                    content(stream)
            else:
                archive.writestr(name, content)
    return out.getvalue()


def _shared_strings(stream, *, count: int, text: bytes) -> None:
    stream.write(f'<?xml version="1.0"?><sst xmlns="{MAIN}">'.encode())
    block = b"<si><t>" + text + b"</t></si>"
    for _ in range(count // 1000):
        stream.write(block * 1000)
    stream.write(b"</sst>")


def _post(cast, url, data: bytes):
    upload = SimpleUploadedFile("inventory.xlsx", data)
    return cast.client("member").post(url("import_upload"), {"file": upload})


def _field_errors(response) -> list[str]:
    assert response.status_code == 200
    return response.context["form"].errors.get("file", [])


# Reading such a file in full took minutes under tracemalloc; refusing it takes well under a
# second on a quiet machine. The bound is far above that, so that a busy machine cannot fail it.
SECONDS = 60


def _measured(cast, url, data: bytes):
    """(response, seconds, peak bytes allocated by this process while the upload is handled)."""
    client = cast.client("member")
    upload = SimpleUploadedFile("inventory.xlsx", data)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        response = client.post(url("import_upload"), {"file": upload})
        seconds = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return response, seconds, peak


def test_a_workbook_that_inflates_to_200_mb_is_refused_cheaply(cast, url):
    def strings(stream):
        _shared_strings(stream, count=2_000_000, text=b"x" * 80)

    data = _workbook(**{STRINGS: strings})
    assert len(data) < tables.MAX_BYTES  # within the upload limit: only its contents are huge
    response, seconds, peak = _measured(cast, url, data)
    errors = _field_errors(response)
    assert errors == [
        "The file unpacks to far more than any real file of its kind (xl/sharedStrings.xml)."
    ]
    assert seconds < SECONDS
    assert peak < 30_000_000
    assert not ImportPreview.objects.exists()
    assert not Program.objects.exists()


def test_a_million_tiny_strings_are_refused_cheaply(cast, url):
    def strings(stream):
        _shared_strings(stream, count=1_200_000, text=b"")

    data = _workbook(**{STRINGS: strings})
    assert len(data) < 100_000
    response, seconds, peak = _measured(cast, url, data)
    assert _field_errors(response) == [
        "The file unpacks to far more than any real file of its kind (xl/sharedStrings.xml)."
    ]
    assert seconds < SECONDS
    assert peak < 30_000_000


def test_more_distinct_strings_than_a_real_inventory_holds_are_refused(cast, url):
    # Distinct, so they compress as a real file's would and pass the ratio check.
    body = b"".join(b"<si><t>Program %d</t></si>" % n for n in range(60_000))
    strings = f'<?xml version="1.0"?><sst xmlns="{MAIN}">'.encode() + body + b"</sst>"
    response, seconds, peak = _measured(cast, url, _workbook(**{STRINGS: strings}))
    assert _field_errors(response) == ["The workbook holds more than 50000 different texts."]
    assert seconds < SECONDS
    assert peak < 30_000_000


def test_reading_a_sheet_stops_past_the_row_limit(cast, url):
    # One cell in the last row of the widest sheet: the rows before it are read as blank ones.
    sheet = (
        f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><dimension ref="A1:XFD1048576"/>'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Program/Initiative Name</t></is>'
        '</c></row><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>PBIS</t></is></c>'
        "</row></sheetData></worksheet>"
    ).encode()
    response, seconds, peak = _measured(cast, url, _workbook(**{SHEET: sheet}))
    assert _field_errors(response) == ["The sheet has more than 5000 rows, blank ones included."]
    assert seconds < SECONDS
    assert peak < 30_000_000


def test_a_workbook_of_thousands_of_programs_is_refused_after_the_limit(cast, url):
    book = Workbook()
    sheet = book.active
    sheet.append(["Program/Initiative Name"])
    for n in range(3_000):
        sheet.append([f"Program {n}"])
    out = io.BytesIO()
    book.save(out)
    response = _post(cast, url, out.getvalue())
    assert _field_errors(response) == [
        "The file has more than 500 programs. Import at most 500 rows at a time."
    ]


def test_blank_rows_do_not_hide_the_rows_after_them(cast, url):
    book = Workbook()
    sheet = book.active
    sheet.append(["Program/Initiative Name"])
    for _ in range(600):
        sheet.append([None])
    sheet.append(["PBIS"])
    out = io.BytesIO()
    book.save(out)
    client = cast.client("member")
    response = client.post(
        url("import_upload"), {"file": SimpleUploadedFile("a.xlsx", out.getvalue())}
    )
    assert response.status_code == 302
    assert "PBIS" in client.get(response["Location"]).content.decode()


BROKEN_XML = b'<?xml version="1.0"?><root><unclosed></root>'


def _corrupt_deflate(data: bytes, name: str) -> bytes:
    """`data` with bytes in the middle of member `name`'s deflate stream overwritten."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(name)
    raw = bytearray(data)
    header = info.header_offset
    start = header + 30 + int.from_bytes(raw[header + 26 : header + 28], "little")
    start += int.from_bytes(raw[header + 28 : header + 30], "little")
    middle = start + info.compress_size // 2
    raw[middle : middle + 8] = b"\xff" * 8
    return bytes(raw)


def _broken(name):
    return lambda: _workbook(**{name: BROKEN_XML})


XLSX_MESSAGE = "This file is not a valid XLSX workbook. Upload a CSV or XLSX file."
DAMAGED = "The file is damaged: its part {} cannot be unpacked."

CASES = {
    "workbook.xml": (_broken("xl/workbook.xml"), XLSX_MESSAGE),
    "sheet1.xml": (_broken(SHEET), XLSX_MESSAGE),
    "[Content_Types].xml": (_broken("[Content_Types].xml"), XLSX_MESSAGE),
    "styles.xml": (_broken("xl/styles.xml"), XLSX_MESSAGE),
    "sharedStrings.xml": (_broken(STRINGS), XLSX_MESSAGE),
    "workbook rels": (_broken("xl/_rels/workbook.xml.rels"), XLSX_MESSAGE),
    "sheet of the wrong shape": (
        lambda: _workbook(**{SHEET: b'<?xml version="1.0"?><worksheet/>'}),
        "The file is empty.",
    ),
    "no workbook part": (
        lambda: _workbook(**{"xl/workbook.xml": b""}),
        XLSX_MESSAGE,
    ),
    "an entity declaration": (
        lambda: _workbook(
            **{
                STRINGS: b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaa">]>'
                b'<sst xmlns="' + MAIN.encode() + b'"><si><t>&a;</t></si></sst>'
            },
        ),
        XLSX_MESSAGE,
    ),
    "corrupt deflate stream": (
        lambda: _corrupt_deflate(_workbook(), SHEET),
        DAMAGED.format(SHEET),
    ),
    "truncated archive": (lambda: _workbook()[:600], XLSX_MESSAGE),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_broken_workbook_is_one_message_beside_the_upload_field(cast, url, case):
    damage, message = CASES[case]
    response = _post(cast, url, damage())
    assert _field_errors(response) == [message]
    assert not Program.objects.exists()


def test_the_undamaged_workbook_of_these_tests_imports(cast, url):
    response = _post(cast, url, _workbook())
    assert response.status_code == 302
