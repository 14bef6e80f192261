from django import forms
from django.utils.translation import gettext_lazy as _

from sel_planner.districts.text import Form


class ImportForm(Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("Use the inventory table's column headings, as in the exported file."),
    )
