"""Time and peak memory of one PDF, measured in a fresh process so the peak is the job's own.

Runs inside Django. `job` runs the whole report job through the reports' services (gathering
every tool's part, templates, WeasyPrint, storing the file); `weasyprint` runs WeasyPrint alone
on the same HTML, written beforehand by `write_html`.
"""

import io
import resource
import time
from pathlib import Path

from sel_planner.districts.models import PlanningCycle


def _cycle(district: str, cycle: str) -> PlanningCycle:
    return PlanningCycle.objects.select_related("district").get(district__slug=district, slug=cycle)


def write_html(*, district: str, cycle: str, folder: str) -> None:
    from sel_planner.reports import assembly

    for kind in ("annual", "workbook"):
        html = assembly.build_html(cycle=_cycle(district, cycle), kind=kind)
        (Path(folder) / f"{kind}.html").write_text(html)


def measure(*, district: str, cycle: str, kind: str, alone: bool, folder: str) -> dict:
    from pypdf import PdfReader

    from sel_planner.reports import services, worker
    from sel_planner.reports.models import ReportJob
    from sel_planner.reports.pdf import html_to_pdf

    target = _cycle(district, cycle)
    html = (Path(folder) / f"{kind}.html").read_text() if alone else ""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    if alone:
        pdf = html_to_pdf(html)
    else:
        # Without a broker the job runs in-process as soon as it is committed,
        # as it would in a worker.
        job, _new = services.report_request(cycle=target, kind=kind)
        worker.report_generate(job_id=job.pk)
        job.refresh_from_db()
        if job.status != ReportJob.Status.DONE:
            raise SystemExit(f"report job ended {job.status}: {job.error}")
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if not alone:
        with job.file.open("rb") as stored:
            pdf = stored.read()
        services.report_delete(job=job)  # the cached database stays as it was built
    return {
        "seconds": seconds,
        "rss_before_mb": before / 1024,
        "rss_peak_mb": peak / 1024,
        "pages": len(PdfReader(io.BytesIO(pdf)).pages),
        "bytes": len(pdf),
    }
