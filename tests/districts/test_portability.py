"""A district's data in its own hands: export, import into an empty site, delete everything."""

import io
import json
import zipfile

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from sel_planner.accounts.models import User
from sel_planner.districts.models import (
    AuditEvent,
    CycleScopedModel,
    District,
    PlanningCycle,
)
from sel_planner.districts.portability import (
    ArchiveError,
    district_delete,
    district_export,
    district_import,
    district_models,
    district_rows,
    district_snapshot,
)
from tests.factories import GoalFactory, PriorityFactory, ReportJobFactory

PDF = b"%PDF-1.7 a generated report"
ATTACHMENT = b"Our strategic plan, 2024-2029."


def _demo_with_files():
    """The demo district plus a generated report and an uploaded attachment, and a removed goal."""
    from vision.models import Material

    call_command("seed_demo")
    district = District.objects.get(slug="riverbend")
    cycle = district.cycles.get(label="2026-27")
    lead = User.objects.get(email="lead@riverbend.example")
    job = ReportJobFactory(cycle=cycle, requested_by=lead, done=True, file__data=PDF, size=len(PDF))
    material = Material(cycle=cycle, kind="plan", title="Strategic plan", uploaded_by=lead)
    material.file.save("plan.txt", ContentFile(ATTACHMENT), save=False)
    material.save()
    # A removed record leaves only history behind: that history belongs to the district too.
    goal = GoalFactory(cycle=cycle, statement="Removed goal")
    goal.delete()
    goal.priority.delete()
    return district, job, material


def _files(district) -> dict:
    rows = district_rows(district=district)
    names = {}
    for model in rows.models:
        for f in model._meta.concrete_fields:
            if f.get_internal_type() == "FileField":
                for name in rows.queryset(model).values_list(f.attname, flat=True):
                    if name:
                        with f.storage.open(name, "rb") as handle:
                            names[name] = handle.read()
    return names


def test_every_table_that_refers_to_a_district_is_found():
    found = set(district_models())
    for model in apps.get_models(include_auto_created=True):
        links = {f.related_model for f in model._meta.concrete_fields if f.is_relation}
        if issubclass(model, CycleScopedModel) or District in links or PlanningCycle in links:
            assert model in found, model
            history = getattr(model, "history", None)
            if history is not None:
                assert history.model in found, history.model
        for m2m in model._meta.many_to_many:
            if model in found:
                assert m2m.remote_field.through in found, m2m.remote_field.through
        if model is not User and links & found:
            assert model in found, f"{model} points to a district table but is left out"
    assert AuditEvent in found
    assert apps.get_model("reports", "ReportJob") in found
    assert apps.get_model("districts", "HistoricalDistrict") in found
    # Reference data and people are shared by every district: never exported or deleted.
    assert User not in found
    assert apps.get_model("rubric", "Item") not in found


def test_round_trip_of_the_demo_district_is_identical(
    db, tmp_path, django_capture_on_commit_callbacks
):
    district, job, material = _demo_with_files()
    before = district_snapshot(district=district)
    files_before = _files(district)
    assert before["goals.HistoricalGoal"] and before["vision.CommitteeRole_members"]
    assert set(files_before.values()) == {PDF, ATTACHMENT}
    assert sum(len(rows) for rows in before.values()) > 500
    archive = tmp_path / "riverbend.zip"
    call_command("export_district", "riverbend", "--output", str(archive))

    with django_capture_on_commit_callbacks(execute=True):
        call_command("delete_district", "riverbend", "--yes")
    assert not District.objects.filter(slug="riverbend").exists()
    assert not default_storage.exists(job.file.name)
    assert not default_storage.exists(material.file.name)

    call_command("import_district", str(archive))
    restored = District.objects.get(slug="riverbend")
    after = district_snapshot(district=restored)
    assert after.keys() == before.keys()
    for label, rows in before.items():
        assert after[label] == rows, label
    assert _files(restored) == files_before
    # The restored site works again: the lead can open the current cycle's dashboard.
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(email="lead@riverbend.example"))
    assert client.get("/d/riverbend/2026-27/").status_code == 200


