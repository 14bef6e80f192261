"""Access-matrix rules of the vision pages of steps 1 to 3 and the overview."""

from sel_planner.districts.access import Need
from tests.access_rules import Rule, _cycle
from tests.factories import EngagementSessionFactory, ResponseFactory, ThemeFactory


def _setup(cast):
    from vision.services import vision_setup

    return vision_setup(cycle=cast.cycle)


def _cycle_vision(cast):
    _setup(cast)
    return _cycle(cast)


def _cycle_role(cast):
    _setup(cast)
    return {**_cycle(cast), "code": cast.cycle.vision_committeerole_set.first().code}


def _cycle_milestone(cast):
    from vision.models import Milestone

    milestone = Milestone.objects.create(
        cycle=cast.cycle, due_on="2026-10-01", description="Share the draft"
    )
    return {**_cycle(cast), "code": milestone.code}


def _cycle_material(cast):
    from django.core.files.base import ContentFile

    from vision.models import Material

    material = Material(
        cycle=cast.cycle, kind="plan", title="Strategic plan", text="Every student thrives."
    )
    material.file.save("plan.pdf", ContentFile(b"%PDF-1.4 demo"), save=False)
    material.save()
    return {**_cycle(cast), "code": material.code}


def _cycle_group(cast):
    _setup(cast)
    return {**_cycle(cast), "code": cast.cycle.vision_stakeholdergroup_set.first().code}


def _cycle_question(cast):
    from vision.models import Question

    _setup(cast)
    question = Question.objects.create(cycle=cast.cycle, text="What matters most?", position=9)
    return {**_cycle(cast), "code": question.code}


def _session(cast):
    _setup(cast)
    return EngagementSessionFactory(
        cycle=cast.cycle, title="Family night", format="event", participants=40
    )


def _cycle_session(cast):
    return {**_cycle(cast), "code": _session(cast).code}


def _cycle_response(cast):
    session = _session(cast)
    response = ResponseFactory(session=session)
    return {**_cycle(cast), "code": response.code}


def _cycle_theme(cast):
    theme = ThemeFactory(cycle=cast.cycle)
    return {**_cycle(cast), "code": theme.code}


def _cycle_history(cast):
    theme = ThemeFactory(cycle=cast.cycle, text="Belonging")
    theme.text = "Belonging for all"
    theme.save()
    return {**_cycle(cast), "kind": "theme", "code": theme.code}


def _cycle_history_restore(cast):
    from vision.models import Theme

    kwargs = _cycle_history(cast)
    first = Theme.history.order_by("history_date").first()
    return {**kwargs, "history_id": first.history_id}


RULES = {
    "vision:home": Rule(_cycle_vision, get=Need.READ),
    "vision:start": Rule(_cycle, get=Need.EDIT, post=Need.EDIT),
    "vision:committee": Rule(_cycle_vision, get=Need.READ),
    "vision:committee_notes": Rule(_cycle, get=Need.EDIT, post=Need.EDIT),
    "vision:role_create": Rule(_cycle, get=Need.EDIT, post=Need.EDIT),
    "vision:role_edit": Rule(_cycle_role, get=Need.EDIT, post=Need.EDIT),
    "vision:role_delete": Rule(_cycle_role, get=Need.EDIT, post=Need.EDIT),
    "vision:milestone_create": Rule(_cycle, get=Need.EDIT, post=Need.EDIT),
    "vision:milestone_edit": Rule(_cycle_milestone, get=Need.EDIT, post=Need.EDIT),
    "vision:milestone_delete": Rule(_cycle_milestone, get=Need.EDIT, post=Need.EDIT),
    "vision:material_create": Rule(_cycle, get=Need.EDIT, post=Need.EDIT),
    "vision:material_edit": Rule(_cycle_material, get=Need.EDIT, post=Need.EDIT),
    "vision:material_delete": Rule(_cycle_material, get=Need.EDIT, post=Need.EDIT),
    "vision:material_download": Rule(_cycle_material, get=Need.READ),
    "vision:stakeholders": Rule(_cycle_vision, get=Need.READ),
    "vision:group_create": Rule(_cycle, get=Need.EDIT, post=Need.EDIT),
    "vision:group_edit": Rule(_cycle_group, get=Need.EDIT, post=Need.EDIT),
    "vision:question_create": Rule(_cycle, get=Need.EDIT, post=Need.EDIT),
    "vision:question_edit": Rule(_cycle_question, get=Need.EDIT, post=Need.EDIT),
    "vision:question_delete": Rule(_cycle_question, get=Need.EDIT, post=Need.EDIT),
    "vision:session_create": Rule(_cycle, get=Need.EDIT, post=Need.EDIT),
    "vision:session": Rule(_cycle_session, get=Need.READ),
    "vision:session_edit": Rule(_cycle_session, get=Need.EDIT, post=Need.EDIT),
    "vision:session_delete": Rule(_cycle_session, get=Need.EDIT, post=Need.EDIT),
    "vision:responses_record": Rule(_cycle_session, get=Need.EDIT, post=Need.EDIT),
    "vision:response_edit": Rule(_cycle_response, get=Need.EDIT, post=Need.EDIT),
    "vision:response_delete": Rule(_cycle_response, get=Need.EDIT, post=Need.EDIT),
    "vision:synthesis": Rule(_cycle_vision, get=Need.READ),
    "vision:theme_create": Rule(_cycle, get=Need.EDIT, post=Need.EDIT),
    "vision:theme_edit": Rule(_cycle_theme, get=Need.EDIT, post=Need.EDIT),
    "vision:theme_delete": Rule(_cycle_theme, get=Need.EDIT, post=Need.EDIT),
    "vision:history": Rule(_cycle_history, get=Need.READ),
    "vision:history_restore": Rule(_cycle_history_restore, post=Need.LEAD),
}
