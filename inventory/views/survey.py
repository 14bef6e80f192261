from datetime import timedelta

from django.contrib import messages
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sel_planner.accounts.throttling import link_state
from sel_planner.districts.access import Need, access_cycle
from sel_planner.districts.pages import need_for, page_context

from .. import selectors, services
from ..forms.survey import SurveyForm
from ..models import Survey
from ._common import to


@require_http_methods(["GET", "POST"])
def survey(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=need_for(request))
    current = selectors.survey_for_cycle(cycle=cycle)
    today = timezone.localdate()
    instance = current or Survey(cycle=cycle, opens_on=today, closes_on=today + timedelta(days=21))
    form = SurveyForm(request.POST or None, instance=instance, cycle=cycle)
    context = page_context(cycle, section="people", survey=current)
    if request.method == "POST" and form.is_valid():
        services.survey_save(form=form)
        messages.success(request, _("The survey link is saved."))
        return to("survey", cycle)
    return render(
        request,
        "inventory/survey.html",
        {
            **context,
            "form": form,
            "responses": selectors.survey_response_count(cycle=cycle),
            "state": link_state(current) if current else "",
            "link": request.build_absolute_uri(current.get_public_url()) if current else "",
        },
    )


@require_POST
def survey_close(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    if services.survey_close(cycle=cycle):
        messages.success(request, _("The survey no longer takes answers."))
    return to("survey", cycle)
