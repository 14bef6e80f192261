from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sel_planner.districts.access import Need, access_cycle
from sel_planner.districts.editing import versioned_save
from sel_planner.districts.pages import cycle_object, page_context

from .. import protocol, selectors, services
from ..forms.people import PersonForm
from ..models import Person
from ._common import to


@require_GET
def people(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    groups, page = selectors.people_by_category(cycle=cycle, page_number=request.GET.get("page"))
    return render(
        request,
        "inventory/people.html",
        page_context(
            cycle,
            section="people",
            groups=groups,
            page=page,
            selecting=protocol.SELECTING,
            workspace=selectors.workspace_for_cycle(cycle=cycle),
            previous=cycle.carried_from,
        ),
    )


def _person_form(request, cycle, person):
    form = PersonForm(request.POST or None, instance=person, cycle=cycle)
    context = page_context(cycle, section="people", person=person)
    if request.method == "POST" and form.is_valid():
        versioned_save(form=form)
        messages.success(request, _("Saved %(name)s.") % {"name": form.instance})
        return to("people", cycle)
    return render(request, "inventory/person_form.html", {**context, "form": form})


@require_http_methods(["GET", "POST"])
def person_add(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    return _person_form(
        request, cycle, Person(cycle=cycle, category=request.GET.get("category", ""))
    )


@require_http_methods(["GET", "POST"])
def person_edit(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    return _person_form(request, cycle, cycle_object(cycle, Person, code))


@require_http_methods(["GET", "POST"])
def person_delete(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    person = cycle_object(cycle, Person, code)
    if request.method == "POST":
        person.delete()
        messages.success(request, _("Removed from the list; the interview notes are kept."))
        return to("people", cycle)
    return render(
        request,
        "inventory/person_delete.html",
        page_context(cycle, section="people", person=person, interviews=person.interviews.count()),
    )


@require_POST
def interview_start(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    person = cycle_object(cycle, Person, code)
    interview = services.person_interview_start(person=person, interviewer=request.user)
    messages.success(request, _("Interview started. Notes are saved as you type."))
    return to("interview", cycle, code=interview.code)
