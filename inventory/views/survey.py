from datetime import timedelta

from django.contrib import messages
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sel_planner.districts.access import Need, access_cycle
from sel_planner.districts.editing import versioned_save

from ..forms import SurveyForm
from ..models import Interview, Survey
from ..services import survey_state
from ._common import page_context, to


@require_http_methods(["GET", "POST"])
def survey(request, district, cycle):
    need = Need.EDIT if request.method == "POST" else Need.READ
    cycle = access_cycle(request.user, district, cycle, need=need)
    current = Survey.objects.filter(cycle=cycle).first()
    today = timezone.localdate()
    instance = current or Survey(cycle=cycle, opens_on=today, closes_on=today + timedelta(days=21))
    form = SurveyForm(request.POST or None, instance=instance, cycle=cycle)
    context = page_context(cycle, section="people", survey=current)
    if request.method == "POST" and form.is_valid():
        form.instance.closed_at = None
        versioned_save(form=form)
        messages.success(request, _("The survey link is saved."))
        return to("survey", cycle)
    responses = cycle.inventory_interview_set.filter(source=Interview.Source.SURVEY).count()
    return render(
        request,
        "inventory/survey.html",
        {
            **context, "form": form, "responses": responses,
            "state": survey_state(current) if current else "",
            "link": request.build_absolute_uri(current.get_public_url()) if current else "",
        },
    )  # fmt: skip


@require_POST
def survey_close(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    current = Survey.objects.filter(cycle=cycle, closed_at__isnull=True).first()
    if current is not None:
        current.closed_at = timezone.now()
        current.version += 1
        current.save(update_fields=["closed_at", "version", "updated_at"])
        messages.success(request, _("The survey no longer takes answers."))
    return to("survey", cycle)
