"""A district archive that is damaged or inflates past any real district's is refused whole."""

import io
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sel_planner.districts.models import District


def _archive(tmp_path, writer) -> str:
    path = tmp_path / "district.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        writer(archive)
    return str(path)


def test_an_archive_that_inflates_past_its_ratio_is_refused(db, tmp_path):
    def writer(archive):
        archive.writestr("manifest.json", b'{"format": 1}')
        with archive.open("data/goals.Goal.json", "w") as stream:
            for _ in range(50):
                stream.write(b" " * 1_000_000)

    path = _archive(tmp_path, writer)
    count = District.objects.count()
    with pytest.raises(CommandError, match=r"unpacks to far more .*data/goals\.Goal\.json"):
        call_command("import_district", path)
    assert District.objects.count() == count


def test_an_archive_with_a_damaged_member_is_refused(db, tmp_path):
    def writer(archive):
        archive.writestr("manifest.json", b'{"format": 1, "district": {}}' + b" " * 5000)

    path = _archive(tmp_path, writer)
    with open(path, "rb") as source:
        raw = bytearray(source.read())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("manifest.json")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    raw[start + 4 : start + 12] = b"\xff" * 8
    with open(path, "wb") as out:
        out.write(bytes(raw))
    with pytest.raises(CommandError, match=r"damaged: its part manifest\.json cannot be unpacked"):
        call_command("import_district", path)


def test_a_file_that_is_no_zip_is_refused(db, tmp_path):
    path = tmp_path / "district.zip"
    path.write_bytes(io.BytesIO(b"PK\x03\x04 not really").getvalue())
    with pytest.raises(CommandError, match="not a zip archive"):
        call_command("import_district", str(path))
