from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sel_planner.districts.access import Need, access_cycle
from sel_planner.districts.pages import cycle_object

from ..forms.core import GroupForm, QuestionForm, ResponseForm, ResponsesForm, SessionForm
from ..models import EngagementSession, Question, Response
from ..selectors import vision_for_cycle
from ..services import responses_save
from ..services_links import questions_for
from ._common import page_context, record_delete, record_edit, step_url

RESPONSES_PER_PAGE = 50


@require_GET
def stakeholders(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    vision = vision_for_cycle(cycle=cycle)
    sessions = cycle.vision_engagementsession_set.prefetch_related("groups").annotate(
        n_responses=Count("responses")
    )
    return render(
        request,
        "vision/stakeholders.html",
        page_context(
            cycle,
            step="stakeholders",
            vision=vision,
            groups=cycle.vision_stakeholdergroup_set.all(),
            sessions=sessions,
            questions=questions_for(cycle=cycle, vision=vision),
        ),
    )


def _edit(request, cycle, form_class, code, *, label, **kwargs):
    kwargs.update(step="stakeholders", label=label, template="vision/stakeholders_form.html")
    return record_edit(request, cycle, form_class, code, **kwargs)


@require_http_methods(["GET", "POST"])
def group_edit(request, district, cycle, code=None):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    return _edit(request, cycle, GroupForm, code, label=_("Stakeholder group"))


@require_http_methods(["GET", "POST"])
def question_edit(request, district, cycle, code=None):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    label, success = _("Discussion question"), _("Question saved.")
    return _edit(request, cycle, QuestionForm, code, label=label, success=success)


@require_http_methods(["GET", "POST"])
def question_delete(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    question = cycle_object(cycle, Question, code)
    if question.responses.exists():
        kept = _(
            "Responses were recorded for this question, so it stays. Edit its wording instead."
        )
        messages.error(request, kept)
        return redirect(step_url(cycle, "stakeholders"))
    return record_delete(request, cycle, question, step="stakeholders", label=_("Question"))


@require_http_methods(["GET", "POST"])
def session_edit(request, district, cycle, code=None):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    return _edit(
        request,
        cycle,
        SessionForm,
        code,
        label=_("Engagement session"),
        success=_("Session saved."),
        back=lambda session: step_url(cycle, "session", code=session.code),
    )


@require_GET
def session_detail(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle)
    session = cycle_object(cycle, EngagementSession, code)
    responses = (
        session.responses.select_related("question", "group")
        .annotate(n_themes=Count("themes"))
        .order_by("question__position", "created_at", "pk")
    )
    page = Paginator(responses, RESPONSES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "vision/session.html",
        page_context(
            cycle, step="stakeholders", session=session, page=page, groups=session.groups.all()
        ),
    )


@require_http_methods(["GET", "POST"])
def session_delete(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    session = cycle_object(cycle, EngagementSession, code)
    if session.responses.exists() or hasattr(session, "questionnaire"):
        kept = _("This session has responses or an online questionnaire, so it stays.")
        messages.error(request, kept)
        return redirect("vision:session", district=district, cycle=cycle.slug, code=code)
    return record_delete(request, cycle, session, step="stakeholders", label=_("Session"))


@require_http_methods(["GET", "POST"])
def responses_record(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    session = cycle_object(cycle, EngagementSession, code)
    questions = questions_for(cycle=cycle, vision=vision_for_cycle(cycle=cycle))
    form = ResponsesForm(request.POST or None, cycle=cycle, questions=questions)
    if request.method == "POST" and form.is_valid():
        responses_save(
            cycle_id=cycle.pk,
            session_id=session.pk,
            answers=form.answers(),
            respondent=form.cleaned_data["respondent"],
            group=form.cleaned_data["group"],
        )
        messages.success(request, _("Responses recorded."))
        return redirect("vision:session", district=district, cycle=cycle.slug, code=code)
    context = page_context(cycle, step="stakeholders", session=session, form=form)
    return render(request, "vision/responses_form.html", context)


def _session_of(cycle):
    """Where a change to a response leads: its session's page."""
    return lambda response: step_url(cycle, "session", code=response.session.code)


@require_http_methods(["GET", "POST"])
def response_edit(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    return _edit(request, cycle, ResponseForm, code, label=_("Response"), back=_session_of(cycle))


@require_http_methods(["GET", "POST"])
def response_delete(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    response = cycle_object(cycle, Response, code)
    return record_delete(
        request,
        cycle,
        response,
        step="stakeholders",
        label=_("Response"),
        back=_session_of(cycle),
        linked=list(response.themes.all()),
    )
