"""An import preview is a row of its own for its uploader, not session data, and never outlives
its use or its expiry; expired sessions are cleared on a schedule too."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from inventory.models import ImportPreview, Program
from inventory.tasks import clear_expired_import_previews
from sel_planner.accounts.tasks import clear_expired_sessions
from sel_planner.districts.portability import district_delete, district_models


def _upload(client, url, *names):
    body = "Program/Initiative Name\r\n" + "".join(f"{name}\r\n" for name in names)
    upload = SimpleUploadedFile("inventory.csv", body.encode(), content_type="text/csv")
    return client.post(url("import_upload"), {"file": upload})


def test_the_preview_is_a_row_for_its_uploader_and_not_in_the_session(cast, url):
    client = cast.client("member")
    _upload(client, url, *(f"Program {n} " + "x" * 3000 for n in range(300)))
    preview = ImportPreview.objects.get()
    assert (preview.cycle, preview.uploaded_by, len(preview.rows)) == (cast.cycle, cast.member, 300)
    assert preview.expires_at > timezone.now()
    session = Session.objects.get(session_key=client.session.session_key)
    assert len(session.session_data) < 2_000  # the login, not 900 KB of rows
    assert "Program 299" in client.get(url("import_preview")).content.decode()


def test_another_editor_does_not_see_or_confirm_the_preview(cast, url):
    _upload(cast.client("member"), url, "PBIS")
    code = ImportPreview.objects.get().code
    lead = cast.client("lead")
    response = lead.get(url("import_preview"))
    assert response["Location"] == url("import_upload")
    lead.post(url("import_preview"), {"id": code})
    assert not Program.objects.exists()
    assert ImportPreview.objects.filter(code=code).exists()


def test_a_new_upload_replaces_the_persons_earlier_preview(cast, url):
    client = cast.client("member")
    _upload(client, url, "PBIS")
    first = ImportPreview.objects.get().code
    _upload(client, url, "Second Step")
    assert list(ImportPreview.objects.values_list("rows__0__values__name", flat=True)) == [
        "Second Step"
    ]
    client.post(url("import_preview"), {"id": first})
    assert not Program.objects.exists()


def test_confirming_removes_the_preview(cast, url):
    client = cast.client("member")
    _upload(client, url, "PBIS")
    response = client.post(url("import_preview"), {"id": ImportPreview.objects.get().code})
    assert response["Location"] == url("table")
    assert list(Program.objects.values_list("name", flat=True)) == ["PBIS"]
    assert not ImportPreview.objects.exists()


def test_cancelling_removes_the_preview_and_imports_nothing(cast, url):
    client = cast.client("member")
    _upload(client, url, "PBIS")
    code = ImportPreview.objects.get().code
    response = client.post(url("import_preview"), {"id": code, "cancel": "1"}, follow=True)
    assert "Nothing was imported." in response.content.decode()
    assert not ImportPreview.objects.exists()
    assert not Program.objects.exists()


def test_an_expired_preview_is_not_shown_and_the_scheduled_task_removes_it(cast, url):
    client = cast.client("member")
    _upload(client, url, "PBIS")
    _upload(cast.client("lead"), url, "Second Step")
    ImportPreview.objects.filter(uploaded_by=cast.member).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    code = ImportPreview.objects.get(uploaded_by=cast.member).code
    assert client.get(url("import_preview"))["Location"] == url("import_upload")
    client.post(url("import_preview"), {"id": code})
    assert not Program.objects.exists()
    assert clear_expired_import_previews.delay().get() == 1
    assert list(ImportPreview.objects.values_list("uploaded_by", flat=True)) == [cast.lead.pk]


def test_previews_expire_after_the_configured_time(cast, url, settings):
    settings.IMPORT_PREVIEW_SECONDS = 600
    before = timezone.now()
    _upload(cast.client("member"), url, "PBIS")
    expires = ImportPreview.objects.get().expires_at
    assert before + timedelta(seconds=600) <= expires <= timezone.now() + timedelta(seconds=600)


def test_expired_sessions_are_cleared_by_a_scheduled_task(cast):
    live = cast.client("member")
    live.get("/")
    old = cast.client("viewer")
    old.get("/")
    Session.objects.filter(session_key=old.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    clear_expired_sessions.delay().get()
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session.session_key]


def test_both_clean_ups_are_on_the_beat_schedule():
    schedule = settings.CELERY_BEAT_SCHEDULE
    tasks = {entry["task"] for entry in schedule.values()}
    assert {clear_expired_sessions.name, clear_expired_import_previews.name} <= tasks
    for entry in schedule.values():
        if entry["task"] in (clear_expired_sessions.name, clear_expired_import_previews.name):
            assert entry["schedule"].hour == set(range(24))  # every hour


def test_deleting_the_district_removes_its_previews_and_no_other(cast, url):
    _upload(cast.client("member"), url, "PBIS")
    ImportPreview.objects.create(
        cycle=cast.other_cycle, uploaded_by=cast.outsider, rows=[], expires_at=timezone.now()
    )
    assert ImportPreview in district_models()
    removed = district_delete(district=cast.district)
    assert removed["inventory.ImportPreview"] == 1
    assert list(ImportPreview.objects.values_list("cycle", flat=True)) == [cast.other_cycle.pk]


def test_previews_have_no_history():
    assert not hasattr(ImportPreview, "history")
