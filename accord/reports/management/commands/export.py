"""`accord export PLAN --format docx|pdf|xlsx|csv|md|ics [-o FILE] [--no-status] [--base-url URL]`.

Writes one plan (by id) in one format: to FILE, to the file name the plan's title gives when -o is a folder or
missing, or to standard output with `-o -`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.plans.models import Plan
from accord.reports.exports import FORMATS, file_name, load_plan_export, render


class Command(BaseCommand):
    help = "Export a plan as Word, PDF, Excel, CSV, Markdown or iCalendar."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("plan", type=int, metavar="PLAN", help="the plan's id (as in its page address)")
        parser.add_argument("--format", "-f", required=True, choices=list(FORMATS), dest="fmt")
        parser.add_argument(
            "-o",
            "--output",
            metavar="FILE",
            help="file or folder to write (default: a file named after the plan; - for stdout)",
        )
        parser.add_argument("--no-status", action="store_true", help="leave the Status column out (DOCX, PDF, MD)")
        parser.add_argument("--base-url", default="", help="prefix of the item links (e.g. https://accord.example.org)")

    def handle(self, *args: Any, **opts: Any) -> None:
        plan = Plan.objects.select_related("network", "chair").filter(pk=opts["plan"]).first()
        if plan is None:
            raise CommandError(f"No plan with the id {opts['plan']} (see the address of its page: /plans/ID/).")
        fmt = opts["fmt"]
        export = load_plan_export(plan, base_url=opts["base_url"], status_column=not opts["no_status"])
        data = render(export, fmt)
        target = opts["output"]
        if target == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return
        path = Path(target) if target else Path(file_name(export, fmt))
        if path.is_dir():
            path = path / file_name(export, fmt)
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"{path}: cannot be written ({exc.strerror or exc})") from exc
        self.stdout.write(
            f"{path}: {FORMATS[fmt].label} export of “{export.title}” "
            f"({len(export.items())} items, {len(data):,} bytes)"
        )
