"""PDF bytes -> lines and ruled tables, by pdfplumber (pypdf as fallback). Runs in the reading worker
(accord.text.readers.worker), which holds the time and memory limits; `python -m
accord.text.readers.pdf_worker [MEM_MB]` reads one PDF from stdin and prints the JSON, for inspection."""

from __future__ import annotations

import io
import itertools
import json
import sys
from typing import Any

from accord.text.readers.pdf_grid import PageChars, extract_table, find_tables, text_lines


def _limit_memory(megabytes: int) -> None:
    try:
        import resource

        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform: the timeout still holds
        pass


def _encrypted(data: bytes) -> bool:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if not reader.is_encrypted:
        return False
    try:
        return not reader.decrypt("")  # an owner-password-only PDF opens with the empty user password
    except Exception:
        return True


def _lines_of(page: Any, tables: list[Any]) -> list[dict[str, Any]]:
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    filtered = page.filter(outside) if boxes else page
    out = []
    for line in filtered.extract_text_lines(layout=False, strip=True, return_chars=True):
        chars = [c for c in line.get("chars", []) if c.get("text", "").strip()]
        if not line.get("text", "").strip():
            continue
        sizes = [round(float(c.get("size", 0)), 1) for c in chars] or [0.0]
        fonts = [str(c.get("fontname", "")) for c in chars]
        out.append(
            {
                "text": line["text"],
                "top": float(line["top"]),
                "bottom": float(line["bottom"]),
                "x0": float(line["x0"]),
                "x1": float(line["x1"]),
                "size": max(set(sizes), key=sizes.count),
                "bold": bool(fonts) and all("bold" in f.lower() for f in fonts),
                "italic": bool(fonts) and all(("italic" in f.lower() or "oblique" in f.lower()) for f in fonts),
            }
        )
    return out


def _fill_down(table: Any, rows: list[list[Any]]) -> list[list[Any]]:
    """A cell merged down over the rows below gives its text to each of them, as Word does for a vertical
    merge; a cell merged across stays None (the reader keeps later columns in place)."""
    try:
        geometry = [list(r.cells) for r in table.rows]
        # A row's own bottom is its shortest cell's: a cell merged down reaches further.
        bottoms = [min((float(c[3]) for c in r.cells if c is not None), default=float(r.bbox[3])) for r in table.rows]
        tops = [float(r.bbox[1]) for r in table.rows]
    except (AttributeError, TypeError, IndexError):
        return rows
    for i, cells in enumerate(geometry):
        for j, box in enumerate(cells):
            if box is None or i >= len(rows) or j >= len(rows[i]) or float(box[3]) <= bottoms[i] + 1:
                continue
            k = i + 1
            while (
                k < len(rows)
                and k < len(tops)
                and tops[k] < float(box[3]) - 1
                and j < len(rows[k])
                and rows[k][j] is None
            ):
                rows[k][j] = rows[i][j]
                k += 1
    return rows


def _cell_lines(chars: PageChars, box: Any) -> list[tuple[float, float, str]]:
    """(top, bottom, text) of each text line inside a cell."""
    try:
        x0, top, x1, bottom = (float(v) for v in box)
        lines = text_lines(chars, (x0, top, x1, bottom))
    except Exception:  # a cell outside the page or a degenerate box: keep the text as extracted
        return []
    return [(float(ln["top"]), float(ln["bottom"]), ln["text"]) for ln in lines if ln.get("text", "").strip()]


