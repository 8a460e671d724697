"""`accord dump FILE`: the whole database in one file, with a checksum per table (see accord/web/backup.py)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from accord.web import backup


class Command(BaseCommand):
    help = "Write the database to FILE (gzip-compressed JSON with a checksum per table); restore with accord restore."

    def add_arguments(self, parser):
        parser.add_argument("file", help="where to write the dump (e.g. accord-2026-12-01.json.gz)")

    def handle(self, *args, file: str, **options):
        counts = backup.dump(Path(file))
        self.stdout.write(f"Dumped {sum(counts.values())} rows of {len(counts)} tables to {file}.")
