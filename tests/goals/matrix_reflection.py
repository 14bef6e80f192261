"""Access-matrix rules of the reflection and check-in."""

from sel_planner.districts.access import Need
from tests.access_rules import Rule, _cycle

RULES = {
    "goals:reflection": Rule(_cycle, get=Need.READ, post=Need.EDIT),
    "goals:discussion_notes": Rule(_cycle, get=Need.LEAD, post=Need.LEAD),
}