def _rows_by_text_lines(chars: PageChars, table: Any, rows: list[list[Any]]) -> list[list[Any]]:
    """A grid without row rules (a Gantt export: vertical rules only, or rules between some rows): one row
    per text line instead of one tall cell.

    Two shapes: a cell that spans several rows holds lines that fall into different rows (its column has no
    rules: each line goes to the row it sits in, instead of the whole text being copied into every row); and
    a row whose cells hold several lines in two or more columns on shared baselines (no rule between the
    rows at all: the row is split at its lines). A real merged cell (its lines in one row's band) and a
    wrapped cell (one column with several lines) stay as they are."""
    try:
        geometry = [list(r.cells) for r in table.rows]
        tops = [float(r.bbox[1]) for r in table.rows]
        bottom = float(table.bbox[3])
    except (AttributeError, TypeError, IndexError):
        return rows
    if len(geometry) != len(rows):
        return rows
    edges = [*tops[1:], bottom]

    def band(y: float) -> int:
        for k in range(len(tops)):
            if tops[k] - 1 <= y < edges[k] + 1:
                return k
        return -1

    # 1. Cells spanning several rows: their lines to the rows they sit in.
    for i, cells in enumerate(geometry):
        for j, box in enumerate(cells):
            if box is None or j >= len(rows[i]) or float(box[3]) <= edges[i] + 1 or "\n" not in (rows[i][j] or ""):
                continue
            lines = _cell_lines(chars, box)
            placed: dict[int, list[str]] = {}
            for top, bot, text in lines:
                placed.setdefault(band((top + bot) / 2), []).append(text)
            covered = [k for k in range(i, len(rows)) if tops[k] < float(box[3]) - 1]
            if len(covered) < 2 or any(k not in placed for k in covered):
                continue  # a merged cell: some row it covers has none of its lines
            k = i
            while k < len(rows) and tops[k] < float(box[3]) - 1:
                if j < len(rows[k]):
                    rows[k][j] = " ".join(placed.get(k, []))
                k += 1
    # 2. A table with no rule between its rows at all (a header and one tall row, or one tall row): its rows
    # are its text lines, where two or more columns share the baselines. In a table with rules between rows,
    # several lines in a row are wrapped text and stay one row.
    if len(rows) > 2:
        return rows
    out: list[list[Any]] = []
    for i, cells in enumerate(geometry):
        row = rows[i]
        multi = [j for j, c in enumerate(row) if c and "\n" in c and j < len(cells) and cells[j] is not None]
        if len(multi) < 2:
            out.append(row)
            continue
        per_column = {
            j: _cell_lines(chars, cells[j]) for j, c in enumerate(row) if c and j < len(cells) and cells[j] is not None
        }
        baselines: list[float] = []
        for lines in per_column.values():
            for _top, bot, _text in lines:
                if not any(abs(bot - b) <= 2 for b in baselines):
                    baselines.append(bot)
        baselines.sort()
        shared = sum(
            1
            for b in baselines
            if sum(1 for lines in per_column.values() if any(abs(bot - b) <= 2 for _t, bot, _x in lines)) >= 2
        )
        heights = sorted(bot - top for lines in per_column.values() for top, bot, _x in lines)
        gaps = sorted(b - a for a, b in itertools.pairwise(baselines))
        spaced = bool(gaps) and bool(heights) and gaps[len(gaps) // 2] >= 1.5 * heights[len(heights) // 2]
        # Rows of a grid, not wrapped text: most baselines shared by two columns, and spaced wider than the
        # lines of a wrapped paragraph (a row's height, not a line's leading).
        if len(baselines) < 2 or shared < 2 or shared * 2 < len(baselines) or not spaced:
            out.append(row)
            continue
        split: list[list[Any]] = [["" for _ in row] for _ in baselines]
        for j, lines in per_column.items():
            for _top, bot, text in lines:
                k = min(range(len(baselines)), key=lambda n: abs(baselines[n] - bot))
                split[k][j] = f"{split[k][j]} {text}".strip()
        for j, c in enumerate(row):
            if c is None:
                for r in split:
                    r[j] = None
        out.extend(split)
    return out


def extract(data: bytes) -> dict[str, Any]:
    if _encrypted(data):
        return {"error": "encrypted"}
    try:
        import pdfplumber

        pages = []
        chars = 0
        images = 0
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                chars += len(page.chars)
                images += len(page.images)
                index = PageChars(page.chars)
                tables = find_tables(page, {"vertical_strategy": "lines", "horizontal_strategy": "lines"})
                found = []
                real = []
                for t in tables:
                    rows = extract_table(t, index)
                    if not rows or len(rows[0] or []) < 2:
                        continue
                    real.append(t)
                    # None marks a cell covered by a merged neighbour; "" an empty cell.
                    grid = [list(r) for r in rows]
                    if any(c and "\n" in c for r in grid for c in r):
                        split = _rows_by_text_lines(index, t, grid)
                        if len(split) != len(grid):
                            found.append({"top": float(t.bbox[1]), "rows": split})
                            continue
                        grid = split
                    found.append({"top": float(t.bbox[1]), "rows": _fill_down(t, grid)})
                pages.append(
                    {
                        "width": float(page.width),
                        "height": float(page.height),
                        "lines": _lines_of(page, real),
                        "tables": found,
                    }
                )
        if chars == 0:
            return {"error": "no_text", "pages": len(pages), "images": images}
        return {"engine": "pdfplumber", "pages": pages}
    except MemoryError:
        raise
    except Exception as exc:  # pdfminer trips on damaged files pypdf may still read
        first_error = f"{type(exc).__name__}: {exc}"
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        texts: list[str] = [pdf_page.extract_text() or "" for pdf_page in reader.pages]
        if not any(t.strip() for t in texts):
            return {"error": "no_text", "pages": len(texts)}
        return {"engine": "pypdf", "pages": [{"text": t} for t in texts], "warning": first_error}
    except MemoryError:
        raise
    except Exception as exc:
        return {"error": "damaged", "message": f"{first_error}; {type(exc).__name__}: {exc}"}


def main() -> None:
    megabytes = int(sys.argv[1]) if len(sys.argv) > 1 else 1024
    _limit_memory(megabytes)
    data = sys.stdin.buffer.read()
    try:
        result = extract(data)
    except MemoryError:
        result = {"error": "memory"}
    sys.stdout.write(json.dumps(result))


if __name__ == "__main__":
    main()
