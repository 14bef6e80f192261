"""Writes of the reports: requesting, generating, failing, retrying and deleting report jobs.

`report_generate` is the one code path of every PDF: the Celery task, the in-process set-up
without a broker and the `generate_report` command all run it.
"""

import logging
import secrets

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sel_planner.districts.editing import lock_current

from . import assembly
from .models import ReportDraft, ReportJob
from .pdf import html_to_pdf

logger = logging.getLogger(__name__)


def _enqueue(job: ReportJob) -> None:
    from .tasks import generate_report

    def send():
        try:
            generate_report.delay(job.pk)
        except Exception:  # the broker is unreachable: say so on the job rather than fail the page
            logger.exception("Report job %s could not be queued", job.pk)
            report_fail(
                job_id=job.pk,
                error=_(
                    "The report could not be queued because the background service is "
                    "unreachable. Try again in a few minutes."
                ),
            )

    # Only the id travels, and only once the job row is committed for the worker to read.
    transaction.on_commit(send)


@transaction.atomic
def report_request(*, cycle, kind: str, tool_slug: str = "", user=None) -> ReportJob:
    """A new job for the cycle's report, queued for generation once the transaction commits."""
    job = ReportJob.objects.create(
        cycle=cycle,
        kind=kind,
        tool=tool_slug if kind == ReportJob.Kind.TOOL else "",
        requested_by=user,
        progress_total=assembly.section_count(cycle=cycle, kind=kind, tool_slug=tool_slug) + 1,
    )
    _enqueue(job)
    return job


@transaction.atomic
def report_retry(*, job: ReportJob) -> bool:
    """Queue a failed or stalled job again; False otherwise (already retried, or done)."""
    current = ReportJob.objects.select_for_update().get(pk=job.pk)
    if current.status != ReportJob.Status.FAILED and not current.is_stalled:
        return False
    current.status, current.error, current.progress_done = ReportJob.Status.QUEUED, "", 0
    current.save(update_fields=["status", "error", "progress_done"])
    _enqueue(current)
    return True


def _start(job_id: int) -> ReportJob | None:
    """Mark the job running and return it, or None if it is finished (a repeated delivery)."""
    with transaction.atomic():
        job = (
            ReportJob.objects.select_for_update()
            .select_related("cycle__district")
            .filter(pk=job_id)
            .first()
        )
        if job is None or job.status == ReportJob.Status.DONE:
            return None
        job.status, job.error, job.progress_done = ReportJob.Status.RUNNING, "", 0
        job.attempts += 1
        job.started_at = timezone.now()
        job.save(update_fields=["status", "error", "progress_done", "attempts", "started_at"])
        return job


def _progress_callback(job: ReportJob):
    def progress(done: int, total: int) -> None:
        # One step more than the sections: turning the HTML into the PDF.
        ReportJob.objects.filter(pk=job.pk).update(progress_done=done, progress_total=total + 1)

    return progress


def _finish(job: ReportJob, pdf: bytes) -> bool:
    """Store the file and mark the job done, unless another delivery already did."""
    with transaction.atomic():
        current = ReportJob.objects.select_for_update().select_related("cycle__district")
        current = current.get(pk=job.pk)
        if current.status == ReportJob.Status.DONE:
            return False
        name = current.file.field.generate_filename(current, "report.pdf")
        storage = current.file.storage
        if storage.exists(name):
            storage.delete(name)  # left by a delivery that stopped before marking the job done
        current.file.save("report.pdf", ContentFile(pdf), save=False)
        current.status = ReportJob.Status.DONE
        current.size = len(pdf)
        current.progress_done = current.progress_total
        current.finished_at = timezone.now()
        current.save(update_fields=["file", "status", "size", "progress_done", "finished_at"])
        return True


def report_generate(*, job_id: int) -> str:
    """Render the job's report to PDF and store it; a second run of a finished job does nothing."""
    job = _start(job_id)
    if job is None:
        return "skipped"
    html = assembly.build_html(
        cycle=job.cycle,
        kind=job.kind,
        tool_slug=job.tool,
        language=job.language,
        progress=_progress_callback(job),
    )
    pdf = html_to_pdf(html)
    return "done" if _finish(job, pdf) else "skipped"


def report_fail(*, job_id: int, error: str) -> None:
    """Mark an unfinished job failed with a message in plain words; a finished one stays done."""
    ReportJob.objects.filter(pk=job_id).exclude(status=ReportJob.Status.DONE).update(
        status=ReportJob.Status.FAILED, error=error, finished_at=timezone.now()
    )


@transaction.atomic
def report_delete(*, job: ReportJob) -> None:
    """Remove the job and its file."""
    if job.file:
        job.file.delete(save=False)
    job.delete()


def draft_for_edit(*, cycle) -> ReportDraft:
    return ReportDraft.objects.get_or_create(cycle=cycle)[0]


@transaction.atomic
def summary_publish(*, draft: ReportDraft) -> ReportDraft:
    """Publish the public summary behind a new unguessable link (the old one, if any, stays dead)."""
    current = lock_current(draft)
    if current.public_token is None:
        current.public_token = secrets.token_urlsafe(24)
        current.published_at = timezone.now()
        current._change_reason = _("Published the public summary")
        current.save(update_fields=["public_token", "published_at", "updated_at"])
    return current


@transaction.atomic
def summary_unpublish(*, draft: ReportDraft) -> ReportDraft:
    current = lock_current(draft)
    if current.public_token is not None:
        current.public_token, current.published_at = None, None
        current._change_reason = _("Withdrew the public summary")
        current.save(update_fields=["public_token", "published_at", "updated_at"])
    return current


@transaction.atomic
def draft_restore(*, draft: ReportDraft, history_id: int, restore) -> ReportDraft:
    """Restore an earlier text of the draft; whether the summary is published stays as it is."""
    token, published_at = draft.public_token, draft.published_at
    restored = restore(obj=draft, history_id=history_id)
    ReportDraft.objects.filter(pk=draft.pk).update(public_token=token, published_at=published_at)
    restored.public_token, restored.published_at = token, published_at
    return restored
