from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sel_planner.districts.access import Need, access_cycle
from sel_planner.districts.editing import versioned_save
from sel_planner.districts.pages import page_context

from .. import protocol, selectors, services
from ..forms.overview import WorkspaceForm
from ._common import to


@require_GET
def home(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    last, due = selectors.last_completed(cycle=cycle)
    overdue, upcoming = selectors.deadlines(cycle=cycle)
    return render(
        request,
        "inventory/home.html",
        page_context(
            cycle,
            section="home",
            workspace=selectors.workspace_for_cycle(cycle=cycle),
            last_completed=last,
            reminder=due,
            overdue=overdue,
            upcoming=upcoming,
            program_count=cycle.inventory_program_set.count(),
            people_count=cycle.inventory_person_set.count(),
            interview_count=cycle.inventory_interview_set.count(),
            preparing=protocol.PREPARING,
        ),
    )


@require_GET
def earlier(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    previous = cycle.carried_from
    programs = (
        previous.inventory_program_set.prefetch_related("schools").order_by("name_key")
        if previous is not None
        else []
    )
    carried = {
        p.carried_from_id: p for p in cycle.inventory_program_set.filter(carried_from__isnull=False)
    }
    rows = [(p, carried.get(p.pk)) for p in programs]
    context = page_context(cycle, section="people", previous=previous, rows=rows)
    return render(request, "inventory/earlier.html", context)


@require_http_methods(["GET", "POST"])
def workspace_edit(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    form = WorkspaceForm(request.POST or None, instance=selectors.workspace_for_cycle(cycle=cycle))
    context = page_context(cycle, section="people", selecting=protocol.SELECTING)
    if request.method == "POST" and form.is_valid():
        versioned_save(form=form)
        messages.success(request, _("Saved."))
        return to("people", cycle)
    return render(request, "inventory/workspace_form.html", {**context, "form": form})


@require_POST
def complete(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    services.inventory_complete(cycle=cycle)
    messages.success(request, _("The inventory is marked complete today."))
    return to("home", cycle)
