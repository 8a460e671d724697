"""PDF bytes -> lines and ruled tables, by pdfplumber (pypdf as fallback). Runs in the reading worker
(accord.text.readers.worker), which holds the time and memory limits; `python -m
accord.text.readers.pdf_worker [MEM_MB]` reads one PDF from stdin and prints the JSON, for inspection."""

from __future__ import annotations

import io
import json
import sys
from typing import Any


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
        out.append({
            "text": line["text"],
            "top": float(line["top"]),
            "bottom": float(line["bottom"]),
            "x0": float(line["x0"]),
            "x1": float(line["x1"]),
            "size": max(set(sizes), key=sizes.count),
            "bold": bool(fonts) and all("bold" in f.lower() for f in fonts),
            "italic": bool(fonts) and all(("italic" in f.lower() or "oblique" in f.lower()) for f in fonts),
        })
    return out


def _fill_down(table: Any, rows: list[list[Any]]) -> list[list[Any]]:
    """A cell merged down over the rows below gives its text to each of them, as Word does for a vertical
    merge; a cell merged across stays None (the reader keeps later columns in place)."""
    try:
        geometry = [list(r.cells) for r in table.rows]
        # A row's own bottom is its shortest cell's: a cell merged down reaches further.
        bottoms = [min((float(c[3]) for c in r.cells if c is not None), default=float(r.bbox[3]))
                   for r in table.rows]
        tops = [float(r.bbox[1]) for r in table.rows]
    except (AttributeError, TypeError, IndexError):
        return rows
    for i, cells in enumerate(geometry):
        for j, box in enumerate(cells):
            if box is None or i >= len(rows) or j >= len(rows[i]) or float(box[3]) <= bottoms[i] + 1:
                continue
            k = i + 1
            while k < len(rows) and k < len(tops) and tops[k] < float(box[3]) - 1 and j < len(rows[k]) \
                    and rows[k][j] is None:
                rows[k][j] = rows[i][j]
                k += 1
    return rows


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
                tables = page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
                found = []
                for t in tables:
                    rows = t.extract()
                    if not rows or len(rows[0] or []) < 2:
                        continue
                    # None marks a cell covered by a merged neighbour; "" an empty cell.
                    found.append({"top": float(t.bbox[1]), "rows": _fill_down(t, [list(r) for r in rows])})
                real = [t for t in tables if (t.extract() and len(t.extract()[0] or []) >= 2)]
                pages.append({"width": float(page.width), "height": float(page.height),
                              "lines": _lines_of(page, real), "tables": found})
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
