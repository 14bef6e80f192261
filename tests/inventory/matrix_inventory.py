"""Access-matrix rules of the inventory pages and its public survey link."""

from sel_planner.districts.access import Need
from tests.access_rules import Open, Rule, _cycle
from tests.factories import InterviewFactory, PersonFactory, SurveyFactory


def _program(cast, name="Positive School Climate"):
    from inventory.services import program_create

    return program_create(cycle=cast.cycle, name=name, grades="K-5")


def _person(cast):
    return PersonFactory(cycle=cast.cycle, name="Angela Ruiz")


def _interview(cast):
    return InterviewFactory(cycle=cast.cycle, respondent_name="Angela Ruiz")


def _mention(cast):
    from inventory.services import mention_add

    return mention_add(interview=_interview(cast), name="PBIS", program=None)


def _with(factory):
    def kwargs(cast):
        return {**_cycle(cast), "code": factory(cast).code}

    kwargs.__name__ = f"_cycle_{factory.__name__.strip('_')}"
    return kwargs


def _cycle_cell(cast):
    return {**_cycle(cast), "code": _program(cast).code, "field": "grades"}


def _cycle_export(cast):
    _program(cast)
    return {**_cycle(cast), "table": "inventory", "fmt": "csv"}


def _cycle_survey(cast):
    SurveyFactory(cycle=cast.cycle)
    return _cycle(cast)


def _cycle_history(cast):
    program = _program(cast)
    program.grades = "K-8"
    program.save()
    return {**_cycle(cast), "kind": "program", "code": program.code}


def _cycle_history_restore(cast):
    from inventory.models import Program

    kwargs = _cycle_history(cast)
    return {**kwargs, "history_id": Program.history.order_by("history_date").first().history_id}


def _cycle_removed(cast):
    from inventory.models import Program

    program = _program(cast, name="Bullying Prevention")
    program.delete()
    record = Program.history.filter(history_type="-").first()
    return {**_cycle(cast), "history_id": record.history_id}


def _bad_token(cast):
    return {"token": "not-a-real-token"}


RULES = {
    "inventory:home": Rule(_cycle, get=Need.READ),
    "inventory:earlier": Rule(_cycle, get=Need.READ),
    "inventory:workspace_edit": Rule(_cycle, get=Need.EDIT, post=Need.EDIT),
    "inventory:complete": Rule(_cycle, post=Need.EDIT),
    "inventory:people": Rule(_cycle, get=Need.READ),
    "inventory:person_add": Rule(_cycle, get=Need.EDIT, post=Need.EDIT),
    "inventory:person_edit": Rule(_with(_person), get=Need.EDIT, post=Need.EDIT),
    "inventory:person_delete": Rule(_with(_person), get=Need.EDIT, post=Need.EDIT),
    "inventory:interview_start": Rule(_with(_person), post=Need.EDIT),
    "inventory:interviews": Rule(_cycle, get=Need.READ),
    "inventory:interview_new": Rule(_cycle, post=Need.EDIT),
    "inventory:interview": Rule(_with(_interview), get=Need.READ, post=Need.EDIT),
    "inventory:interview_autosave": Rule(_with(_interview), post=Need.EDIT),
    "inventory:interview_finish": Rule(_with(_interview), post=Need.EDIT),
    "inventory:interview_delete": Rule(_with(_interview), get=Need.EDIT, post=Need.EDIT),
    "inventory:mention_add": Rule(_with(_interview), post=Need.EDIT),
    "inventory:mention_edit": Rule(_with(_mention), get=Need.EDIT, post=Need.EDIT),
    "inventory:mention_autosave": Rule(_with(_mention), post=Need.EDIT),
    "inventory:mention_match": Rule(_with(_mention), post=Need.EDIT),
    "inventory:mention_delete": Rule(_with(_mention), post=Need.EDIT),
    "inventory:survey": Rule(_cycle_survey, get=Need.READ, post=Need.EDIT),
    "inventory:survey_close": Rule(_cycle_survey, post=Need.EDIT),
    "inventory:table": Rule(_cycle, get=Need.READ),
    "inventory:program_add": Rule(_cycle, get=Need.EDIT, post=Need.EDIT),
    "inventory:removed": Rule(_cycle, get=Need.READ),
    "inventory:removed_restore": Rule(_cycle_removed, post=Need.LEAD),
    "inventory:program": Rule(_with(_program), get=Need.READ),
    "inventory:program_edit": Rule(_with(_program), get=Need.EDIT, post=Need.EDIT),
    "inventory:cell_edit": Rule(_cycle_cell, get=Need.EDIT, post=Need.EDIT),
    "inventory:program_delete": Rule(_with(_program), get=Need.EDIT, post=Need.EDIT),
    "inventory:program_merge": Rule(_with(_program), get=Need.EDIT, post=Need.EDIT),
    "inventory:next_steps": Rule(_with(_program), get=Need.EDIT, post=Need.EDIT),
    "inventory:build_on": Rule(_cycle, get=Need.READ),
    "inventory:export": Rule(_cycle_export, get=Need.READ),
    "inventory:import_upload": Rule(_cycle, get=Need.EDIT, post=Need.EDIT),
    "inventory:import_preview": Rule(_cycle, get=Need.EDIT, post=Need.EDIT),
    "inventory:history": Rule(_cycle_history, get=Need.READ),
    "inventory:history_restore": Rule(_cycle_history_restore, post=Need.LEAD),
}

OPEN = {
    "inventory_public:survey": Open(kwargs=_bad_token, expect={"GET": 404, "POST": 404}),
}
