import mimetypes

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sel_planner.districts.access import Need, access_cycle
from sel_planner.districts.editing import versioned_save
from sel_planner.districts.pages import cycle_object

from ..forms.core import CommitteeNotesForm, MaterialForm, MilestoneForm, RoleForm
from ..models import CommitteeRole, Material, Milestone
from ..selectors import vision_for_cycle
from ._common import page_context, record_delete, record_edit


@require_GET
def committee(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    return render(
        request,
        "vision/committee.html",
        page_context(
            cycle,
            step="committee",
            vision=vision_for_cycle(cycle=cycle),
            roles=cycle.vision_committeerole_set.prefetch_related("members"),
            milestones=cycle.vision_milestone_set.all(),
            materials=cycle.vision_material_set.select_related("uploaded_by"),
        ),
    )


def _edit(request, cycle, form_class, code, *, label, **form_kwargs):
    form_kwargs.update(step="committee", label=label, template="vision/committee_form.html")
    return record_edit(request, cycle, form_class, code, **form_kwargs)


def _delete(request, cycle, model, code, *, label):
    record = cycle_object(cycle, model, code)
    return record_delete(request, cycle, record, step="committee", label=label)


@require_http_methods(["GET", "POST"])
def notes(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    vision = vision_for_cycle(cycle=cycle)
    form = CommitteeNotesForm(request.POST or None, instance=vision)
    context = page_context(cycle, step="committee", label=_("Committee notes"))
    if request.method == "POST" and form.is_valid():
        versioned_save(form=form)
        messages.success(request, _("Committee notes saved."))
        return redirect("vision:committee", district=district, cycle=cycle.slug)
    return render(request, "vision/committee_form.html", {**context, "form": form})


@require_http_methods(["GET", "POST"])
def role_edit(request, district, cycle, code=None):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    return _edit(request, cycle, RoleForm, code, label=_("Committee role"))


@require_http_methods(["GET", "POST"])
def role_delete(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    return _delete(request, cycle, CommitteeRole, code, label=_("Committee role"))


@require_http_methods(["GET", "POST"])
def milestone_edit(request, district, cycle, code=None):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    return _edit(request, cycle, MilestoneForm, code, label=_("Milestone"))


@require_http_methods(["GET", "POST"])
def milestone_delete(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    return _delete(request, cycle, Milestone, code, label=_("Milestone"))


@require_http_methods(["GET", "POST"])
def material_edit(request, district, cycle, code=None):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    return _edit(request, cycle, MaterialForm, code, label=_("Material"), user=request.user)


@require_http_methods(["GET", "POST"])
def material_delete(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    return _delete(request, cycle, Material, code, label=_("Material"))


@require_GET
def material_download(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle)
    material = cycle_object(cycle, Material, code)
    if not material.file:
        raise Http404
    content_type = mimetypes.guess_type(material.file.name)[0] or "application/octet-stream"
    response = FileResponse(material.file.open("rb"), as_attachment=True, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
