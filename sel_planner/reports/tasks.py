import logging
import socket

from celery import Task, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .worker import report_fail, report_generate

logger = logging.getLogger(__name__)

# Failures that go away on their own (a database restart, a dropped connection): retried.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError)


@shared_task(name="reports.diagnostic_ping")
def diagnostic_ping(value: int) -> dict:
    """Round-trip check of the task queue: echoes the value with the worker's host and time."""
    return {"echo": value * 2, "hostname": socket.gethostname(), "at": timezone.now().isoformat()}


BUSY = _("The report could not be produced because the server was busy. Try again.")
TOO_LONG = _("The report took too long to produce and was stopped. Try again later.")
BROKEN = _(
    "The report could not be produced because of an error on our side. "
    "Try again; if it fails again, tell the district's SEL lead."
)


class ReportTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        # Reached when the retries for a transient error are used up.
        job_id = args[0] if args else kwargs.get("job_id")
        if job_id is not None:
            report_fail(job_id=job_id, error=str(BUSY))


@shared_task(
    bind=True,
    base=ReportTask,
    name="reports.generate_report",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=4,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
)
def generate_report(self, job_id: int) -> str:
    """Produce the PDF of one report job (by id);
    a repeated delivery of a finished job is a no-op."""
    try:
        return report_generate(job_id=job_id)
    except TRANSIENT_ERRORS:
        if not self.request.is_eager:
            raise  # retried by autoretry_for, with back-off
        # In-process (no broker) a retry would run at once and fail the same way.
        error = BUSY
    except SoftTimeLimitExceeded:
        error = TOO_LONG
    except Exception:
        logger.exception("Report job %s failed", job_id)
        error = BROKEN
    report_fail(job_id=job_id, error=str(error))
    return "failed"
