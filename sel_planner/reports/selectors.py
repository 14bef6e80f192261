"""Reads of the reports app that its pages share."""

from sel_planner.accounts.throttling import LinkNotFound

from .models import ReportDraft


def access_published_report(token) -> ReportDraft:
    """The published annual report this public link opens, with its cycle and district;
    LinkNotFound if there is none (never published, or withdrawn)."""
    draft = (
        ReportDraft.objects.select_related("cycle__district")
        .filter(public_token=token, published_at__isnull=False)
        .first()
    )
    if draft is None:
        raise LinkNotFound("reports/public_invalid.html")
    return draft


def jobs_for_cycle(*, cycle):
    """The cycle's report jobs, newest first, with who asked for each."""
    return cycle.report_jobs.select_related("requested_by").order_by("-created_at", "-id")
