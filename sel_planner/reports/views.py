"""Report pages: the list of generated reports, the draft narrative, previews, jobs, downloads."""

from collections.abc import Callable

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sel_planner.districts import summary
from sel_planner.districts.access import Need, access_cycle, is_lead
from sel_planner.districts.history import history_page, history_restore, restore_link
from sel_planner.districts.models import PlanningCycle
from sel_planner.districts.pages import cycle_object, page_context
from sel_planner.districts.registry import tools

from . import assembly, selectors, services
from .forms import ReportDraftForm, ReportRequestForm
from .models import ReportDraft, ReportJob

PAGE_SIZE = 20


def _job(cycle, code) -> ReportJob:
    job = cycle_object(cycle, cycle.report_jobs.select_related("requested_by"), code)
    job.cycle = cycle  # already read, with its district
    return job


def _public_url(request, draft) -> str:
    if draft is None or not draft.public_token:
        return ""
    return request.build_absolute_uri(
        reverse("reports_public:summary", kwargs={"token": draft.public_token})
    )


@require_GET
def home(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    jobs = selectors.jobs_for_cycle(cycle=cycle)
    page = Paginator(jobs, PAGE_SIZE).get_page(request.GET.get("page"))
    draft = assembly.draft_for(cycle)
    # Publishing and deleting reports are the lead's in a closed cycle too (Need.MANAGE).
    context = page_context(cycle, is_lead=is_lead(cycle), page=page, draft=draft, tools=tools())
    context |= {"public_url": _public_url(request, draft), "request_form": ReportRequestForm()}
    return render(request, "reports/home.html", context)


@require_http_methods(["GET", "POST"])
def draft_edit(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    draft = assembly.draft_for(cycle) or ReportDraft(cycle=cycle)
    form = ReportDraftForm(request.POST or None, instance=draft)
    if request.method == "POST" and form.is_valid():
        services.draft_save(form=form, cycle=cycle)
        messages.success(request, _("The report draft is saved."))
        return redirect("reports:home", district=district, cycle=cycle.slug)
    context = page_context(cycle, form=form, draft=draft)
    return render(request, "reports/draft_form.html", context)


@require_GET
def draft_history(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    draft = assembly.draft_for(cycle)
    if draft is None:
        raise Http404
    restore = None
    if is_lead(cycle) and not cycle.is_closed:
        restore = restore_link("reports:draft_restore", district=district, cycle=cycle.slug)
    page = history_page(draft, page_number=request.GET.get("page"), restore_url=restore)
    return render(request, "reports/history.html", page_context(cycle, object=draft, page=page))


@require_POST
def draft_restore(request, district, cycle, history_id):
    cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
    draft = assembly.draft_for(cycle)
    if draft is None or not draft.history.filter(history_id=history_id).exists():
        raise Http404
    services.draft_restore(draft=draft, history_id=history_id, restore=history_restore)
    messages.success(request, _("The earlier version was restored."))
    return redirect("reports:draft_history", district=district, cycle=cycle.slug)


def _annual_preview(cycle) -> list:
    sections = assembly.render_annual(assembly.annual_sections(cycle), public=False)
    for section in sections:
        section.parts = []  # rendered into `html`; what the tools read need not be kept
    return sections


# The printable documents a page previews, by kind (each cached as summary "preview-<kind>").
PREVIEWS: dict[str, Callable[[PlanningCycle], list]] = {
    ReportJob.Kind.ANNUAL: _annual_preview,
    ReportJob.Kind.WORKBOOK: assembly.workbook_sections,
}


@require_GET
def preview(request, district, cycle, kind):
    cycle = access_cycle(request.user, district, cycle)
    if kind not in PREVIEWS:
        raise Http404
    sections = summary.cached(cycle, f"preview-{kind}", lambda: PREVIEWS[kind](cycle))
    title = assembly.document_title(cycle=cycle, kind=kind)
    context = page_context(cycle, sections=sections, title=title, kind=kind)
    return render(request, "reports/preview.html", context)


@require_POST
def report_request(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    form = ReportRequestForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            # An ErrorList item reads as its message; django-stubs types it as the stored error.
            messages.error(request, errors[0])  # type: ignore[arg-type]
        return redirect("reports:home", district=district, cycle=cycle.slug)
    kind, tool = form.cleaned_data["kind"], form.cleaned_data["tool"]
    try:
        job, created = services.report_request(
            cycle=cycle, kind=kind, tool_slug=tool, user=request.user
        )
    except services.ReportLimitReached as refusal:
        messages.error(request, str(refusal))
        return redirect("reports:home", district=district, cycle=cycle.slug)
    if created:
        messages.success(request, _("Report requested: this page shows how far it got."))
    else:
        messages.info(request, _("This report was already requested: here is how far it got."))
    return redirect("reports:job", district=district, cycle=cycle.slug, code=job.code)


@require_GET
def job_detail(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle)
    job = _job(cycle, code)
    template = "reports/_job_status.html" if request.htmx else "reports/job.html"
    return render(request, template, page_context(cycle, job=job))


@require_POST
def job_retry(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle)
    job = _job(cycle, code)
    try:
        if services.report_retry(job=job, user=request.user):
            messages.success(request, _("The report is being prepared again."))
        else:
            messages.info(request, _("This report is not failed, so there is nothing to retry."))
    except services.ReportLimitReached as refusal:
        messages.error(request, str(refusal))
    return redirect("reports:job", district=district, cycle=cycle.slug, code=job.code)


@require_GET
def download(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle)
    job = _job(cycle, code)
    if job.status != ReportJob.Status.DONE or not job.file:
        raise Http404
    try:
        handle = job.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    services.report_download_record(job=job, actor=request.user)
    return FileResponse(
        handle, as_attachment=True, filename=job.filename, content_type="application/pdf"
    )


@require_http_methods(["GET", "POST"])
def job_delete(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.MANAGE)
    job = _job(cycle, code)
    if request.method == "POST":
        services.report_delete(job=job, actor=request.user)
        messages.success(request, _("The report and its file were deleted."))
        return redirect("reports:home", district=district, cycle=cycle.slug)
    return render(request, "reports/job_delete.html", page_context(cycle, job=job))


@require_POST
def publish(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.MANAGE)
    draft = services.draft_for_edit(cycle=cycle)
    services.summary_publish(draft=draft)
    messages.success(request, _("The public summary is published: share its link."))
    return redirect("reports:home", district=district, cycle=cycle.slug)


@require_POST
def unpublish(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.MANAGE)
    draft = assembly.draft_for(cycle)
    if draft is not None:
        services.summary_unpublish(draft=draft)
    messages.success(request, _("The public summary is withdrawn: its link no longer works."))
    return redirect("reports:home", district=district, cycle=cycle.slug)
