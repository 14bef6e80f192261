"""Export to CSV and XLSX, and import with a preview that saves nothing until every row is valid."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from inventory import tables
from inventory.models import ImportPreview, Program
from inventory.services import program_create
from tests.factories import CycleFactory

HEADERS = tables.inventory_headers()


def _csv(rows, headers=None):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers or HEADERS)
    writer.writerows(rows)
    return SimpleUploadedFile("inventory.csv", out.getvalue().encode(), content_type="text/csv")


def _xlsx(rows, headers=None, name="inventory.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.append(headers or HEADERS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def _row(name, **cells):
    values = dict.fromkeys(tables.COLUMNS, "")
    values.update(name=name, **cells)
    return [values[field] for field in tables.COLUMNS]


def _upload(cast, url, upload, who="member"):
    return cast.client(who).post(url("import_upload"), {"file": upload})


def _table(cycle):
    return tables.inventory_rows(cycle=cycle)


def test_headings_are_the_workbooks():
    assert HEADERS[:3] == [
        "Program/Initiative Name",
        "District Dept/School/Org that tried it",
        "Grades",
    ]
    assert "Evidence of Achieving Goals? Are Goals Achieved for All Sub-Groups?" in HEADERS
    assert "What's the Connection to the District's Long-term SEL SMARTIE Goals?" in HEADERS


def test_csv_export_guards_against_formulas(cast, url):
    program_create(cycle=cast.cycle, name='=HYPERLINK("x")', challenges="+cmd", grades="K-5")
    response = cast.client("viewer").get(url("export", table="inventory", fmt="csv"))
    assert response["Content-Disposition"].endswith('.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == HEADERS
    assert rows[1][0] == '\'=HYPERLINK("x")'
    assert rows[1][tables.COLUMNS.index("challenges")] == "'+cmd"


def test_xlsx_export_writes_text_not_formulas(cast, url):
    program_create(cycle=cast.cycle, name="=1+1")
    response = cast.client("viewer").get(url("export", table="inventory", fmt="xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet["A2"].value == "'=1+1" and sheet["A2"].data_type == "s"


def test_build_on_export_has_the_workbooks_columns(cast, url):
    from datetime import date

    program_create(
        cycle=cast.cycle,
        name="Positive School Climate",
        decision="expand",
        next_steps="Schedule a meeting",
        responsible_name="Jo M.",
        deadline=date(2027, 5, 19),
    )
    program_create(cycle=cast.cycle, name="Dropped", decision="phase_out")
    response = cast.client("viewer").get(url("export", table="build-on", fmt="csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == tables.BUILD_ON_HEADERS
    assert rows[1:] == [
        ["Positive School Climate", "", "", "Schedule a meeting", "Jo M.", "2027-05-19"]
    ]


def test_unknown_export_is_not_found(cast, url):
    assert cast.client("viewer").get(url("export", table="users", fmt="csv")).status_code == 404
    assert cast.client("viewer").get(url("export", table="inventory", fmt="pdf")).status_code == 404


def test_valid_file_imports_after_the_preview(cast, url):
    client = cast.client("member")
    upload = _csv([_row("PBIS", grades="K-8", active="Yes, at 3 of 5 schools")])
    response = client.post(url("import_upload"), {"file": upload})
    assert response["Location"] == url("import_preview")
    assert not Program.objects.exists()  # nothing saved before the preview is confirmed
    assert "Adds a new program" in client.get(url("import_preview")).content.decode()
    response = client.post(url("import_preview"), {"id": _preview_code(cast.member)})
    assert response["Location"] == url("table")
    program = Program.objects.get()
    assert (program.name, program.grades, program.grade_high, program.active_state) == (
        "PBIS",
        "K-8",
        8,
        "partly",
    )


def _preview_code(user) -> str:
    return str(ImportPreview.objects.get(uploaded_by=user).code)


def _previewed_client(cast, url, upload):
    client = cast.client("member")
    client.post(url("import_upload"), {"file": upload})
    return client, _preview_code(cast.member)


def _import_preview(client, preview_url):
    """Confirm the preview the client's last upload made."""
    return client.post(preview_url, {"id": ImportPreview.objects.get().code})


