"""Print a report from the command line, through the same job and code path as the web pages."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sel_planner.districts import registry
from sel_planner.districts.models import PlanningCycle
from sel_planner.reports.models import ReportJob
from sel_planner.reports.services import report_request
from sel_planner.reports.tasks import generate_report


class Command(BaseCommand):
    help = "Produce a cycle's annual report, workbook record or one tool's record as a PDF file."

    def add_arguments(self, parser):
        parser.add_argument("--district", required=True, help="The district's short name.")
        parser.add_argument("--cycle", required=True, help="The cycle's short name, e.g. 2026-27.")
        parser.add_argument("--kind", required=True, choices=[k.value for k in ReportJob.Kind])
        parser.add_argument("--tool", default="", help="The tool's short name, with --kind tool.")
        parser.add_argument("--output", required=True, type=Path, help="Where to write the PDF.")

    def handle(self, *args, **options):
        cycle = (
            PlanningCycle.objects.select_related("district")
            .filter(district__slug=options["district"], slug=options["cycle"])
            .first()
        )
        if cycle is None:
            raise CommandError("No such district and cycle.")
        if options["kind"] == ReportJob.Kind.TOOL and registry.get_tool(options["tool"]) is None:
            slugs = ", ".join(t.slug for t in registry.tools())
            raise CommandError(f"--kind tool needs --tool, one of: {slugs}")
        job, _new = report_request(cycle=cycle, kind=options["kind"], tool_slug=options["tool"])
        # The job was queued on commit; run it here as well, the way the worker does (a finished
        # job is skipped, so it is produced once whichever run gets there first).
        generate_report.apply(args=[job.pk])
        job.refresh_from_db()
        if job.status != ReportJob.Status.DONE:
            raise CommandError(job.error or "The report could not be produced.")
        with job.file.open("rb") as source:
            Path(options["output"]).write_bytes(source.read())
        self.stdout.write(f"Wrote {options['output']} ({job.size} bytes)")
