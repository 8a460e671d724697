"""Time grids: a table whose header cells are times (months, quarters, weeks) and whose rows mark the cells of
the periods an activity runs in ("X", "■", a day number under a month). A Gantt chart typed as a table."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from accord.text.layout.columns import _header_role
from accord.text.timeframe import Context, Precision, Timeframe

# A mark in a grid cell: a cross, a tick, a block, a dot; or the days of the column's month ("1-2", "11").
_MARK = re.compile(r"^\s*(?:[xX✓✔■□▪●•◼█▇░▒▓*+✗✘]+|yes|ja|oui|sí)\s*$")
# Day numbers under a month column, with at most the hours of the day ("25 5:00 PM - 10:00 PM").
_DAYS = re.compile(
    r"^\s*(\d{1,2})(?:\s*[-–—]\s*(\d{1,2}))?"
    r"(?:\s+\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[-–—]\s*\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?)?)?\s*$",
    re.I,
)
MAX_GRID_LABELS = 3  # header cells that are not periods, left of them: the activity, its lead, a note
_GRID_PRECISIONS = (
    Precision.MONTH,
    Precision.QUARTER,
    Precision.WEEK,
    Precision.HALF,
    Precision.YEAR,
    Precision.SEASON,
)


@dataclass(slots=True)
class Grid:
    """The time of each header column of a time grid."""

    table: int | None
    times: dict[int, Timeframe]
    # The header cells left of the periods ("Activity", "Lead"): column -> its header words.
    labels: dict[int, str] = field(default_factory=dict)

    def nearest(self, col: int) -> int:
        """The header column a cell belongs to: its own, or the nearest one (rows shifted by a spanning cell)."""
        return min(self.times, key=lambda c: (abs(c - col), -c))


def grid_header(cells: list[str], table: int | None, ctx: Context | int | None) -> Grid | None:
    """A header row with at least two cells that are periods and one label, or a few labels left of the
    periods ("Activity | Lead | Q1 | Q2"): a time grid."""
    from accord.text import when

    times: dict[int, Timeframe] = {}
    others: dict[int, str] = {}
    for i, cell in enumerate(cells):
        text = cell.strip()
        if not text:
            continue
        tf = when.parse_when(text, ctx) if len(text) <= 30 else None
        if (
            tf is not None
            and tf.start is not None
            and tf.end is not None
            and tf.precision in _GRID_PRECISIONS
            and not tf.note.strip()
        ):
            times[i] = tf
        else:
            others[i] = text
            # One label anywhere, or a few labels left of the periods ("Activity | Lead | Q1 | Q2"), none of
            # them a When column of its own (decided: the cells after it need not be read).
            if len(others) > MAX_GRID_LABELS or (len(others) > 1 and times):
                return None
    if len(times) < 2:
        return None
    if len(others) > 1 and any(_header_role(t) == "when" for t in others.values()):
        return None
    return Grid(table, times, others if len(others) > 1 else {})


def is_mark(cell: str) -> bool:
    return bool(_MARK.match(cell) or _DAYS.match(cell))


def grid_time(grid: Grid, row: list[str], skip: int) -> Timeframe | None:
    """The span of the marked cells of a row (column `skip` holds its text): from the first marked period's
    start to the last one's end; day numbers under a month are those days of it."""
    spans: list[tuple[date, date]] = []
    words: list[str] = []
    for i, cell in enumerate(row):
        if i == skip or not cell.strip() or not is_mark(cell):
            continue
        tf = grid.times[grid.nearest(i)]
        assert tf.start is not None and tf.end is not None
        start, end = tf.start, tf.end
        if (days := _DAYS.match(cell)) and tf.precision == Precision.MONTH:
            first, last = int(days.group(1)), int(days.group(2) or days.group(1))
            try:
                start, end = start.replace(day=first), start.replace(day=last)
            except ValueError:
                continue
            words.append(f"{cell.strip()} {tf.text}")
        else:
            words.append(tf.text)
        spans.append((start, end))
    if not spans:
        return None
    first_day, last_day = min(a for a, _ in spans), max(b for _, b in spans)
    precision = Precision.DAY if first_day == last_day else Precision.DAYS
    if all(not _DAYS.match(c) for i, c in enumerate(row) if i != skip and c.strip()):
        precision = Precision.PERIOD
    return Timeframe(text=" | ".join(words), start=first_day, end=last_day, precision=precision)


def continued_grid(grid: Grid, table: int | None, width: int) -> Grid | None:
    """The same grid on the next page, where a reader gave the table fewer columns (no header row repeated,
    fewer spacer columns): the period columns keep their order and sit at the right end, as the chart draws
    them, so they are mapped from the right. None when the new table is too narrow to hold them."""
    cols = sorted(grid.times)
    first = width - len(cols)
    if first < 1:
        return None
    return Grid(table, {first + k: grid.times[c] for k, c in enumerate(cols)})