def test_bad_rows_are_listed_and_nothing_is_saved(cast, url):
    upload = _csv(
        [_row("PBIS"), _row("", grades="K-5"), _row("p.b.i.s."), _row("Long", grades="x" * 200)]
    )
    client, stored_id = _previewed_client(cast, url, upload)
    page = client.get(url("import_preview")).content.decode()
    assert "The program name is missing." in page
    assert "Same program as row 2." in page
    assert "“Grades” is longer than 100 characters." in page
    response = client.post(url("import_preview"), {"id": stored_id}, follow=True)
    assert "Nothing was imported" in response.content.decode()
    assert not Program.objects.exists()
    client.post(url("import_preview"), {"id": stored_id, "only_valid": "1"})
    assert list(Program.objects.values_list("name", flat=True)) == ["PBIS"]


def test_the_preview_is_kept_server_side(cast, url):
    client, stored_id = _previewed_client(cast, url, _csv([_row("PBIS")]))
    client.post(url("import_preview"), {"id": stored_id, "rows": "Injected", "name": "Injected"})
    assert list(Program.objects.values_list("name", flat=True)) == ["PBIS"]
    response = client.post(url("import_preview"), {"id": stored_id})
    assert response["Location"] == url("import_upload")  # used up: nothing to import twice
    assert Program.objects.count() == 1


def test_an_old_preview_id_imports_nothing(cast, url):
    client, _stored_id = _previewed_client(cast, url, _csv([_row("PBIS")]))
    client.post(url("import_preview"), {"id": "stale"})
    assert not Program.objects.exists()


def test_unknown_columns_are_refused(cast, url):
    response = _upload(
        cast, url, _csv([["PBIS", "x"]], headers=["Program/Initiative Name", "Budget code"])
    )
    assert response.status_code == 200
    assert "Unknown columns: Budget code." in response.content.decode()
    assert not ImportPreview.objects.exists()


def test_a_file_without_the_name_column_is_refused(cast, url):
    response = _upload(cast, url, _csv([["K-8"]], headers=["Grades"]))
    assert "needs a “Program/Initiative Name” column" in response.content.decode()


def test_ten_thousand_rows_are_refused(cast, url):
    rows = [[f"Program {n}"] for n in range(10_000)]
    response = _upload(cast, url, _csv(rows, headers=["Program/Initiative Name"]))
    assert "more than 500 programs" in response.content.decode()
    assert not Program.objects.exists()


def test_oversized_file_is_refused(cast, url):
    big = SimpleUploadedFile("inventory.csv", b"Program/Initiative Name\n" + b"x" * 1_100_000)
    response = _upload(cast, url, big)
    assert "The file is larger than 1000 KB" in response.content.decode()


def test_wrong_type_is_refused(cast, url):
    for upload, message in (
        (SimpleUploadedFile("inventory.pdf", b"%PDF-1.4"), "Upload a CSV or XLSX file"),
        (SimpleUploadedFile("inventory.xlsx", b"not a zip"), "not a valid XLSX workbook"),
        (SimpleUploadedFile("inventory.csv", b"\xff\xfe\x00\x00"), "not in UTF-8"),
    ):
        response = _upload(cast, url, upload)
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not Program.objects.exists()


def test_xlsx_import(cast, url):
    client, stored_id = _previewed_client(cast, url, _xlsx([_row("PBIS", grades="K-8")]))
    client.post(url("import_preview"), {"id": stored_id})
    assert Program.objects.get().grades == "K-8"


