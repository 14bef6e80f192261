"""The worker side of a report job: start it, render its PDF, store it, or mark it failed.

`report_generate` is the one code path of every PDF: the Celery task, the in-process set-up
without a broker and the `generate_report` command all run it.
"""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from . import assembly
from .models import ReportJob
from .pdf import html_to_pdf


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
