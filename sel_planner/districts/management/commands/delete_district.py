"""Remove a district and everything of it: every cycle, tool record, history row and file."""

import logging

from django.core.management.base import BaseCommand, CommandError

from sel_planner.districts.models import District
from sel_planner.districts.portability import district_delete

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Delete every row of a district (history included) and its files. People's accounts "
        "stay, without the membership. Asks first unless --yes is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The district's short name.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, **options):
        district = District.objects.filter(slug=options["slug"]).first()
        if district is None:
            raise CommandError(f"No district called {options['slug']}.")
        if not options["yes"]:
            self.stdout.write(
                f"This removes {district.name} ({district.slug}) with all its cycles, records, "
                "history, reports and files. It cannot be undone: export it first if in doubt."
            )
            answer = input(f"Type the district's short name ({district.slug}) to delete it: ")
            if answer.strip() != district.slug:
                raise CommandError("Nothing was deleted.")
        removed = district_delete(district=district)
        rows = sum(removed.values())
        # The district's own audit log goes with it; the server log keeps the deletion.
        logger.warning("District %s (%s) deleted: %s rows", district.slug, district.code, rows)
        self.stdout.write(f"Deleted {district.slug}: {rows} rows in {len(removed)} tables.")
