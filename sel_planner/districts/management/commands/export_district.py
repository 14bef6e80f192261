"""Write a district's whole record (every cycle, tool, history row, file) to one zip archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sel_planner.districts.models import AuditAction, District
from sel_planner.districts.portability import district_export
from sel_planner.districts.services import audit_record


class Command(BaseCommand):
    help = "Export every row and file of a district to a zip archive that import_district reads."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The district's short name.")
        parser.add_argument("--output", required=True, type=Path, help="The zip file to write.")

    def handle(self, *args, **options):
        output = options["output"]
        if not output.parent.is_dir():
            raise CommandError(f"The folder {output.parent} does not exist.")
        district = District.objects.filter(slug=options["slug"]).first()
        if district is None:
            raise CommandError(f"No district called {options['slug']}.")
        manifest = district_export(district=district, output=output)
        rows, files = sum(manifest["tables"].values()), len(manifest["files"])
        audit_record(
            district=district,
            actor=None,
            action=AuditAction.EXPORT,
            by="command line",
            rows=rows,
            files=files,
        )
        tables = len(manifest["tables"])
        self.stdout.write(f"Wrote {output}: {rows} rows in {tables} tables, {files} files.")
