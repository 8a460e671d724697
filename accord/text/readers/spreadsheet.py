"""Spreadsheets: CSV (delimiter sniffed, any encoding) and XLSX (openpyxl read-only, XML through defusedxml).

Each sheet is a Table block, so the layout's column-role scoring reads an action list in a spreadsheet the
way it reads a table in Word: a header row when the first row reads as one, rows above it with one filled
cell as the sheet's title lines, merged cells counted once (merged down: the value in each row it covers;
merged across the whole row: a heading inside the table). Provenance: `Table.sheet` is the sheet's name,
each row's Location.row its row number in the sheet, `Table.columns` the sheet's column number of each cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections import Counter
from typing import Any

from accord.text.draft import Location
from accord.text.errors import DocumentError, DocumentTooLarge
from accord.text.readers.blocks import Block, Heading, Paragraph, Table, clean_inline
from accord.text.readers.text import decode_text

MAX_COLUMNS = 256
MAX_ROWS = 20_000  # rows read across all sheets (empty rows do not count)
MAX_CELL = 10_000  # characters kept of one cell
MAX_SHEETS = 100
_DELIMITERS = (",", ";", "\t", "|")
_DEFAULT_SHEET = re.compile(r"^(?:sheet|feuil(?:le)?|tabelle|hoja|blad|foglio|planilha|arkusz|list)\s*\d*$", re.I)
_NUMBERISH = re.compile(r"^[\d\s.,:/%+\-–€$£]+$")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


# --- CSV ---------------------------------------------------------------------------------------------------


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most consistent number of fields (two or more)."""
    lines = [ln for ln in text[:65536].split("\n")[:50] if ln.strip()]
    best, best_score = ",", (-1.0, 0)
    for delim in _DELIMITERS:
        try:
            widths = [len(r) for r in csv.reader(lines, delimiter=delim)]
        except csv.Error:
            continue
        if not widths:
            continue
        width, count = Counter(widths).most_common(1)[0]
        if width < 2:
            continue
        score = (count / len(widths), width)
        if score > best_score:
            best, best_score = delim, score
    return best


def read_csv(data: bytes | str, name: str = "document.csv") -> list[Block]:
    text = decode_text(data) if isinstance(data, bytes) else data
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    delim = sniff_delimiter(text)
    grid: list[list[str]] = []
    numbers: list[int] = []
    try:
        for n, row in enumerate(csv.reader(io.StringIO(text), delimiter=delim), start=1):
            cells = [_clean(c) for c in row[:MAX_COLUMNS]]
            if any(cells):
                grid.append(cells)
                numbers.append(n)
                if len(grid) > MAX_ROWS:
                    raise DocumentTooLarge(name, f"the file has more than {MAX_ROWS:,} rows: split it")
    except csv.Error as exc:
        raise DocumentError(name, f"the CSV file cannot be read ({exc})") from exc
    return sheet_blocks(grid, numbers, None, set(), table_no=1, sheet=None)


# --- XLSX --------------------------------------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return _clean(str(value))


def _clean(text: str) -> str:
    return clean_inline(text[:MAX_CELL], markdown=False, html_tags=False)


def _ranges(zf: zipfile.ZipFile, path: str) -> list[tuple[int, int, int, int]]:
    """Merged ranges of a sheet (min_row, min_col, max_row, max_col): read-only mode does not load them."""
    from defusedxml import ElementTree as SafeET  # type: ignore[import-untyped]
    from openpyxl.utils.cell import range_boundaries  # type: ignore[import-untyped]

    out: list[tuple[int, int, int, int]] = []
    try:
        with zf.open(path) as fh:
            for _event, el in SafeET.iterparse(fh, events=("end",), forbid_dtd=True):
                if el.tag == f"{_MAIN}mergeCell" and el.get("ref"):
                    try:
                        c1, r1, c2, r2 = range_boundaries(el.get("ref"))
                    except (ValueError, TypeError):
                        continue
                    if None not in (c1, r1, c2, r2):
                        out.append((int(r1), int(c1), int(r2), int(c2)))
                elif el.tag == f"{_MAIN}row":
                    el.clear()  # keep memory flat over a long sheet
    except KeyError:
        return []
    return out


