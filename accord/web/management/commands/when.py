"""`accord when "PHRASE" [--context 2021 | --context 2021-07-01..2021-12-31] [--deadline]
[--dayfirst | --monthfirst] [--week1 DATE] [--event-day DATE]` and `accord when --tsv FILE [--context ...]`:
show how Accord reads time expressions.

--dayfirst / --monthfirst, --week1 and --event-day say what the rest of a document would: the order of its
numeric dates, the first day of its own week 1, the day of the event it describes (Context.dayfirst, week1,
event_day). They apply to every context (the phrase's or each TSV line's); --week1 and --event-day also give
a context when there is none (the year of week 1, the event's day).

One phrase prints one JSON object: the Timeframe (text, start, end, precision, recurrence, tentative,
deadline, note). With --tsv, FILE ("-" for standard input) holds lines `phrase<TAB>context`; a first line
starting with "phrase" is a header; an empty or missing context means none (or --context when given). It
prints one JSON object per input line, in input order. Every context is checked before anything is printed.
See docs/time-expressions.md.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.text.timeframe import Context
from accord.text.when import parse_when

_HEADER = re.compile(r"phrase(\t|$)", re.IGNORECASE)


def _context(value: str, where: str) -> Context | None:
    value = value.strip()
    if not value:
        return None
    try:
        return Context.parse(value)
    except ValueError as exc:
        if "expected a year" in str(exc) or "is before start" in str(exc):
            raise CommandError(f"{where}: {exc}") from exc
        raise CommandError(
            f"{where}: {value!r} is not a year (2021) or a period (2021-07-01..2021-12-31): {exc}"
        ) from exc


def _day(value: str | None, option: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise CommandError(f"{option}: {value!r} is not a date (2026-05-14)") from exc


class Command(BaseCommand):
    help = "Show how Accord reads a time expression (or each line of a TSV file) as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("phrase", nargs="?", help='the time expression, e.g. "Last week of November"')
        parser.add_argument(
            "--context", default="", help="the year (2021) or period (2021-07-01..2021-12-31) the phrase is read in"
        )
        parser.add_argument(
            "--tsv", metavar="FILE", help='read lines "phrase<TAB>context" from FILE ("-" for standard input)'
        )
        parser.add_argument(
            "--deadline", action="store_true", help="the phrase stood in a Deadline / Due / Target date column"
        )
        order = parser.add_mutually_exclusive_group()
        order.add_argument(
            "--dayfirst",
            dest="dayfirst",
            action="store_const",
            const=True,
            default=None,
            help="the document writes numeric dates day first (04/07 is 4 July)",
        )
        order.add_argument(
            "--monthfirst",
            dest="dayfirst",
            action="store_const",
            const=False,
            help="the document writes numeric dates month first (04/07 is 7 April)",
        )
        parser.add_argument(
            "--week1", metavar="DATE", help='the first day of the document\'s week 1: "week 3" counts from it'
        )
        parser.add_argument(
            "--event-day",
            metavar="DATE",
            help="the day of the event the document describes: a clock time alone is on it",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        phrase: str | None = opts["phrase"]
        tsv: str | None = opts["tsv"]
        if phrase is None and tsv is None:
            raise CommandError('Give a phrase (accord when "July 2021") or --tsv FILE.')
        if phrase is not None and tsv is not None:
            raise CommandError("Give either a phrase or --tsv FILE, not both.")
        default = _context(opts["context"] or "", "--context")
        deadline = bool(opts["deadline"])
        dayfirst: bool | None = opts.get("dayfirst")
        week1 = _day(opts.get("week1"), "--week1")
        event_day = _day(opts.get("event_day"), "--event-day")

        def document(ctx: Context | None) -> Context | None:
            if ctx is None and event_day is not None:
                ctx = Context(event_day, event_day)
            elif ctx is None and week1 is not None:
                ctx = Context.year(week1.year, stated=False)
            if ctx is None:
                if dayfirst is not None:
                    raise CommandError("--dayfirst / --monthfirst need a context (--context 2021)")
                return None
            return replace(
                ctx,
                dayfirst=ctx.dayfirst if dayfirst is None else dayfirst,
                week1=week1 or ctx.week1,
                event_day=event_day or ctx.event_day,
            )

        if phrase is not None:
            self._print(parse_when(phrase, document(default), deadline_column=deadline).to_json())
            return

        assert tsv is not None
        rows: list[tuple[str, Context | None]] = []
        for number, line in enumerate(self._lines(tsv), start=1):
            if number == 1 and _HEADER.match(line):
                continue
            text, _, ctx = line.partition("\t")
            where = f"{'<stdin>' if tsv == '-' else tsv}, line {number}: context"
            rows.append((text, document(_context(ctx, where) or default)))
        for text, ctx in rows:
            self._print(parse_when(text, ctx, deadline_column=deadline).to_json())

    def _lines(self, name: str) -> list[str]:
        if name == "-":
            data = sys.stdin.read()
        else:
            try:
                data = Path(name).read_text(encoding="utf-8-sig")
            except OSError as exc:
                raise CommandError(f"--tsv {name}: {exc.strerror or exc}") from exc
            except UnicodeDecodeError as exc:
                raise CommandError(f"--tsv {name}: not UTF-8 text ({exc.reason})") from exc
        lines = data.split("\n")
        if lines[-1] == "":  # the newline that ends the last line does not start another
            lines.pop()
        return [line.rstrip("\r") for line in lines]

    def _print(self, obj: dict[str, object]) -> None:
        self.stdout.write(json.dumps(obj, ensure_ascii=False))
