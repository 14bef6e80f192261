"""Access-matrix rules of the rubric pages."""

from sel_planner.districts.access import Need
from tests.access_rules import Rule, _cycle


def _cycle_assessment(cast, **fields):
    from tests.factories import AssessmentFactory

    assessment = AssessmentFactory(cycle=cast.cycle, revealed=True, **fields)
    return {**_cycle(cast), "assessment": assessment.code}


def _cycle_assessment_item(cast):
    return {**_cycle_assessment(cast), "item": "1-C"}


def _cycle_consensus(cast):
    from rubric.models import Assessment, Consensus, Item

    kwargs = _cycle_assessment_item(cast)
    assessment = Assessment.objects.get(code=kwargs["assessment"])
    consensus = Consensus.objects.create(
        assessment=assessment,
        cycle=cast.cycle,
        item=Item.objects.get(code="1-C"),
        score=2,
        rationale="First.",
    )
    consensus.score, consensus.rationale = 3, "Second."
    consensus.save()
    return kwargs


def _cycle_consensus_restore(cast):
    from rubric.models import Consensus

    kwargs = _cycle_consensus(cast)
    first = Consensus.history.order_by("history_date").first()
    return {**kwargs, "history_id": first.history_id}


RULES = {
    "rubric:home": Rule(_cycle, get=Need.READ),
    "rubric:items": Rule(_cycle, get=Need.READ),
    "rubric:item": Rule(lambda cast: {**_cycle(cast), "item": "1-E"}, get=Need.READ),
    "rubric:assessment_create": Rule(_cycle, get=Need.LEAD, post=Need.LEAD),
    "rubric:assessment": Rule(_cycle_assessment, get=Need.READ),
    "rubric:assessment_edit": Rule(_cycle_assessment, get=Need.LEAD, post=Need.LEAD),
    "rubric:rate": Rule(_cycle_assessment_item, get=Need.EDIT, post=Need.EDIT),
    "rubric:submit": Rule(_cycle_assessment, post=Need.EDIT),
    "rubric:review": Rule(_cycle_assessment, get=Need.READ),
    "rubric:consensus": Rule(_cycle_assessment_item, get=Need.LEAD, post=Need.LEAD),
    "rubric:consensus_accept": Rule(_cycle_assessment, post=Need.LEAD),
    "rubric:consensus_history": Rule(_cycle_consensus, get=Need.READ),
    "rubric:consensus_restore": Rule(_cycle_consensus_restore, post=Need.LEAD),
    "rubric:reveal": Rule(_cycle_assessment, post=Need.LEAD),
    "rubric:close": Rule(_cycle_assessment, post=Need.LEAD),
    "rubric:reopen": Rule(_cycle_assessment, post=Need.LEAD),
    "rubric:results": Rule(_cycle_assessment, get=Need.READ),
    "rubric:export": Rule(_cycle_assessment, get=Need.READ),
    "rubric:history": Rule(_cycle_assessment, get=Need.READ),
}
