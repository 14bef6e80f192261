"""templates/bootstrap5/ holds leaner copies of crispy-forms' Bootstrap 5 field templates.

They must give the markup of the originals for every kind of field the forms here use, empty,
with errors and filled in, but for what makes a field's accessible name its label: no space
around a label's text, the asterisk hidden from assistive technology, a required select marked
aria-required. This compares the two renderings.
"""

import re

import pytest
from crispy_forms.templatetags import crispy_forms_filters
from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import engines
from django.test import override_settings


class EveryKind(forms.Form):
    text = forms.CharField(label="Text", help_text="Some help", widget=forms.Textarea)
    line = forms.CharField(label="Line", max_length=3)
    optional = forms.CharField(label="Optional", required=False, help_text="Or not")
    pick = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], help_text="Pick one")
    many = forms.MultipleChoiceField(
        choices=[("1", "One"), ("2", "Two")],
        widget=forms.CheckboxSelectMultiple,
        help_text="As many as apply",
    )
    radio = forms.ChoiceField(choices=[("x", "X"), ("y", "Y")], widget=forms.RadioSelect)
    grouped = forms.MultipleChoiceField(
        choices=[("G1", [("p", "P"), ("q", "Q")]), ("G2", [("r", "R")])],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    agree = forms.BooleanField(label="Agree", help_text="Say yes")
    maybe = forms.BooleanField(label="Maybe", required=False)
    upload = forms.FileField(label="Upload", help_text="A file")
    when = forms.DateField(label="When")
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        raise forms.ValidationError("The whole form has a problem.")


STATES = {
    "empty": {},
    "with errors": {"data": {"line": "too long", "many": ["3"], "radio": "z", "when": "no"}},
    "filled in": {
        "data": {
            "text": "t",
            "line": "ok",
            "pick": "a",
            "many": ["1"],
            "radio": "x",
            "agree": "on",
            "when": "2026-01-01",
        },
        "files": {"upload": SimpleUploadedFile("a.txt", b"x")},
    },
}

PAGE = (
    "{% load crispy_forms_tags %}{{ form|crispy }}"
    "{{ form.many|as_crispy_field }}{{ form.text|as_crispy_field }}{{ form.agree|as_crispy_field }}"
)


def _normal(html: str) -> str:
    html = re.sub(r"\s+", " ", html)
    html = re.sub(r">\s+<", "><", html)
    html = re.sub(r"\s+>", ">", html)
    return html.replace("><", ">\n<")


def _render(state) -> str:
    crispy_forms_filters.uni_form_template.cache_clear()
    kwargs = STATES[state]
    form = EveryKind(kwargs.get("data"), kwargs.get("files")) if kwargs else EveryKind()
    return _normal(engines["django"].from_string(PAGE).render({"form": form}))


@pytest.mark.parametrize("state", STATES)
def test_the_lean_field_templates_give_crispy_forms_own_markup(state):
    ours = _render(state)
    assert 'id="div_id_text"' in ours
    if state == "with errors":
        assert ours.count('class="invalid-feedback"') >= 8
    originals = [{**settings.TEMPLATES[0], "DIRS": []}]
    with override_settings(TEMPLATES=originals):
        theirs = _render(state)
    crispy_forms_filters.uni_form_template.cache_clear()
    assert ours == _named_by_their_labels(theirs)


def _named_by_their_labels(html: str) -> str:
    """The originals' markup with the differences the lean templates make on purpose."""
    html = re.sub(r"(<(?:label|legend)[^>]*>) ", r"\1", html)
    html = re.sub(r" (</label>|</legend>)", r"\1", html)
    html = html.replace(
        '<span class="asteriskField">', '<span class="asteriskField" aria-hidden="true">'
    )
    return re.sub(
        r'(<select name="pick" class="[^"]*form-select[^"]*")', r'\1 aria-required="true"', html
    )


def test_a_required_fields_label_is_read_without_its_asterisk():
    html = _render("empty")
    assert '<label for="id_line" class="form-label requiredField">Line<span' in html
    assert '<span class="asteriskField" aria-hidden="true">*</span>' in html
    assert '<span class="asteriskField">' not in html
    assert re.search(r'<input type="text" name="line"[^>]* required', html)
    assert re.search(r'<select name="pick"[^>]* aria-required="true"', html)
