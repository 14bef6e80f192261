"""The SMARTIE check: letter by letter, which criterion a goal still leaves unanswered or weak.

It guides and never blocks. Each rule is deliberately simple so a committee can see why a
letter is flagged; the hints are the workbook's own definitions.
"""

import re
from dataclasses import dataclass

from .models import GOAL_QUESTIONS

DEFINITIONS = [
    ("S", "Specific", "The goal clearly states what will be accomplished, where, and by whom."),
    (
        "M",
        "Measurable",
        "The goal includes a measurable outcome. The team will be able to know whether the goal "
        "has been accomplished by looking at measurable evidence.",
    ),
    (
        "A",
        "Attainable",
        "The goal can be reasonably achieved given the current status of the district and any "
        "prior progress toward the goal.",
    ),
    (
        "R",
        "Relevant",
        "The goal matters for improving the quality of students' educational experience and aligns "
        "with district priorities and improvement goals.",
    ),
    (
        "T",
        "Time-bound",
        "The goal includes a specific time frame for achievement and regular, shorter-term "
        "benchmarks to check in on interim progress before the final goal deadline.",
    ),
    (
        "I",
        "Inclusive",
        "The goal invites members of traditionally excluded or marginalized groups to make "
        "decisions and contribute in a way that shares power.",
    ),
    (
        "E",
        "Equitable",
        "The goal includes an element of fairness or justice that seeks to address systemic "
        "injustice, inequity, or oppression.",
    ),
]

NUMBER = re.compile(r"\d")
YEAR_WORDS = re.compile(r"\b(19|20)\d{2}\b|\byears?\b|\bannual(ly)?\b|\beach year\b", re.IGNORECASE)
SUBGROUP_WORDS = re.compile(
    r"subgroup|disaggregat|racial|race|ethnic|gender|disabilit|special education|income|"
    r"socioeconomic|english (language )?learner|multilingual|homeless|foster|demographic|"
    r"disparit|all students",
    re.IGNORECASE,
)
SHORT_ANSWER = 25
STATE_LABELS = {"ok": "Answered", "weak": "Could be stronger", "missing": "Not answered yet"}


@dataclass(frozen=True)
class Letter:
    letter: str
    name: str
    state: str  # "ok", "weak" or "missing"
    hint: str
    definition: str

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


def _text(goal, name) -> str:
    return (getattr(goal, name, "") or "").strip()


def _rule_specific(goal):
    change, who = _text(goal, "change"), _text(goal, "stakeholders")
    if not change or not who:
        return "missing", "Say what change will occur and who is involved and affected."
    if len(change) < SHORT_ANSWER:
        return "weak", "Describe what the change would look like in action."
    return "ok", ""


def _rule_measurable(goal):
    measure, how_much = _text(goal, "measurement"), _text(goal, "how_much")
    if not measure:
        return "missing", "Name the data source and when measurement takes place."
    if not (NUMBER.search(how_much) or goal.target_value is not None):
        return "weak", "Give a number under “by how much”, for example 90% of students."
    return "ok", ""


def _rule_attainable(goal):
    has_target = goal.target_value is not None or _text(goal, "target_text")
    has_baseline = goal.baseline_value is not None or _text(goal, "baseline_text")
    if not has_target:
        return "missing", "Set a target the committee believes is feasible yet ambitious."
    if not has_baseline:
        return (
            "weak",
            "Identify baseline district data, or data from districts that did similar SEL work.",
        )
    return "ok", ""


def _rule_relevant(goal):
    if not _text(goal, "stakeholders"):
        return "missing", "Say who will be primarily involved with and affected by this change."
    if goal.priority_id is None:
        return "weak", "Tie the goal to one of the key SEL priorities from the vision."
    return "ok", ""


def _rule_time_bound(goal):
    if goal.target_year is None:
        return "missing", "Choose the school year by which the goal will be achieved."
    if not (
        YEAR_WORDS.search(_text(goal, "statement")) or YEAR_WORDS.search(_text(goal, "how_much"))
    ):
        return (
            "weak",
            "Mention the time frame in the goal statement, for example “five years from now”.",
        )
    if not _text(goal, "schedule"):
        return "weak", "Add the measurement schedule: when progress will be checked along the way."
    return "ok", ""


def _rule_inclusive(goal):
    inclusion = _text(goal, "inclusion")
    if not inclusion:
        return (
            "missing",
            "Say how traditionally excluded or marginalized groups take part and benefit.",
        )
    if len(inclusion) < SHORT_ANSWER:
        return "weak", "Say more about who decides and contributes."
    return "ok", ""


def _rule_equitable(goal):
    equity = _text(goal, "equity")
    if not equity:
        return (
            "missing",
            "Say how disparities in outcomes between subgroups will be eliminated or decreased.",
        )
    if not SUBGROUP_WORDS.search(equity):
        return (
            "weak",
            "Name the subgroups whose outcomes will be compared, or how data will be "
            "disaggregated.",
        )
    return "ok", ""


RULES = {
    "S": _rule_specific,
    "M": _rule_measurable,
    "A": _rule_attainable,
    "R": _rule_relevant,
    "T": _rule_time_bound,
    "I": _rule_inclusive,
    "E": _rule_equitable,
}


def statement_check(goal) -> tuple[str, str]:
    """The goal statement should gather its parts: flag one much shorter than what it summarises."""
    statement = _text(goal, "statement")
    if not statement:
        return "missing", "Write the goal statement that incorporates all SMARTIE criteria."
    parts = sum(len(_text(goal, name)) for name in GOAL_QUESTIONS)
    if parts and len(statement) < parts / 4:
        return (
            "weak",
            "The statement is much shorter than the answers above: make sure it carries each "
            "criterion.",
        )
    return "ok", ""


def smartie_check(goal) -> list[Letter]:
    """Each SMARTIE letter with its state and, when not ok, a hint."""
    return [
        Letter(letter, name, *RULES[letter](goal), definition)
        for letter, name, definition in DEFINITIONS
    ]
