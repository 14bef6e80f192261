"""Restore a district from an archive written by export_district."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from sel_planner.districts.portability import ArchiveError, district_import
from sel_planner.uploads import UnreadableFile


class Command(BaseCommand):
    help = "Import a district archive into this site, which must not hold that district yet."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The zip file export_district wrote.")

    def handle(self, *args, **options):
        path = options["archive"]
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        try:
            district = district_import(source=path)
        except UnreadableFile as unreadable:
            raise CommandError(f"{path}: {unreadable}") from unreadable
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        except IntegrityError as error:
            raise CommandError(
                "The archive points to records this site does not have (run migrate first, "
                f"so the reference data is loaded): {error}"
            ) from error
        self.stdout.write(f"Imported {district.name} ({district.slug}).")
