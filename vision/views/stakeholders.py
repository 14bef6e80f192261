from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sel_planner.districts.access import Need, access_cycle
from sel_planner.districts.editing import versioned_save
from sel_planner.districts.pages import cycle_object

from ..forms.core import GroupForm, QuestionForm, ResponseForm, ResponsesForm, SessionForm
from ..models import EngagementSession, Question, Response, StakeholderGroup
from ..selectors import vision_for_cycle
from ..services import responses_save
from ..services_links import questions_for
from ._common import page_context

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


def _save(request, cycle, form, context, *, success, target):
    obj = versioned_save(form=form)
    messages.success(request, success)
    return redirect(*target(obj)) if callable(target) else redirect(*target)


def _back(cycle):
    return ("vision:stakeholders", cycle.district.slug, cycle.slug)


@require_http_methods(["GET", "POST"])
def group_edit(request, district, cycle, code=None):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    group = cycle_object(cycle, StakeholderGroup, code) if code else None
    form = GroupForm(request.POST or None, instance=group, cycle=cycle)
    context = page_context(cycle, step="stakeholders", object=group, label=_("Stakeholder group"))
    if request.method == "POST" and form.is_valid():
        return _save(
            request,
            cycle,
            form,
            context,
            success=_("Stakeholder group saved."),
            target=_back(cycle),
        )
    return render(request, "vision/stakeholders_form.html", {**context, "form": form})


@require_http_methods(["GET", "POST"])
def question_edit(request, district, cycle, code=None):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    question = cycle_object(cycle, Question, code) if code else None
    form = QuestionForm(request.POST or None, instance=question, cycle=cycle)
    context = page_context(
        cycle, step="stakeholders", object=question, label=_("Discussion question")
    )
    if request.method == "POST" and form.is_valid():
        return _save(
            request, cycle, form, context, success=_("Question saved."), target=_back(cycle)
        )
    return render(request, "vision/stakeholders_form.html", {**context, "form": form})


@require_http_methods(["GET", "POST"])
def question_delete(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    question = cycle_object(cycle, Question, code)
    if question.responses.exists():
        messages.error(
            request,
            _("Responses were recorded for this question, so it stays. Edit its wording instead."),
        )
        return redirect(*_back(cycle))
    if request.method == "POST":
        question.delete()
        messages.success(request, _("Question removed; its history is kept."))
        return redirect(*_back(cycle))
    return render(
        request,
        "vision/confirm_delete.html",
        page_context(cycle, step="stakeholders", object=question, label=_("Question")),
    )


@require_http_methods(["GET", "POST"])
def session_edit(request, district, cycle, code=None):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    session = cycle_object(cycle, EngagementSession, code) if code else None
    form = SessionForm(request.POST or None, instance=session, cycle=cycle)
    context = page_context(
        cycle, step="stakeholders", object=session, label=_("Engagement session")
    )
    if request.method == "POST" and form.is_valid():
        return _save(
            request,
            cycle,
            form,
            context,
            success=_("Session saved."),
            target=lambda obj: ("vision:session", cycle.district.slug, cycle.slug, obj.code),
        )
    return render(request, "vision/stakeholders_form.html", {**context, "form": form})


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
        messages.error(
            request, _("This session has responses or an online questionnaire, so it stays.")
        )
        return redirect("vision:session", district=district, cycle=cycle.slug, code=code)
    if request.method == "POST":
        session.delete()
        messages.success(request, _("Session removed; its history is kept."))
        return redirect(*_back(cycle))
    return render(
        request,
        "vision/confirm_delete.html",
        page_context(cycle, step="stakeholders", object=session, label=_("Session")),
    )


@require_http_methods(["GET", "POST"])
def responses_record(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    session = cycle_object(cycle, EngagementSession, code)
    questions = questions_for(cycle=cycle, vision=vision_for_cycle(cycle=cycle))
    form = ResponsesForm(request.POST or None, cycle=cycle, questions=questions)
    if request.method == "POST" and form.is_valid():
        responses_save(
            session=session,
            answers=form.answers(),
            respondent=form.cleaned_data["respondent"],
            group=form.cleaned_data["group"],
        )
        messages.success(request, _("Responses recorded."))
        return redirect("vision:session", district=district, cycle=cycle.slug, code=code)
    return render(
        request,
        "vision/responses_form.html",
        page_context(cycle, step="stakeholders", session=session, form=form),
    )


@require_http_methods(["GET", "POST"])
def response_edit(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    response = cycle_object(cycle, Response, code)
    form = ResponseForm(request.POST or None, instance=response, cycle=cycle)
    context = page_context(cycle, step="stakeholders", object=response, label=_("Response"))
    if request.method == "POST" and form.is_valid():
        return _save(
            request,
            cycle,
            form,
            context,
            success=_("Response saved."),
            target=("vision:session", district, cycle.slug, response.session.code),
        )
    return render(request, "vision/stakeholders_form.html", {**context, "form": form})


@require_http_methods(["GET", "POST"])
def response_delete(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    response = cycle_object(cycle, Response, code)
    themes = list(response.themes.all())
    if request.method == "POST":
        session_code = response.session.code
        response.delete()
        messages.success(request, _("Response removed; its history is kept."))
        return redirect("vision:session", district=district, cycle=cycle.slug, code=session_code)
    return render(
        request,
        "vision/confirm_delete.html",
        page_context(
            cycle, step="stakeholders", object=response, label=_("Response"), linked=themes
        ),
    )
