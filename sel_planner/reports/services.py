"""Writes of the reports: requesting, retrying and deleting report jobs, and the public summary.

What produces a job's PDF (the worker side) is in `worker.py`.
"""

import logging
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import assembly
from .models import ReportDraft, ReportJob
from .tasks import generate_report
from .worker import report_fail

logger = logging.getLogger(__name__)


def _enqueue(job: ReportJob) -> None:
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
    current = ReportDraft.objects.select_for_update().get(pk=draft.pk)
    if current.public_token is None:
        current.public_token = secrets.token_urlsafe(24)
        current.published_at = timezone.now()
        current._change_reason = _("Published the public summary")
        current.save(update_fields=["public_token", "published_at", "updated_at"])
    return current


@transaction.atomic
def summary_unpublish(*, draft: ReportDraft) -> ReportDraft:
    current = ReportDraft.objects.select_for_update().get(pk=draft.pk)
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