def read_xlsx(data: bytes, name: str = "document.xlsx") -> list[Block]:
    from accord.text.readers.docx import check_zip

    check_zip(data, name, kind="xlsx")
    import openpyxl  # type: ignore[import-untyped]

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except DocumentError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on broken packages
        raise DocumentError(name, f"the spreadsheet cannot be opened ({type(exc).__name__}: {exc})") from exc
    blocks: list[Block] = []
    sheets = [ws for ws in workbook.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
    if len(sheets) > MAX_SHEETS:
        raise DocumentTooLarge(name, f"the workbook has {len(sheets)} sheets; the limit is {MAX_SHEETS}")
    total = 0
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for sheet_no, ws in enumerate(sheets, start=1):
            merges = _ranges(zf, str(getattr(ws, "_worksheet_path", "")).lstrip("/"))
            if hasattr(ws, "reset_dimensions"):
                ws.reset_dimensions()  # a stated dimension of A1:XFD1048576 must not pad every row
            grid: list[list[str]] = []
            numbers: list[int] = []
            for row in ws.iter_rows():
                cells: list[str] = []
                row_no = None
                for cell in row:
                    col = getattr(cell, "column", None)
                    row_no = getattr(cell, "row", row_no)
                    if col is None or col > MAX_COLUMNS:
                        continue
                    while len(cells) < col - 1:
                        cells.append("")
                    cells.append(_cell_text(cell.value))
                if row_no is None:
                    continue
                cover = _merge_fill(merges, row_no)
                for col, value in cover.items():
                    if col <= MAX_COLUMNS:
                        while len(cells) < col:
                            cells.append("")
                        if not cells[col - 1]:
                            cells[col - 1] = value(grid, numbers)
                if any(cells):
                    grid.append(cells)
                    numbers.append(row_no)
                    total += 1
                    if total > MAX_ROWS:
                        raise DocumentTooLarge(name, f"the workbook has more than {MAX_ROWS:,} filled rows: split it")
            full = _full_width_rows(merges, grid, numbers)
            title = ws.title if len(sheets) > 1 and not _DEFAULT_SHEET.match(ws.title or "") else None
            if title and grid:
                blocks.append(Heading(2, title, None, location=Location(table=sheet_no)))
            blocks.extend(sheet_blocks(grid, numbers, merges, full, table_no=sheet_no, sheet=ws.title))
    workbook.close()
    return blocks


class _CopyFrom:
    """The value of a vertically merged range's top cell, for each row below it in the range."""

    def __init__(self, row: int, col: int) -> None:
        self.row, self.col = row, col

    def __call__(self, grid: list[list[str]], numbers: list[int]) -> str:
        for cells, n in zip(reversed(grid), reversed(numbers), strict=True):
            if n == self.row:
                return cells[self.col - 1] if self.col - 1 < len(cells) else ""
            if n < self.row:
                break
        return ""


def _merge_fill(merges: list[tuple[int, int, int, int]], row: int) -> dict[int, _CopyFrom]:
    """Cells of `row` covered by a range merged down from a row above: they show the top cell's text."""
    out: dict[int, _CopyFrom] = {}
    for r1, c1, r2, c2 in merges:
        if r1 < row <= r2 and c1 == c2:
            out[c1] = _CopyFrom(r1, c1)
    return out


def _full_width_rows(merges: list[tuple[int, int, int, int]], grid: list[list[str]], numbers: list[int]) -> set[int]:
    """Rows (indices in `grid`) that are one range merged across every used column: headings in the table."""
    width = max((len(r) for r in grid), default=0)
    spans = {r1: (c1, c2) for r1, c1, r2, c2 in merges if r1 == r2 and c2 > c1}
    out: set[int] = set()
    for i, n in enumerate(numbers):
        span = spans.get(n)
        if span and span[0] <= 1 and span[1] >= width and sum(1 for c in grid[i] if c) == 1:
            out.add(i)
    return out


# --- shared: a grid of cells as blocks -----------------------------------------------------------------------


def _is_header(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return len(filled) >= 2 and all(len(c) <= 80 and not _NUMBERISH.match(c) for c in filled)


def sheet_blocks(
    grid: list[list[str]],
    numbers: list[int],
    merges: list[tuple[int, int, int, int]] | None,
    full_width: set[int],
    *,
    table_no: int,
    sheet: str | None,
) -> list[Block]:
    """Title lines, then one Table: empty columns dropped, the header row found, provenance kept."""
    if not grid:
        return []
    width = max(len(r) for r in grid)
    used = [c for c in range(width) if any(c < len(r) and r[c] for r in grid)]
    rows = [[r[c] if c < len(r) else "" for c in used] for r in grid]
    columns = [c + 1 for c in used]
    blocks: list[Block] = []
    start = 0
    # Lines above the table with one filled cell (a title, a period, a note) are the sheet's paragraphs.
    while start < len(rows) - 1 and sum(1 for c in rows[start] if c) == 1 and start not in full_width:
        text = next(c for c in rows[start] if c)
        blocks.append(Paragraph(text, location=Location(table=table_no, row=numbers[start])))
        start += 1
    header: list[str] | None = None
    if start < len(rows) - 1 and _is_header(rows[start]):
        header = rows[start]
        # A second header row under a row of merged group labels ("Dates" over "Start" and "End").
        nxt = rows[start + 1] if start + 1 < len(rows) - 1 else None
        grouped = merges is not None and any(r1 == r2 == numbers[start] and c2 > c1 for r1, c1, r2, c2 in merges)
        if nxt is not None and grouped and _is_header(nxt):
            header = list(header)
            for r1, c1, r2, c2 in merges or []:
                if r1 == r2 == numbers[start] and c1 in columns:
                    label = header[columns.index(c1)]
                    for c in range(c1 + 1, c2 + 1):
                        if c in columns and not header[columns.index(c)]:
                            header[columns.index(c)] = label
            header = [
                f"{top} {low}".strip() if low and low != top else top for top, low in zip(header, nxt, strict=True)
            ]
            start += 1
        start += 1
    body = rows[start:]
    locs = [Location(table=table_no, row=numbers[i]) for i in range(start, len(rows))]
    full = {i - start for i in full_width if i >= start}
    blocks.append(
        Table(
            body,
            header,
            locs,
            location=Location(table=table_no, row=numbers[0]),
            full_width_rows=full,
            sheet=sheet,
            columns=columns,
        )
    )
    return blocks
