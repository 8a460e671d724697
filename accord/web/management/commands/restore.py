"""`accord restore FILE`: load a dump made by `accord dump` into an empty database, checking every table."""

from __future__ import annotations

from pathlib import Path

from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from accord.web import backup


class Command(BaseCommand):
    help = (
        "Load a dump made by accord dump into an empty, migrated database; every table's checksum is compared "
        "with the dump's and nothing is kept on a difference."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a file written by accord dump")
        parser.add_argument(
            "--replace", action="store_true", help="empty the database first (everything in it is lost)"
        )

    def handle(self, *args, file: str, replace: bool, **options):
        path = Path(file)
        try:
            backup.read(path)  # refuse a wrong file before anything is emptied
            if replace:
                call_command("flush", interactive=False, verbosity=0)
            counts = backup.restore(path)
            cache.clear()  # the dump's versions may repeat keys of cached bodies of the database it replaced
        except backup.RestoreError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored {sum(counts.values())} rows of {len(counts)} tables from {file}; every "
            "table matches its checksum."
        )