def test_archive_holds_no_password_hashes_and_lists_its_tables(db, tmp_path):
    district, _job, _material = _demo_with_files()
    archive = tmp_path / "a.zip"
    manifest = district_export(district=district, output=archive)
    with zipfile.ZipFile(archive) as zipped:
        users = json.loads(zipped.read("users.json"))
        everything = b"".join(zipped.read(name) for name in zipped.namelist())
        for label, count in manifest["tables"].items():
            assert len(json.loads(zipped.read(f"data/{label}.json"))) == count
    emails = {u["email"] for u in users}
    assert "lead@riverbend.example" in emails
    assert all("password" not in u for u in users)
    for user in User.objects.all():
        assert user.password.encode() not in everything


def test_import_into_a_fresh_site_creates_accounts_without_passwords(db, tmp_path):
    district, _job, _material = _demo_with_files()
    archive = tmp_path / "a.zip"
    district_export(district=district, output=archive)
    before = district_snapshot(district=district)
    district_delete(district=district)
    User.objects.filter(email__endswith="@riverbend.example").delete()
    restored = district_import(source=archive)
    lead = User.objects.get(email="lead@riverbend.example")
    assert not lead.has_usable_password()
    assert restored.memberships.get(user=lead).role == "lead"
    after = district_snapshot(district=restored)
    assert {label: len(rows) for label, rows in after.items()} == {
        label: len(rows) for label, rows in before.items()
    }


def test_import_refuses_an_existing_district_and_broken_archives(db, tmp_path):
    district, _job, _material = _demo_with_files()
    archive = tmp_path / "a.zip"
    district_export(district=district, output=archive)
    count = AuditEvent.objects.count()
    with pytest.raises(ArchiveError, match="already exists"):
        district_import(source=archive)
    with pytest.raises(CommandError, match="already exists"):
        call_command("import_district", str(archive))
    not_zip = tmp_path / "not.zip"
    not_zip.write_bytes(b"hello")
    with pytest.raises(CommandError, match="not a zip archive"):
        call_command("import_district", str(not_zip))
    with pytest.raises(CommandError, match="No file"):
        call_command("import_district", str(tmp_path / "missing.zip"))
    empty = io.BytesIO()
    with zipfile.ZipFile(empty, "w") as zipped:
        zipped.writestr("readme.txt", "nothing")
    empty.seek(0)
    with pytest.raises(ArchiveError, match=r"manifest\.json"):
        district_import(source=empty)
    assert AuditEvent.objects.count() == count


def test_delete_removes_every_row_of_the_district_and_nothing_of_the_other(
    cast, django_capture_on_commit_callbacks
):
    from sel_planner.reports.models import ReportJob

    for cycle in (cast.cycle, cast.other_cycle):
        GoalFactory(cycle=cycle, statement="Belonging grows")
        ReportJobFactory(cycle=cycle, done=True, file__data=PDF)
    a_file = ReportJob.objects.get(cycle=cast.cycle).file.name
    b_file = ReportJob.objects.get(cycle=cast.other_cycle).file.name
    gone = district_rows(district=cast.district)
    other_before = district_snapshot(district=cast.other_district)
    history_rows = {
        m: m._base_manager.count() for m in district_models() if m.__name__.startswith("Historical")
    }
    district_pk, cycle_pks = cast.district.pk, {cast.cycle.pk}

    with django_capture_on_commit_callbacks(execute=True):
        call_command("delete_district", "riverbend", "--yes")

    for model in gone.models:
        assert not model._base_manager.filter(pk__in=gone.pks[model]).exists(), model
        for f in model._meta.concrete_fields:
            if f.is_relation and f.related_model is District:
                assert not model._base_manager.filter(**{f.attname: district_pk}).exists()
            if f.is_relation and f.related_model is PlanningCycle:
                assert not model._base_manager.filter(**{f"{f.attname}__in": cycle_pks}).exists()
    assert not District.history.filter(id=district_pk).exists()
    assert not AuditEvent.objects.filter(district_id=district_pk).exists()
    # Deleting wrote no new history, removed the district's file and kept the other's.
    for model, count in history_rows.items():
        assert model._base_manager.count() <= count, model
    assert not default_storage.exists(a_file)
    assert default_storage.exists(b_file)
    assert district_snapshot(district=cast.other_district) == other_before
    # People keep their accounts; only the membership went.
    assert User.objects.filter(email="lead@a.example").exists()


