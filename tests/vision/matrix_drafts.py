"""Access-matrix rules of the vision's step 4 (drafts, final vision) and step 5 (feedback)."""

from sel_planner.districts.access import Need
from tests.access_rules import Rule, _cycle
from tests.factories import DraftFactory, FeedbackRoundFactory


def _draft(cast, **fields):
    return DraftFactory(cycle=cast.cycle, author=cast.member, **fields)


def _cycle_draft(cast):
    return {**_cycle(cast), "code": _draft(cast).code}


def _round(cast):
    return FeedbackRoundFactory(draft=_draft(cast))


def _cycle_round(cast):
    return {**_cycle(cast), "code": _round(cast).code}


def _cycle_with_round(cast):
    _round(cast)
    return _cycle(cast)


def _cycle_with_draft(cast):
    _draft(cast)
    return _cycle(cast)


RULES = {
    "vision:drafts": Rule(_cycle_with_draft, get=Need.READ),
    "vision:draft_create": Rule(_cycle, get=Need.EDIT, post=Need.EDIT),
    "vision:draft_compare": Rule(_cycle_with_draft, get=Need.READ),
    "vision:draft_edit": Rule(_cycle_draft, get=Need.EDIT, post=Need.EDIT),
    "vision:draft_delete": Rule(_cycle_draft, get=Need.EDIT, post=Need.EDIT),
    "vision:draft_finalise": Rule(_cycle_draft, get=Need.LEAD, post=Need.LEAD),
    "vision:feedback": Rule(_cycle_with_round, get=Need.READ),
    "vision:feedback_create": Rule(_cycle_with_draft, get=Need.EDIT, post=Need.EDIT),
    "vision:feedback_timeline": Rule(_cycle, get=Need.EDIT, post=Need.EDIT),
    "vision:feedback_round": Rule(_cycle_round, get=Need.READ, post=Need.EDIT),
    "vision:feedback_close": Rule(_cycle_round, post=Need.EDIT),
}
