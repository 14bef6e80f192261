"""One-line text: form fields that refuse control characters, and text made safe for one line.

A one-line field is a form CharField (email, URL and slug fields included) whose widget is not
a text area; passwords are left alone, since they are only ever hashed. Every form of the
project subclasses `Form` or `ModelForm` from here (`VersionedModelForm` does), so each of its
one-line fields refuses line breaks and other control characters with a message beside the
field, while text areas keep their line breaks. Text that was stored before this rule, or that
came in another way, goes through `single_line` wherever one line is required (email subjects).
"""

import unicodedata
from typing import TYPE_CHECKING

from django import forms
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Control characters (C0, DEL, C1 such as NEL), and the Unicode line and paragraph separators.
CONTROL_CATEGORIES = {"Cc", "Zl", "Zp"}


def has_control_characters(text: str) -> bool:
    return any(unicodedata.category(char) in CONTROL_CATEGORIES for char in text)


def single_line(text: str) -> str:
    """The text on one line: each run of control characters and spaces becomes one space."""
    words = "".join(
        " " if unicodedata.category(char) in CONTROL_CATEGORIES else char for char in str(text)
    )
    return " ".join(words.split())


@deconstructible
class SingleLineValidator:
    message = _("Enter this on one line, without line breaks, tabs or other control characters.")
    code = "control_characters"

    def __call__(self, value):
        if isinstance(value, str) and has_control_characters(value):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, SingleLineValidator)


def is_single_line_field(field: forms.Field) -> bool:
    return isinstance(field, forms.CharField) and not isinstance(
        field.widget, forms.Textarea | forms.PasswordInput
    )


def single_line_fields_checked(fields) -> None:
    """Give every one-line field among `fields` (a form's fields) the single-line validator."""
    for field in fields.values():
        if is_single_line_field(field) and SingleLineValidator() not in field.validators:
            field.validators.append(SingleLineValidator())


# The base of a mixin that goes in front of a form class: to the type checker the form it
# extends, at run time nothing.
if TYPE_CHECKING:
    FormMixin = forms.BaseForm
else:
    FormMixin = object


class SingleLineTextMixin(FormMixin):
    """A form whose one-line text fields refuse control characters, line breaks included."""

    def full_clean(self):
        # At cleaning rather than at construction, so that fields a form adds in its own
        # __init__ (questions, survey items) are covered too.
        single_line_fields_checked(self.fields)
        super().full_clean()


class Form(SingleLineTextMixin, forms.Form):
    pass


class ModelForm(SingleLineTextMixin, forms.ModelForm):
    pass
