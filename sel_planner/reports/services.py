"""Writes of the reports: requesting, retrying and deleting report jobs, and the public summary.

What produces a job's PDF (the worker side) is in `worker.py`.
"""

import logging
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sel_planner.districts import registry
from sel_planner.districts.editing import StaleEdit, lock_current, versioned_save
from sel_planner.districts.models import AuditAction, District
from sel_planner.districts.services import audit_record

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
            unreachable = _(
                "The report could not be queued because the background service is "
                "unreachable. Try again in a few minutes."
            )
            report_fail(job_id=job.pk, error=unreachable)

    # Only the id travels, and only once the job row is committed for the worker to read.
    transaction.on_commit(send)


class ReportLimitReached(Exception):
    """Too many reports are waiting or being prepared; the message says which, and where."""


def _report_name(job: ReportJob) -> str:
    tool = registry.get_tool(job.tool) if job.kind == ReportJob.Kind.TOOL else None
    return str(tool.title) if tool is not None else job.get_kind_display()


def _queue_place(job: ReportJob) -> str:
    """The job's report and its place in the queue that every district's jobs share."""
    if job.status == ReportJob.Status.RUNNING:
        return _("%(report)s (being prepared now)") % {"report": _report_name(job)}
    ahead = ReportJob.objects.pending().filter(
        Q(created_at__lt=job.created_at) | Q(created_at=job.created_at, pk__lt=job.pk),
        status=ReportJob.Status.QUEUED,
    )
    place = {"report": _report_name(job), "position": ahead.count() + 1}
    return _("%(report)s (number %(position)d in the queue)") % place


def _lock_requests(*, district, user) -> None:
    """Lock the person's and then the district's rows, so that requests at the same moment
    count each other's jobs: every request path takes the two locks in this order."""
    if user is not None:
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    District.objects.select_for_update().filter(pk=district.pk).first()


def _check_pending_limits(*, district, user) -> None:
    """Refuse a new job while the person or the district has as many pending as they may."""
    pending = ReportJob.objects.pending().order_by("created_at", "pk")
    mine = list(pending.filter(requested_by=user))
    if len(mine) >= settings.REPORTS_PENDING_PER_PERSON:
        message = _(
            "You already have %(count)d reports waiting or being prepared: %(reports)s. "
            "Ask for another once one of them is ready."
        )
    else:
        mine = list(pending.filter(cycle__district=district))
        if len(mine) < settings.REPORTS_PENDING_PER_DISTRICT:
            return
        message = _(
            "The district already has %(count)d reports waiting or being prepared: "
            "%(reports)s. Ask for another once one of them is ready."
        )
    places = ", ".join(_queue_place(job) for job in mine)
    raise ReportLimitReached(message % {"count": len(mine), "reports": places})


@transaction.atomic
def report_request(
    *, cycle, kind: str, tool_slug: str = "", language: str = "en", user=None
) -> tuple[ReportJob, bool]:
    """The cycle's report job and whether it is new: the same report still pending is returned
    instead of a second one; a new job is queued once the transaction commits.

    A person's new job beyond settings.REPORTS_PENDING_PER_PERSON or the district's beyond
    settings.REPORTS_PENDING_PER_DISTRICT raises ReportLimitReached; the command line's (no
    person) are not limited.
    """
    tool = tool_slug if kind == ReportJob.Kind.TOOL else ""
    _lock_requests(district=cycle.district, user=user)
    same = cycle.report_jobs.pending().filter(kind=kind, tool=tool, language=language)
    existing = same.order_by("created_at", "pk").first()
    if existing is not None:
        return existing, False
    if user is not None:
        _check_pending_limits(district=cycle.district, user=user)
    job = ReportJob.objects.create(
        cycle=cycle,
        kind=kind,
        tool=tool,
        language=language,
        requested_by=user,
        progress_total=assembly.section_count(cycle=cycle, kind=kind, tool_slug=tool_slug) + 1,
    )
    _enqueue(job)
    return job, True


@transaction.atomic
def report_retry(*, job: ReportJob, user=None) -> bool:
    """Queue a failed or stalled job again; False otherwise (already retried, or done).

    A person's retry counts against the same limits as a request (ReportLimitReached).
    """
    _lock_requests(district=job.cycle.district, user=user)
    current = ReportJob.objects.select_for_update().get(pk=job.pk)
    if current.status != ReportJob.Status.FAILED and not current.is_stalled:
        return False
    if user is not None:
        _check_pending_limits(district=job.cycle.district, user=user)
    current.status, current.error, current.progress_done = ReportJob.Status.QUEUED, "", 0
    current.save(update_fields=["status", "error", "progress_done"])
    _enqueue(current)
    return True


@transaction.atomic
def report_delete(*, job: ReportJob, actor=None) -> None:
    """Remove the job and its file; a person's deletion goes in the district's audit log."""
    if job.file:
        job.file.delete(save=False)
    job.delete()
    if actor is not None:
        _report_audit(job=job, actor=actor, action=AuditAction.REPORT_DELETE)


def report_download_record(*, job: ReportJob, actor) -> None:
    """Note in the district's audit log that the person downloaded the report."""
    _report_audit(job=job, actor=actor, action=AuditAction.REPORT_DOWNLOAD)


def _report_audit(*, job: ReportJob, actor, action) -> None:
    details = {"cycle": job.cycle.label, "report": job.filename, "code": str(job.code)}
    audit_record(district=job.cycle.district, actor=actor, action=action, **details)


def draft_save(*, form, cycle) -> ReportDraft:
    """Save the cycle's report draft from a valid form, or raise StaleEdit when someone else
    changed it, or started it, since the form was opened."""
    try:
        with transaction.atomic():
            return versioned_save(form=form)
    except IntegrityError:  # someone else started the draft at the same moment
        raise StaleEdit(assembly.draft_for(cycle), form) from None


def draft_for_edit(*, cycle) -> ReportDraft:
    return ReportDraft.objects.get_or_create(cycle=cycle)[0]


@transaction.atomic
def summary_publish(*, draft: ReportDraft) -> ReportDraft:
    """Publish the public summary behind a new unguessable link
    (the old one, if any, stays dead)."""
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