def test_delete_asks_first_and_deletes_nothing_on_a_wrong_answer(cast, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "lakeside")
    with pytest.raises(CommandError, match="Nothing was deleted"):
        call_command("delete_district", "riverbend")
    assert District.objects.filter(slug="riverbend").exists()
    monkeypatch.setattr("builtins.input", lambda prompt: "riverbend")
    call_command("delete_district", "riverbend")
    assert not District.objects.filter(slug="riverbend").exists()
    assert District.objects.filter(slug="lakeside").exists()


def test_commands_refuse_an_unknown_district(db, tmp_path):
    with pytest.raises(CommandError, match="No district called nowhere"):
        call_command("delete_district", "nowhere", "--yes")
    with pytest.raises(CommandError, match="No district called nowhere"):
        call_command("export_district", "nowhere", "--output", str(tmp_path / "x.zip"))
    with pytest.raises(CommandError, match="does not exist"):
        call_command("export_district", "nowhere", "--output", "/no/such/folder/x.zip")


def test_export_is_recorded_in_the_audit_log(cast, tmp_path):
    call_command("export_district", "riverbend", "--output", str(tmp_path / "x.zip"))
    event = AuditEvent.objects.get(district=cast.district)
    assert event.action == "export"
    assert event.details["by"] == "command line"
    assert event.details["rows"] > 0
    assert not AuditEvent.objects.filter(district=cast.other_district).exists()


def _upload(client, cycle, name: str, content: bytes, code=None) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    place = {"district": cycle.district.slug, "cycle": cycle.slug}
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    data = {"kind": "plan", "title": name, "text": "", "file": upload}
    if code is None:
        url = reverse("vision:material_create", kwargs=place)
    else:
        url = reverse("vision:material_edit", kwargs={**place, "code": code})
        data["version"] = cycle.vision_material_set.get(code=code).version
    assert client.post(url, data).status_code == 302


def _media_files() -> list[str]:
    from pathlib import Path

    root = Path(default_storage.location)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def _replaced_and_removed(cast):
    """District A's materials: one uploaded then replaced, one uploaded then removed."""
    from django.urls import reverse

    from vision.models import Material

    client = cast.client("member")
    _upload(client, cast.cycle, "first.pdf", b"%PDF first version")
    kept = Material.objects.get(cycle=cast.cycle)
    _upload(client, cast.cycle, "second.pdf", b"%PDF second version", code=kept.code)
    _upload(client, cast.cycle, "gone.pdf", b"%PDF removed later")
    removed = Material.objects.get(cycle=cast.cycle, title="gone.pdf")
    place = {"district": "riverbend", "cycle": cast.cycle.slug, "code": removed.code}
    assert client.post(reverse("vision:material_delete", kwargs=place)).status_code == 302
    assert list(Material.objects.filter(cycle=cast.cycle).values_list("title", flat=True)) == [
        "second.pdf"
    ]


def test_delete_leaves_no_file_of_the_district_in_the_media_folder(
    cast, django_capture_on_commit_callbacks
):
    from vision.services import vision_setup

    vision_setup(cycle=cast.other_cycle)
    _upload(cast.client("outsider"), cast.other_cycle, "theirs.pdf", b"%PDF the other district")
    theirs = _media_files()
    _replaced_and_removed(cast)
    assert len(_media_files()) == len(theirs) + 3

    with django_capture_on_commit_callbacks(execute=True):
        call_command("delete_district", "riverbend", "--yes")

    assert _media_files() == theirs


def test_files_only_history_names_are_exported_and_imported_again(
    cast, tmp_path, django_capture_on_commit_callbacks
):
    _replaced_and_removed(cast)
    contents = {b"%PDF first version", b"%PDF second version", b"%PDF removed later"}
    archive = tmp_path / "a.zip"
    manifest = district_export(district=cast.district, output=archive)
    with zipfile.ZipFile(archive) as zipped:
        stored = {zipped.read(name) for name in zipped.namelist() if name.startswith("files/")}
    assert stored == contents
    assert len(manifest["files"]) == 3
    with django_capture_on_commit_callbacks(execute=True):
        district_delete(district=cast.district)
    assert _media_files() == []

    district_import(source=archive)
    assert {default_storage.open(name).read() for name in _media_files()} == contents