def test_import_updates_a_program_of_the_same_name(cast, url):
    program = program_create(cycle=cast.cycle, name="PBIS", grades="K-5")
    client, stored_id = _previewed_client(cast, url, _csv([_row("pbis", grades="K-8")]))
    assert (
        "Updates the program already in the table"
        in client.get(url("import_preview")).content.decode()
    )
    client.post(url("import_preview"), {"id": stored_id})
    program.refresh_from_db()
    assert (program.grades, program.version, Program.objects.count()) == ("K-8", 2, 1)


def test_export_then_import_gives_the_same_table(cast, url):
    first = program_create(
        cycle=cast.cycle,
        name="Positive School Climate",
        organisation="District Culture and Climate",
        grades="1-4 district-wide",
        active="Yes, districtwide",
        why_not="N/A",
        program_goals="Safe and supportive climate",
        achieved="At about 70% of schools",
        evidence="Climate survey",
        resources="Specialist\nCoaching visits",
        challenges="-Budget",
        connection="Relates to our climate goal.",
        start_year="2016",
    )
    first.schools.add(cast.school)
    program_create(cycle=cast.cycle, name="=PBIS", grades="K-8", active="Yes, at 3 of 5 schools")
    for fmt in ("csv", "xlsx"):
        exported = cast.client("viewer").get(url("export", table="inventory", fmt=fmt)).content
        target = CycleFactory(district=cast.district, label=f"2030-{31 if fmt == 'csv' else 32}")
        kwargs = {"district": cast.district.slug, "cycle": target.slug}
        from django.urls import reverse

        client = cast.client("member")
        client.post(
            reverse("inventory:import_upload", kwargs=kwargs),
            {"file": SimpleUploadedFile(f"inventory.{fmt}", exported)},
        )
        stored = ImportPreview.objects.get(cycle=target)
        assert not any(row["errors"] for row in stored.rows)
        client.post(reverse("inventory:import_preview", kwargs=kwargs), {"id": stored.code})
        assert _table(target) == _table(cast.cycle)
        copy = target.inventory_program_set.get(name_key="positiveschoolclimate")
        assert list(copy.schools.all()) == [cast.school]
        assert copy.organisation == "District Culture and Climate"


LOOKALIKES = [f"{sign}cmd {n}" for n, sign in enumerate("＝﹦⁼₌＋﹢⁺－﹣−＠﹫")]


def test_look_alikes_of_formula_signs_are_prefixed_like_the_signs(cast, url):
    for name in LOOKALIKES:
        program_create(cycle=cast.cycle, name=name)
    for fmt in ("csv", "xlsx"):
        body = cast.client("viewer").get(url("export", table="inventory", fmt=fmt)).content
        if fmt == "csv":
            names = [r[0] for r in csv.reader(io.StringIO(body.decode("utf-8-sig")))][1:]
        else:
            names = [
                row[0].value for row in load_workbook(io.BytesIO(body)).active.iter_rows(min_row=2)
            ]
        assert sorted(names) == sorted(f"'{name}" for name in LOOKALIKES)


def test_stored_apostrophes_survive_export_and_import(cast, url):
    from django.urls import reverse

    kept = ["'=x", "''+y", "'plain", "＝z", "'＝w"]
    for name in kept:
        program_create(cycle=cast.cycle, name=name)
    for fmt in ("csv", "xlsx"):
        exported = cast.client("viewer").get(url("export", table="inventory", fmt=fmt)).content
        target = CycleFactory(district=cast.district, label=f"2040-{41 if fmt == 'csv' else 42}")
        kwargs = {"district": cast.district.slug, "cycle": target.slug}
        client = cast.client("member")
        client.post(
            reverse("inventory:import_upload", kwargs=kwargs),
            {"file": SimpleUploadedFile(f"inventory.{fmt}", exported)},
        )
        _import_preview(client, reverse("inventory:import_preview", kwargs=kwargs))
        assert sorted(target.inventory_program_set.values_list("name", flat=True)) == sorted(kept)
