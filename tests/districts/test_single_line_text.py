"""One-line text fields refuse control characters in every form; emails stay one line."""

import copy
import importlib
import pkgutil

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from sel_planner.districts.models import District, Role
from sel_planner.districts.text import (
    SingleLineTextMixin,
    SingleLineValidator,
    is_single_line_field,
    single_line,
    single_line_fields_checked,
)

CONTROL_CHARACTERS = ["\r\n", "\n", "\r", "\t", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028"]
CONTROL_CHARACTERS += ["\u2029"]
HEADER_INJECTION = "Riverbend Unified\r\nBcc: attacker@evil.example"
PROJECT_PACKAGES = [
    "sel_planner",
    "vision",
    "goals",
    "inventory",
    "roadmap",
    "actionplan",
    "rubric",
]


def _project_form_classes() -> list[type]:
    for package_name in PROJECT_PACKAGES:
        package = importlib.import_module(package_name)
        for module in pkgutil.walk_packages(package.__path__, f"{package_name}."):
            if ".migrations" not in module.name and ".management" not in module.name:
                importlib.import_module(module.name)
    found, pending = [], [forms.BaseForm]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if subclass.__module__.split(".")[0] in PROJECT_PACKAGES:
                found.append(subclass)
    return found


FORM_CLASSES = _project_form_classes()


def _control_character_errors(field, value) -> list[ValidationError]:
    try:
        field.run_validators(value)
    except ValidationError as error:
        return [e for e in error.error_list if e.code == SingleLineValidator.code]
    return []


def test_the_walk_finds_the_project_forms():
    names = {f"{cls.__module__}.{cls.__name__}" for cls in FORM_CLASSES}
    assert "sel_planner.districts.forms.DistrictSettingsForm" in names
    assert "inventory.forms.public.SurveyAnswerForm" in names
    assert len(FORM_CLASSES) >= 60


@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_every_one_line_field_of_every_form_refuses_control_characters(form_class):
    assert issubclass(form_class, SingleLineTextMixin)
    fields = copy.deepcopy(form_class.base_fields)
    single_line_fields_checked(fields)
    for name, field in fields.items():
        if is_single_line_field(field):
            for char in CONTROL_CHARACTERS:
                assert _control_character_errors(field, f"one{char}two"), (name, char)
            assert not _control_character_errors(field, "Riverbend Unified – K‑12 (ß, é)")
        elif isinstance(field, forms.CharField) and isinstance(field.widget, forms.Textarea):
            assert not _control_character_errors(field, "first line\r\nsecond line\n\tthird")


def test_every_admin_form_refuses_control_characters():
    checked = 0
    for model in apps.get_models():
        if model.__module__.split(".")[0] not in PROJECT_PACKAGES:
            continue  # Django's own (groups) are not the project's forms
        try:
            model_admin = admin.site.get_model_admin(model)
        except admin.sites.NotRegistered:
            continue
        admin_forms = [model_admin.form, getattr(model_admin, "add_form", model_admin.form)]
        admin_forms += [inline.form for inline in model_admin.inlines]
        for form_class in admin_forms:
            assert issubclass(form_class, SingleLineTextMixin), (model, form_class)
            checked += 1
    assert checked >= 8


def test_fields_added_by_a_forms_own_init_are_covered():
    class Questions(SingleLineTextMixin, forms.Form):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["answer"] = forms.CharField()
            self.fields["notes"] = forms.CharField(widget=forms.Textarea)

    form = Questions({"answer": "yes\x1b[2J", "notes": "line one\r\nline two"})
    assert not form.is_valid()
    assert list(form.errors) == ["answer"]
    assert form.cleaned_data["notes"] == "line one\r\nline two"


@pytest.mark.parametrize("char", CONTROL_CHARACTERS)
def test_the_district_name_refuses_control_characters_beside_the_field(cast, char):
    url = reverse("districts:settings", kwargs={"district": "riverbend"})
    data = {
        "name": f"Riverbend Unified{char}Bcc: attacker@evil.example",
        "state": cast.district.state,
        "timezone": cast.district.timezone,
        "student_count": cast.district.student_count or "",
        "version": cast.district.version,
    }
    response = cast.client("lead").post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [SingleLineValidator.message]
    assert "without line breaks" in response.content.decode()
    cast.district.refresh_from_db()
    assert cast.district.name == "Riverbend Unified"


def test_single_line_turns_control_characters_into_one_space():
    assert single_line(HEADER_INJECTION) == "Riverbend Unified Bcc: attacker@evil.example"
    assert single_line("a\x0b\x1bb\u2028 c\x85") == "a b c"
    assert single_line("Riverbend – K‑12") == "Riverbend – K‑12"


def _break_the_name(district):
    # A name stored before names were checked, or brought in by an archive.
    District.objects.filter(pk=district.pk).update(name=HEADER_INJECTION)


def test_an_invitation_from_a_district_with_a_broken_name_is_still_sent(
    cast, django_capture_on_commit_callbacks
):
    _break_the_name(cast.district)
    with django_capture_on_commit_callbacks(execute=True):
        response = cast.client("lead").post(
            reverse("districts:member_invite", kwargs={"district": "riverbend"}),
            {"email": "new@a.example", "role": Role.MEMBER},
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == (
        "You are invited to Riverbend Unified Bcc: attacker@evil.example's SEL planning"
    )
    assert message.recipients() == ["new@a.example"]
    assert "attacker" not in str(message.message()["Bcc"])


def _digest_for_each_district(cast):
    from django.utils import timezone

    from ..actionplan.helpers import activity, annual_goal, milestone

    today = timezone.localdate()
    activity(milestone(annual_goal(cast.cycle)), action="a", due=today, owner=cast.member)
    activity(milestone(annual_goal(cast.other_cycle)), action="b", due=today, owner=cast.outsider)
    return today


def test_a_broken_district_name_does_not_stop_any_digest(cast):
    from actionplan.services import reminder_send_digests

    today = _digest_for_each_district(cast)
    _break_the_name(cast.district)
    sent = reminder_send_digests(today=today)
    assert sorted(s["email"] for s in sent) == ["member@a.example", "outsider@b.example"]
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["member@a.example"] == (
        "Your SEL activities this week: Riverbend Unified Bcc: attacker@evil.example"
    )
    assert all(m.recipients() == m.to for m in mail.outbox)


def test_one_digest_that_fails_to_send_never_stops_the_others(cast, monkeypatch, caplog):
    import actionplan.services

    today = _digest_for_each_district(cast)
    real_send_mail = actionplan.services.send_mail

    def send_mail_failing_for_riverbend(**kwargs):
        if "Riverbend" in kwargs["subject"]:
            raise ConnectionRefusedError("the mail server hung up")
        return real_send_mail(**kwargs)

    monkeypatch.setattr(actionplan.services, "send_mail", send_mail_failing_for_riverbend)
    # Riverbend's memberships come first, so its failure would stop the loop before Lakeside.
    sent = actionplan.services.reminder_send_digests(today=today)
    assert [s["email"] for s in sent] == ["outsider@b.example"]
    assert [m.to for m in mail.outbox] == [["outsider@b.example"]]
    assert "riverbend was not sent" in caplog.text