def test_admin_log_entries_of_the_district_go_with_it(cast, django_capture_on_commit_callbacks):
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    admin = User.objects.create_superuser(email="root@platform.example", password="x")

    def logged(obj):
        return LogEntry.objects.create(
            user=admin,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            object_repr=str(obj),
            action_flag=CHANGE,
        )

    priority = PriorityFactory(cycle=cast.cycle)
    for obj in (cast.district, cast.cycle, cast.school, priority):
        logged(obj)
    theirs = [logged(cast.other_district).pk, logged(cast.other_cycle).pk, logged(cast.lead).pk]

    with django_capture_on_commit_callbacks(execute=True):
        call_command("delete_district", "riverbend", "--yes")

    assert sorted(LogEntry.objects.values_list("pk", flat=True)) == sorted(theirs)


def test_people_outside_the_district_are_named_nowhere_in_its_archive(db, tmp_path):
    from sel_planner.accounts.models import Invitation
    from sel_planner.accounts.services import invitation_create
    from sel_planner.districts.models import AuditAction, Role
    from sel_planner.districts.services import audit_record

    call_command("seed_demo", stdout=io.StringIO())
    district = District.objects.get(slug="riverbend")
    admin = User.objects.get(email="admin@riverbend.example")
    admin.full_name = "Morgan Okafor"  # the demo's "Platform Admin" reads like the label itself
    admin.save(update_fields=["full_name"])
    # What a platform administrator leaves in a district: the first lead's invitation, an edit of
    # the district in the admin, an entry in its audit log.
    invitation_create(
        district=district, email="newlead@riverbend.example", role=Role.LEAD, invited_by=admin
    )
    district.name = "Riverbend Unified School District"
    district._history_user = admin
    district.save()
    audit_record(district=district, actor=admin, action=AuditAction.EXPORT, rows=1, files=0)
    archive = tmp_path / "a.zip"
    district_export(district=district, output=archive)

    with zipfile.ZipFile(archive) as zipped:
        everything = b"".join(zipped.read(name) for name in zipped.namelist()).lower()
        users = json.loads(zipped.read("users.json"))
        events = json.loads(zipped.read("data/districts.AuditEvent.json"))
    assert admin.email.encode() not in everything
    assert admin.full_name.lower().encode() not in everything
    assert admin.pk not in {user["pk"] for user in users}
    assert "lead@riverbend.example" in {user["email"] for user in users}
    assert [event["fields"]["details"]["by"] for event in events] == ["a platform administrator"]

    district_delete(district=district)
    restored = district_import(source=archive)
    invitation = Invitation.objects.get(district=restored, email="newlead@riverbend.example")
    assert invitation.invited_by is None
    assert restored.history.latest().history_user is None
    assert restored.audit_events.get().actor is None
    assert restored.memberships.get(user__email="lead@riverbend.example").role == Role.LEAD


def test_import_never_replaces_a_file_of_another_district(
    cast, tmp_path, django_capture_on_commit_callbacks
):
    from vision.models import Material
    from vision.services import vision_setup

    _upload(cast.client("member"), cast.cycle, "plan.pdf", b"%PDF ours")
    archive = tmp_path / "a.zip"
    district_export(district=cast.district, output=archive)
    with django_capture_on_commit_callbacks(execute=True):
        district_delete(district=cast.district)
    vision_setup(cycle=cast.other_cycle)
    _upload(cast.client("outsider"), cast.other_cycle, "plan.pdf", b"%PDF theirs")
    theirs = Material.objects.get(cycle=cast.other_cycle).file.name
    with zipfile.ZipFile(archive) as zipped:
        assert json.loads(zipped.read("manifest.json"))["files"][0]["name"] == theirs

    restored = district_import(source=archive)

    assert default_storage.open(theirs).read() == b"%PDF theirs"
    ours = Material.objects.get(cycle__district=restored)
    assert ours.file.name != theirs
    assert default_storage.open(ours.file.name).read() == b"%PDF ours"
    assert {record.file for record in ours.history.all()} == {ours.file.name}
