"""Access-matrix rules of the report pages, the downloads and the public summary."""

from sel_planner.districts.access import Need
from tests.access_rules import Open, Rule, _cycle
from tests.factories import ReportDraftFactory, ReportJobFactory


def _draft(cast, **fields):
    return ReportDraftFactory(cycle=cast.cycle, overview="First.", **fields)


def _cycle_draft(cast):
    draft = _draft(cast)
    draft.overview, draft.version = "Second.", 2
    draft.save()
    return _cycle(cast)


def _cycle_draft_restore(cast):
    from sel_planner.reports.models import ReportDraft

    kwargs = _cycle_draft(cast)
    first = ReportDraft.history.order_by("history_date").first()
    return {**kwargs, "history_id": first.history_id}


def _job(cast, **fields):
    return ReportJobFactory(cycle=cast.cycle, progress_total=8, requested_by=cast.member, **fields)


def _cycle_job(cast):
    return {**_cycle(cast), "code": _job(cast).code}


def _cycle_failed_job(cast):
    return {**_cycle(cast), "code": _job(cast, status="failed", error="Broken.").code}


def _cycle_done_job(cast):
    from django.core.files.base import ContentFile

    job = _job(cast)
    job.file.save("report.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
    job.status, job.progress_done, job.size = "done", 8, 13
    job.save()
    return {**_cycle(cast), "code": job.code}


RULES = {
    "reports:home": Rule(_cycle, get=Need.READ),
    "reports:draft_edit": Rule(_cycle, get=Need.EDIT, post=Need.EDIT),
    "reports:draft_history": Rule(_cycle_draft, get=Need.READ),
    "reports:draft_restore": Rule(_cycle_draft_restore, post=Need.LEAD),
    "reports:preview": Rule(lambda cast: {**_cycle(cast), "kind": "annual"}, get=Need.READ),
    # Viewers (the superintendent, the board) may print and download reports.
    "reports:request": Rule(_cycle, post=Need.READ),
    "reports:job": Rule(_cycle_job, get=Need.READ),
    "reports:job_retry": Rule(_cycle_failed_job, post=Need.READ),
    "reports:download": Rule(_cycle_done_job, get=Need.READ),
    # Old files of closed cycles too, so MANAGE rather than LEAD.
    "reports:job_delete": Rule(_cycle_done_job, get=Need.MANAGE, post=Need.MANAGE),
    "reports:publish": Rule(_cycle, post=Need.MANAGE),
    "reports:unpublish": Rule(_cycle, post=Need.MANAGE),
}

OPEN = {
    "reports_public:summary": Open(
        kwargs=lambda cast: {"token": "not-a-real-token"}, expect={"GET": 404}
    ),
}
