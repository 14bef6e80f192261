"""The inventory's only page for people without an account: the online survey.

It shows the district's name and the protocol's questions, nothing else. A posted form only
ever adds one interview record to the survey's own cycle.
"""

from typing import Any

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from sel_planner.accounts.throttling import link_state, public_link_view

from .. import protocol
from ..forms.public import MAX_SURVEY_PROGRAMS, SurveyAnswerForm, SurveyProgramFormSet
from ..models import RespondentType
from ..services import access_survey, survey_answers_save

START_PROGRAMS = 1


def _formset(request, survey, *, extra_one: bool = False):
    kwargs: dict[str, Any] = {
        "prefix": "p",
        "form_kwargs": {"district_name": survey.cycle.district.name},
    }
    if request.method != "POST":
        return SurveyProgramFormSet(initial=[{}] * START_PROGRAMS, **kwargs)
    data = request.POST.copy()
    if extra_one:
        try:
            total = int(data.get("p-TOTAL_FORMS", "1")) + 1
        except ValueError:
            total = START_PROGRAMS
        data["p-TOTAL_FORMS"] = str(max(1, min(total, MAX_SURVEY_PROGRAMS)))
    return SurveyProgramFormSet(data, **kwargs)


def _programs(formset) -> list[dict]:
    return [f.cleaned_data for f in formset if (f.cleaned_data.get("name") or "").strip()]


def _chooser(request, survey):
    """First, who is answering: it chooses the wording of question 2."""
    return render(
        request,
        "inventory/public_survey_start.html",
        {
            "district_name": survey.cycle.district.name,
            "kinds": RespondentType.choices,
            "closes_on": survey.closes_on,
        },
    )


def _page(request, survey, form, formset):
    return render(
        request,
        "inventory/public_survey.html",
        {
            "form": form,
            "formset": formset,
            "district_name": survey.cycle.district.name,
            "closes_on": survey.closes_on,
            "q1_note": protocol.Q1_NOTE,
            "per_program": protocol.PER_PROGRAM,
            "q8_condition": protocol.Q8_CONDITION,
            "q8_follow_up": protocol.Q8_FOLLOW_UP,
            "q9_note": protocol.Q9_NOTE,
            "can_add": formset.total_form_count() < MAX_SURVEY_PROGRAMS,
        },
    )


@public_link_view
@require_http_methods(["GET", "POST"])
def survey_answer(request, token):
    survey = access_survey(token)
    name = survey.cycle.district.name
    if request.method == "GET" and request.GET.get("thanks"):
        return render(request, "inventory/public_thanks.html", {"district_name": name})
    state = link_state(survey)
    if state != "open":
        context = {"state": state, "survey": survey, "district_name": name}
        return render(request, "inventory/public_closed.html", context, status=410)
    kind = (request.POST if request.method == "POST" else request.GET).get("respondent_type", "")
    if kind not in RespondentType.values:
        if request.method == "GET":
            return _chooser(request, survey)
        kind = RespondentType.DISTRICT
    form = SurveyAnswerForm(request.POST or None, survey=survey, respondent_type=kind)
    adding = request.method == "POST" and "add_program" in request.POST
    formset = _formset(request, survey, extra_one=adding)
    if request.method == "POST" and form.is_spam():
        return redirect(f"{request.path}?thanks=1")  # a robot: thanked, nothing stored
    if request.method == "POST" and not adding and form.is_valid() and formset.is_valid():
        survey_answers_save(survey=survey, answers=form.cleaned_data, programs=_programs(formset))
        return redirect(f"{request.path}?thanks=1")
    if adding:  # show the answers so far again, without complaining about unanswered ones
        form = SurveyAnswerForm(initial=request.POST.dict(), survey=survey, respondent_type=kind)
    return _page(request, survey, form, formset)
