"""Time and peak memory of the demo district's annual report and workbook PDFs.

Each measurement runs in a fresh Python process (so peak memory is that job's alone): the whole
job as the worker runs it (`report_generate`: gathering, templates, WeasyPrint, storing), and
WeasyPrint alone on the same HTML.

Usage: .venv/bin/python scripts/bench_reports.py [rounds]   (uses a throwaway SQLite database)
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(os.environ.get("BENCH_REPORTS_WORK") or tempfile.mkdtemp())
os.environ["BENCH_REPORTS_WORK"] = str(WORK)  # the measuring processes share the database
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sel_planner.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORK}/bench.sqlite3")
os.environ.setdefault("MEDIA_ROOT", str(WORK / "media"))
os.environ.setdefault("DEBUG", "true")
os.environ["CELERY_BROKER_URL"] = ""  # in-process, whatever the shell says


def _setup():
    import django

    django.setup()


def measure(mode: str) -> dict:
    """Run in the child: one job (or WeasyPrint alone), with its time and memory."""
    import io
    import resource
    import time

    _setup()
    from pypdf import PdfReader

    from sel_planner.districts.models import PlanningCycle
    from sel_planner.reports import services
    from sel_planner.reports.pdf import html_to_pdf

    cycle = PlanningCycle.objects.get(district__slug="riverbend", slug="2026-27")
    kind = mode.split("-")[-1]
    html = (WORK / f"{kind}.html").read_text() if mode.startswith("weasyprint") else ""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    if html:
        pdf = html_to_pdf(html)
    else:
        job = services.report_request(cycle=cycle, kind=kind)
        services.report_generate(job_id=job.pk)
        job.refresh_from_db()
        pdf = job.file.read()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "seconds": seconds,
        "rss_before_mb": before / 1024,
        "rss_peak_mb": after / 1024,
        "pages": len(PdfReader(io.BytesIO(pdf)).pages),
        "bytes": len(pdf),
    }


def main(rounds: int) -> None:
    _setup()
    from django.core.management import call_command

    from sel_planner.districts.models import PlanningCycle
    from sel_planner.reports import assembly

    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    cycle = PlanningCycle.objects.get(district__slug="riverbend", slug="2026-27")
    for kind in ("annual", "workbook"):
        (WORK / f"{kind}.html").write_text(assembly.build_html(cycle=cycle, kind=kind))
    modes = ["annual", "weasyprint-annual", "workbook", "weasyprint-workbook"]
    print(f"{rounds} rounds, median; peak RSS of a fresh process (before the job in brackets)")
    print(f"{'measurement':<22} {'pages':>5} {'seconds':>8} {'peak RSS MB':>16}")
    for mode in modes:
        runs = []
        for _ in range(rounds):
            child = subprocess.run(  # noqa: S603 - this script, with fixed arguments
                [sys.executable, __file__, "--child", mode],
                check=True,
                capture_output=True,
                text=True,
                env={**os.environ},
            )
            runs.append(json.loads(child.stdout.strip().splitlines()[-1]))
        m = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
        rss = f"{m['rss_peak_mb']:.0f} ({m['rss_before_mb']:.0f})"
        print(f"{mode:<22} {m['pages']:>5.0f} {m['seconds']:>8.2f} {rss:>16}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(measure(sys.argv[2])))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
