"""Accord's own item spreadsheets (the XLSX and CSV exports): their columns, formula-safe cells, and reading
their rows back into a Draft.

A cell starting with = + - @, a tab or a carriage return would be a formula in Excel, LibreOffice or Sheets, so
CSV cells get a leading apostrophe, the convention those programs show as text. The escape is reversible:
`restore` undoes exactly one `neutralise` (a text that already started with apostrophes before such a character
gets one more), so re-importing our own export never double-escapes and loses nothing.

`draft_from_rows` reads a sheet whose header is ours: one row per item, sections from the No. and Section
columns, the Start and End columns as the interval (the When text re-read for what it says beyond the dates:
ongoing, periodic, a deadline), the status from its label. The rows come from the one spreadsheet reader
(accord.text.readers.spreadsheet: encodings, delimiters, XLSX read safely, limits): `draft_from_blocks` takes
the blocks it gives and maps the sheets whose header is ours; any other sheet is the layout's to read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from accord.text.draft import Draft, DraftItem, DraftSection, ItemKind, Location
from accord.text.readers.blocks import Block, Table
from accord.text.status import read_status
from accord.text.timeframe import Context, Precision, Timeframe
from accord.text.who import parse_who

__all__ = ["COLUMNS", "draft_from_blocks", "draft_from_rows", "is_item_sheet", "item_tables", "neutralise", "restore"]

COLUMNS = (
    "Plan",
    "No.",
    "Section",
    "What",
    "Owners",
    "When",
    "Start",
    "End",
    "Precision",
    "Status",
    "Tentative",
    "Open call",
    "Last change",
    "Link",
)

_ESCAPED = re.compile(r"^'+[=+\-@\t\r]")
_NEEDS = re.compile(r"^'*[=+\-@\t\r]")


def neutralise(text: str) -> str:
    return "'" + text if _NEEDS.match(text) else text


def restore(text: str) -> str:
    return text[1:] if _ESCAPED.match(text) else text


def _key(cell: str) -> str:
    return " ".join(cell.strip().casefold().split())


def is_item_sheet(header: list[str]) -> bool:
    """True when a sheet's first row is our export's header (the columns may be reordered, others added)."""
    keys = {_key(c) for c in header}
    return {"what", "owners", "when", "start", "end"} <= keys and "section" in keys


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()[:10]) if text.strip() else None
    except ValueError:
        return None


def _yes(text: str) -> bool:
    return _key(text) in ("yes", "true", "1", "x", "oui", "ja", "sí", "si")


def item_tables(blocks: Sequence[Block]) -> list[Table]:
    """The tables of a spreadsheet's blocks whose header row is our export's."""
    return [b for b in blocks if isinstance(b, Table) and b.header is not None and is_item_sheet(b.header)]


def draft_from_blocks(source: str, blocks: Sequence[Block]) -> Draft | None:
    """The Draft of a spreadsheet read by accord.text.readers when its sheet is one of our item sheets (the
    first such sheet; a CSV's cells went through `neutralise`, an XLSX's hold the text itself), else None."""
    tables = item_tables(blocks)
    if not tables:
        return None
    table = tables[0]
    assert table.header is not None
    numbers = [loc.row for loc in table.row_locations]
    return draft_from_rows(
        source,
        [table.header, *table.rows],
        escaped=table.sheet is None,
        row_numbers=numbers if all(n is not None for n in numbers) else None,
    )


def draft_from_rows(
    source: str, rows: list[list[str]], *, escaped: bool = True, row_numbers: Sequence[int | None] | None = None
) -> Draft:
    """The Draft of an item sheet (`rows[0]` is the header; check it with is_item_sheet first). `escaped`: the
    cells went through `neutralise` (CSV); an XLSX's string cells hold the text itself. `row_numbers`: the
    sheet's row number of each row after the header (by default the header is row 1 and no row is skipped)."""
    unescape = restore if escaped else (lambda text: text)
    from accord.text.when import parse_when

    header = [_key(c) for c in rows[0]]
    col = {name: header.index(_key(name)) for name in COLUMNS if _key(name) in header}

    def cell(row: list[str], name: str) -> str:
        i = col.get(name)
        return unescape(row[i]).strip() if i is not None and i < len(row) and row[i] is not None else ""

    draft = Draft(source=source)
    sections: dict[tuple[str, str], DraftSection] = {}
    for i, row in enumerate(rows[1:]):
        number = row_numbers[i] if row_numbers is not None and i < len(row_numbers) else None
        n = number if number is not None else i + 2
        if not any((c or "").strip() for c in row):
            continue
        if not draft.title:
            draft.title = cell(row, "Plan")
        what = cell(row, "What")
        key = (cell(row, "No."), cell(row, "Section"))
        section = sections.get(key)
        if section is None:
            section = sections[key] = DraftSection(
                number=key[0] or None, title=key[1] or None, location=Location(row=n)
            )
            draft.sections.append(section)
        if not what:
            continue
        who = parse_who(cell(row, "Owners") or None)
        when = cell(row, "When")
        start, end = _date(cell(row, "Start")), _date(cell(row, "End"))
        timeframe = None
        if when or start or end:
            context = Context(start, end) if start and end else (Context.year(start.year) if start else None)
            read = parse_when(when, context) if when else None
            precision = cell(row, "Precision")
            timeframe = Timeframe(
                text=when,
                start=start,
                end=end,
                precision=Precision(precision)
                if precision in Precision.__members__.values()
                else (read.precision if read else Precision.OPEN),
                recurrence=read.recurrence if read else None,
                tentative=_yes(cell(row, "Tentative")),
                deadline=bool(read and read.deadline),
                note=read.note if read else "",
            )
        status_words = cell(row, "Status")
        section.items.append(
            DraftItem(
                kind=ItemKind.ACTION,
                what=what,
                who_raw=who.raw,
                owners=who.owners,
                open_call=_yes(cell(row, "Open call")) if "Open call" in col else who.open_call,
                when_raw=when or None,
                timeframe=timeframe,
                tentative=_yes(cell(row, "Tentative")),
                location=Location(row=n),
                status=read_status(status_words),
                status_raw=status_words or None,
            )
        )
    starts = [i.timeframe.start for i in draft.items() if i.timeframe and i.timeframe.start]
    ends = [i.timeframe.end for i in draft.items() if i.timeframe and i.timeframe.end]
    if starts and ends:
        draft.period_start, draft.period_end = min(starts), max(ends)
    return draft
