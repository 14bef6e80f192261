"""Step 2's online questionnaire, committee side: publish the question set as a public link."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sel_planner.accounts.throttling import link_state
from sel_planner.districts.access import Need, access_cycle, can_edit
from sel_planner.districts.pages import need_for

from ..forms.links import QuestionnaireForm
from ..models import COMMITMENT_PLACEHOLDER
from ..selectors import vision_for_cycle
from ..services_links import (
    link_close,
    questionnaire_of,
    questionnaire_publish,
    questionnaire_update,
    questions_for,
)
from ._common import page_context

OPEN_DAYS = 14


def public_url(link) -> str:
    return settings.SITE_URL + reverse("vision_public:questionnaire", kwargs={"token": link.token})


def _received(link) -> dict:
    return link.session.responses.aggregate(
        answers=Count("pk"), people=Count("submission", distinct=True)
    )


@require_http_methods(["GET", "POST"])
def questionnaire(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=need_for(request))
    posted = request.method == "POST"
    vision = vision_for_cycle(cycle=cycle)
    link = questionnaire_of(cycle=cycle)
    # A form opened before someone else published has no version: publishing it is a conflict.
    opened_on = None if posted and "version" not in request.POST else link
    form = None
    if can_edit(cycle):
        today = timezone.localdate()
        initial = {"opens_on": today, "closes_on": today + timedelta(days=OPEN_DAYS)}
        form = QuestionnaireForm(
            request.POST if posted else None,
            instance=opened_on,
            cycle=cycle,
            initial={} if opened_on else initial,
        )
    context = page_context(cycle, step="stakeholders", link=link, label=_("Online questionnaire"))
    if posted and form is not None and form.is_valid():
        if opened_on is None:
            options = {name: form.cleaned_data[name] for name in QuestionnaireForm.Meta.fields}
            questionnaire_publish(cycle=cycle, form=form, **options)
            messages.success(request, _("The questionnaire is published. Share its link."))
        else:
            questionnaire_update(form=form)
            messages.success(request, _("Questionnaire settings saved."))
        return redirect("vision:questionnaire", district=district, cycle=cycle.slug)
    questions = questions_for(cycle=cycle, vision=vision)
    return render(
        request,
        "vision/questionnaire.html",
        {
            **context,
            "form": form,
            "questions": questions,
            "placeholder_left": any(COMMITMENT_PLACEHOLDER in q.display for q in questions),
            "state": link_state(link) if link else None,
            "public_url": public_url(link) if link else "",
            "received": _received(link) if link else None,
        },
    )


@require_POST
def questionnaire_close(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    link = questionnaire_of(cycle=cycle)
    if link is None:
        raise Http404
    if link_close(link=link):
        messages.success(request, _("The questionnaire link is closed."))
    else:
        messages.info(request, _("The questionnaire link was already closed."))
    return redirect("vision:questionnaire", district=district, cycle=cycle.slug)
