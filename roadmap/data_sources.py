"""The data sources a committee consults to measure SEL implementation and outcomes.

Shared reference data: the roadmap's data reflection rows pick from it, and the action plan's
"data needed to track progress" does too. Keys are stored in the database, so never rename one.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DataKind(models.TextChoices):
    IMPLEMENTATION = "implementation", _("Implementation data")
    OUTCOME = "outcome", _("Outcome data")


class DataSource(models.TextChoices):
    ADOPTION = "adoption", _("Adoption and reach")
    FIDELITY = "fidelity", _("Fidelity of implementation")
    PROFESSIONAL_LEARNING = (
        "professional_learning",
        _("Professional learning and PLC participation"),
    )
    WALKTHROUGHS = "walkthroughs", _("Walkthrough observations")
    RUBRIC = "rubric", _("Districtwide SEL Implementation Rubric")
    INVENTORY = "inventory", _("Program and Initiative Inventory")
    SEL_ASSESSMENT = (
        "sel_assessment",
        _("Student performance on assessment of student social and emotional competence"),
    )
    CLIMATE_SURVEY = "climate_survey", _("School and classroom climate survey")
    ATTENDANCE = "attendance", _("Attendance")
    DISCIPLINE = "discipline", _("Discipline (office referrals, suspensions)")
    GRADES = "grades", _("Grades")
    STAFF_SURVEY = "staff_survey", _("Staff surveys")


_IMPLEMENTATION = {
    DataSource.ADOPTION,
    DataSource.FIDELITY,
    DataSource.PROFESSIONAL_LEARNING,
    DataSource.WALKTHROUGHS,
    DataSource.RUBRIC,
    DataSource.INVENTORY,
}

# (key, label, kind) of every source, in the order the lists show them.
DATA_SOURCES: list[tuple[str, str, str]] = [
    (
        source.value,
        source.label,
        DataKind.IMPLEMENTATION if source in _IMPLEMENTATION else DataKind.OUTCOME,
    )
    for source in DataSource
]


def data_source_labels(keys) -> list[str]:
    """The labels of these source keys, in their order; an unknown key is shown as it is."""
    labels = dict(DataSource.choices)
    return [str(labels.get(key, key)) for key in keys]


def grouped_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Choices grouped under Implementation data and Outcome data, for a select or checkboxes."""
    return [
        (kind.label, [(key, label) for key, label, k in DATA_SOURCES if k == kind])
        for kind in DataKind
    ]


class Timing(models.TextChoices):
    """Whether data are gathered along the way (formative) or at the end of a period (summative)."""

    FORMATIVE = "formative", _("Formative")
    SUMMATIVE = "summative", _("Summative")
    BOTH = "both", _("Formative and summative")
