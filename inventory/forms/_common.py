"""What the inventory's forms share: every model choice is narrowed to the cycle or its district."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import name_key

MENTION_FIELDS = [
    "name",
    "q3_began",
    "q4_still",
    "q5_goals",
    "q6_how_well",
    "q7_evidence",
    "reports_on_hand",
    "q8_public",
    "q8_share",
    "q9_resources",
    "q10_challenges",
    "q11_else",
]


def program_name_clean(name: str) -> str:
    """The program's name stripped, or ValidationError when it has no letter or digit."""
    name = name.strip()
    if not name_key(name):
        raise ValidationError(_("Give the program's name in letters or digits."))
    return name
