"""The only pages anyone may use without an account: answering a questionnaire or feedback link.

They show the district's name and what the link asks, nothing else: no navigation, no other
answers. A posted form only ever adds answers to the link's own session or round.
"""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from sel_planner.accounts.throttling import link_state, public_link_view

from ..forms.links import FeedbackAnswerForm, QuestionnaireAnswerForm
from ..selectors import vision_for_cycle
from ..services import responses_save
from ..services_links import (
    access_feedback_round,
    access_questionnaire,
    feedback_answers_save,
    questions_for,
)


def _thanks_or_closed(request, link, kind: str):
    """The thank-you page after an answer, or the closed page when the link takes no answers
    now (closed, not open yet, or past its dates); None when it takes them."""
    context = {"kind": kind, "district_name": link.cycle.district.name}
    if request.method == "GET" and request.GET.get("thanks"):
        return render(request, "vision/public_thanks.html", context)
    state = link_state(link)
    if state != "open":
        context |= {"state": state, "opens_on": link.opens_on, "closes_on": link.closes_on}
        return render(request, "vision/public_closed.html", context, status=410)
    return None


def _to_thanks(request):
    return redirect(f"{request.path}?thanks=1")


@public_link_view
@require_http_methods(["GET", "POST"])
def questionnaire_answer(request, token):
    link = access_questionnaire(token)
    page = _thanks_or_closed(request, link, "questionnaire")
    if page is not None:
        return page
    questions = questions_for(cycle=link.cycle, vision=vision_for_cycle(cycle=link.cycle))
    form = QuestionnaireAnswerForm(
        request.POST if request.method == "POST" else None, questionnaire=link, questions=questions
    )
    if request.method == "POST":
        if form.is_spam():
            return _to_thanks(request)  # a robot: thanked, nothing stored
        if form.is_valid():
            responses_save(
                cycle_id=link.cycle_id,
                session_id=link.session_id,
                answers=form.answers(),
                respondent=form.respondent_name,
                group=form.chosen_group,
            )
            return _to_thanks(request)
    return render(
        request,
        "vision/public_questionnaire.html",
        {
            "form": form,
            "has_questions": bool(questions),
            "closes_on": link.closes_on,
            "district_name": link.cycle.district.name,
        },
    )


@public_link_view
@require_http_methods(["GET", "POST"])
def feedback_answer(request, token):
    link = access_feedback_round(token)
    page = _thanks_or_closed(request, link, "feedback")
    if page is not None:
        return page
    form = FeedbackAnswerForm(
        request.POST if request.method == "POST" else None, feedback_round=link
    )
    if request.method == "POST":
        if form.is_spam():
            return _to_thanks(request)
        if form.is_valid():
            feedback_answers_save(
                feedback_round=link, answers=form.answers(), respondent=form.respondent_name
            )
            return _to_thanks(request)
    return render(
        request,
        "vision/public_feedback.html",
        {
            "form": form,
            "statement": link.draft.statement,
            "closes_on": link.closes_on,
            "district_name": link.cycle.district.name,
        },
    )
