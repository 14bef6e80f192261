"""The data sources a milestone can be tracked with: the same list as the roadmap's."""

from django.utils.translation import gettext_lazy as _

# Used until the roadmap's list is available; the keys stay stable.
LOCAL_SOURCES = [
    ("attendance", _("Student administrative data: attendance")),
    ("behavior", _("Student administrative data: behavior and discipline")),
    ("grades", _("Student administrative data: grades")),
    ("climate_students", _("School/classroom climate survey: students")),
    ("climate_staff", _("School/classroom climate survey: staff")),
    ("climate_families", _("School/classroom climate survey: families")),
    ("competence", _("Student social and emotional competence data")),
    ("fidelity", _("Program fidelity assessment")),
    ("walkthrough", _("SEL walkthrough data")),
    ("pl_attendance", _("Professional learning and PLC attendance")),
]


def data_source_choices() -> list[tuple[str, str]]:
    return list(LOCAL_SOURCES)


def data_source_labels(keys) -> list[str]:
    labels = dict(data_source_choices())
    return [str(labels.get(key, key)) for key in keys]
