"""Step 5: feedback rounds on a draft (public link and committee entry) and the timeline."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sel_planner.accounts.throttling import link_state
from sel_planner.districts.access import Need, access_cycle, can_edit
from sel_planner.districts.editing import versioned_save
from sel_planner.districts.pages import cycle_object, need_for

from ..forms.feedback import CommitteeAnswerForm, FeedbackRoundForm, TimelineForm
from ..models import FEEDBACK_QUESTIONS, FeedbackAnswer, FeedbackRound
from ..selectors import final_draft, vision_for_cycle
from ..services_links import feedback_answers_save, link_close
from ._common import page_context, step_url

STEP = "feedback"
OPEN_DAYS = 14
SHOWN = 50  # answers shown per question before "show all"


def public_url(feedback_round) -> str:
    return settings.SITE_URL + reverse(
        "vision_public:feedback", kwargs={"token": feedback_round.token}
    )


def _to_round(cycle, feedback_round):
    return redirect(step_url(cycle, "feedback_round", code=feedback_round.code))


@require_GET
def rounds(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    rows = list(
        cycle.vision_feedbackround_set.select_related("draft").annotate(
            n_answers=Count("answers"), n_people=Count("answers__submission", distinct=True)
        )
    )
    for feedback_round in rows:
        feedback_round.cycle = cycle  # link_state reads it: no query per round
        feedback_round.state = link_state(feedback_round)
        feedback_round.public_url = public_url(feedback_round)
    return render(
        request,
        "vision/feedback.html",
        page_context(
            cycle,
            step=STEP,
            rounds=rows,
            vision=vision_for_cycle(cycle=cycle),
            final=final_draft(cycle=cycle),
            has_drafts=cycle.vision_draft_set.exists(),
            questions=[text for text, _yes_no in FEEDBACK_QUESTIONS],
        ),
    )


@require_http_methods(["GET", "POST"])
def round_create(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    latest = cycle.vision_draft_set.order_by("-created_at").first()
    today = timezone.localdate()
    posted = request.method == "POST"
    initial = {"draft": latest, "opens_on": today, "closes_on": today + timedelta(OPEN_DAYS)}
    form = FeedbackRoundForm(request.POST if posted else None, cycle=cycle, initial=initial)
    if posted and form.is_valid():
        feedback_round = form.save()
        opened = _("The feedback round is open. Share its link with stakeholders.")
        messages.success(request, opened)
        return _to_round(cycle, feedback_round)
    context = page_context(cycle, step=STEP, form=form, has_drafts=latest is not None)
    return render(request, "vision/feedback_form.html", context)


def _sections(answers, *, expand: int | None) -> list[dict]:
    """The answers grouped by question: yes/no counts for questions 1-2, and the texts."""
    by_question: dict[int, list[FeedbackAnswer]] = {
        number: [] for number in range(1, len(FEEDBACK_QUESTIONS) + 1)
    }
    for answer in answers:
        by_question.setdefault(answer.question, []).append(answer)
    sections = []
    for number, (question, yes_no) in enumerate(FEEDBACK_QUESTIONS, start=1):
        given = by_question[number]
        texts = [a for a in given if a.text.strip()]
        everything = expand == number
        sections.append(
            {
                "number": number,
                "question": question,
                "yes_no": yes_no,
                "answered": len(given),
                "yes": sum(1 for a in given if a.agrees is True),
                "no": sum(1 for a in given if a.agrees is False),
                "texts": texts if everything else texts[:SHOWN],
                "total_texts": len(texts),
                "hidden": 0 if everything else max(len(texts) - SHOWN, 0),
            }
        )
    return sections


def _expand(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 1 <= number <= len(FEEDBACK_QUESTIONS) else None


@require_http_methods(["GET", "POST"])
def round_detail(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=need_for(request))
    rounds = cycle.vision_feedbackround_set.select_related("draft")
    feedback_round = cycle_object(cycle, rounds, code)
    posted = request.method == "POST"
    form = CommitteeAnswerForm(request.POST if posted else None) if can_edit(cycle) else None
    if posted and form is not None and form.is_valid():
        entered = form.answers()
        feedback_answers_save(
            feedback_round=feedback_round,
            answers=entered,
            respondent=form.cleaned_data["respondent"].strip(),
            entered_by=request.user,
        )
        n = len(entered)
        saved = ngettext(
            "%(n)s answer saved for one respondent.", "%(n)s answers saved for one respondent.", n
        )
        messages.success(request, saved % {"n": n})
        return _to_round(cycle, feedback_round)
    # One query for every answer of the round, grouped here: the page's query count does not
    # grow with the number of answers.
    answers = list(
        feedback_round.answers.select_related("entered_by").order_by("question", "created_at")
    )
    return render(
        request,
        "vision/feedback_round.html",
        page_context(
            cycle,
            step=STEP,
            feedback_round=feedback_round,
            form=form,
            state=link_state(feedback_round),
            public_url=public_url(feedback_round),
            sections=_sections(answers, expand=_expand(request.GET.get("question"))),
            people=len({a.submission or a.pk for a in answers}),
            n_answers=len(answers),
        ),
    )


@require_POST
def round_close(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    feedback_round = cycle_object(cycle, FeedbackRound, code)
    if link_close(link=feedback_round):
        messages.success(request, _("The feedback link is closed: it takes no more answers."))
    else:
        messages.info(request, _("The feedback link was already closed."))
    return _to_round(cycle, feedback_round)


@require_http_methods(["GET", "POST"])
def timeline(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    vision = vision_for_cycle(cycle=cycle)
    posted = request.method == "POST"
    form = TimelineForm(request.POST if posted else None, instance=vision)
    context = page_context(cycle, step=STEP, vision=vision, label=_("Timeline for finalizing"))
    if posted and form.is_valid():
        versioned_save(form=form)
        messages.success(request, _("Timeline saved."))
        return redirect("vision:feedback", district=district, cycle=cycle.slug)
    return render(request, "vision/feedback_timeline.html", {**context, "form": form})
