"""PDF: text lines and ruled tables in reading order, read by pdfplumber (pypdf as fallback) in the warm
worker process, under its time and memory limits (see worker and pdf_worker)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from accord.text.draft import Location
from accord.text.errors import DocumentError, EncryptedDocument, NoTextLayer
from accord.text.readers.blocks import (
    Blank,
    Block,
    Heading,
    ListItem,
    Paragraph,
    Table,
    clean_inline,
    promote_numbered_headings,
)
from accord.text.readers.text import _BULLET, _NUMBERED, classify_lines


def read_pdf(
    data: bytes, name: str = "document.pdf", *, timeout: float | None = None, memory_mb: int | None = None
) -> list[Block]:
    """A PDF's blocks, read in the warm worker process under its time and memory limits."""
    from accord.text.readers import worker

    return worker.read_isolated(
        name, "pdf", data, timeout=timeout or worker.TIMEOUT_SECONDS, memory_mb=memory_mb or worker.MEMORY_MB
    )


def read_pdf_inprocess(data: bytes, name: str = "document.pdf") -> list[Block]:
    """A PDF's blocks, read here (the worker child calls this; it runs under the limits)."""
    from accord.text.readers.pdf_worker import extract

    result = extract(data)
    error = result.get("error")
    if error == "encrypted":
        raise EncryptedDocument(name, "the PDF is encrypted with a password: remove the protection and upload it again")
    if error == "no_text":
        raise NoTextLayer(
            name,
            "no text layer: this looks like a scanned document (run OCR on it first, or upload the original Word file)",
        )
    if error:
        raise DocumentError(name, f"the PDF is damaged and cannot be read ({result.get('message', error)})")
    if result.get("engine") == "pypdf":
        blocks: list[Block] = []
        for n, page in enumerate(result["pages"], start=1):
            blocks.extend(classify_lines((ln, Location(page=n)) for ln in page["text"].split("\n")))
        return blocks
    return _layout_pages(result["pages"])


def _join_cell_lines(text: str) -> str:
    """Wrapped lines of a cell, joined; a URL broken by the wrap is glued back (URLs have no spaces), and so is a
    compound word wrapped after its hyphen ("early-" / "career")."""
    lines = text.split("\n")
    out = lines[0] if lines else ""
    for line in lines[1:]:
        last = out.split(" ")[-1] if out else ""
        glue = "://" in last and not last.endswith((".", ",")) and line[:1] not in (" ", "")
        glue = glue or (len(last) > 1 and last.endswith("-") and last[-2].isalnum() and line[:1].isalnum())
        out += ("" if glue else " ") + line
    return out


_CLOCK_START = re.compile(r"^\s*\d{1,2}[:.h]\d{2}\b")  # "09:30 – 11:00 Opening": a line of an agenda


def _starts_block(text: str) -> bool:
    # An arrow at the start of a wrapped line continues a "what → when" sentence more often than it starts a
    # list: the wrap test (a full line before, a small gap) decides.
    return bool(
        (_BULLET.match(text) and not text.lstrip().startswith(("→", "->")))
        or _NUMBERED.match(text)
        or _CLOCK_START.match(text)
    )


def _running_lines(pages: list[dict[str, Any]]) -> set[str]:
    """Headers and footers: the same words (page numbers aside) near the top or bottom of several pages."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for page in pages:
        height = float(page.get("height") or 842.0)
        keys = {
            re.sub(r"\d+", "#", ln["text"].strip())
            for ln in page["lines"]
            if ln["top"] < height * 0.08 or ln["bottom"] > height * 0.92
        }
        seen.update(keys)
    return {k for k, n in seen.items() if n >= 2}


def _table_rows(raw: list[list[str | None]]) -> tuple[list[list[str]], set[int]]:
    """Cell texts, and the rows that are one cell merged across the table (None marks a covered cell)."""
    rows = [[clean_inline(_join_cell_lines(c or "")) for c in r] for r in raw]
    full = {i for i, r in enumerate(raw) if len(r) > 1 and r[0] and all(c is None for c in r[1:])}
    return rows, full


def _layout_pages(pages: list[dict[str, Any]]) -> list[Block]:
    """Lines back into paragraphs: a small gap after a full line is a wrapped line, a larger one a break."""
    running = _running_lines(pages)
    for page in pages:
        height = float(page.get("height") or 842.0)
        page["lines"] = [
            ln
            for ln in page["lines"]
            if not (
                (ln["top"] < height * 0.08 or ln["bottom"] > height * 0.92)
                and re.sub(r"\d+", "#", ln["text"].strip()) in running
            )
        ]
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page["lines"]:
            # Body text runs in long lines; short lines (headings) count for little, so a document of
            # headings and tables still finds its body size.
            sizes[line["size"]] += len(line["text"]) if len(line["text"]) >= 40 else len(line["text"]) // 5
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    larger = sorted({s for s in sizes if s >= body * 1.15}, reverse=True)
    blocks: list[Block] = []
    tables = 0
    list_x: list[float] = []  # x of each open list level
    for page_no, page in enumerate(pages, start=1):
        lines = page["lines"]
        left = min((ln["x0"] for ln in lines), default=0.0)
        # The text's right edge: the longest line's, or the page's right margin when every line is short
        # (margins mirror each other), so a short line is never taken for a full, wrapped one.
        right = max(max((ln["x1"] for ln in lines), default=0.0), float(page.get("width", 600.0)) - left)
        items: list[tuple[float, str, Any]] = [(ln["top"], "line", ln) for ln in lines]
        items += [(t["top"], "table", t) for t in page["tables"]]
        items.sort(key=lambda x: x[0])
        prev: dict[str, Any] | None = None
        current: list[str] = []
        current_meta: dict[str, Any] | None = None

        def flush(page_no: int = page_no, left: float = left) -> None:
            nonlocal current, current_meta
            if not current or current_meta is None:
                current, current_meta = [], None
                return
            meta = current_meta
            text = " ".join(current)
            loc = Location(page=page_no)
            if meta["size"] in larger and len(text) < 200:
                level = larger.index(meta["size"]) + 1
                heading = classify_lines([(text, loc)])
                if heading and isinstance(heading[0], Heading):
                    blocks.extend(heading)
                else:
                    block = heading[0] if heading else None
                    number = None
                    if isinstance(block, ListItem) and block.marker[:1].isdigit():
                        number = block.marker.rstrip(".)")
                        text = block.text
                    blocks.append(Heading(level, clean_inline(text), number, location=loc))
            else:
                indent = " " * max(0, int((meta["x0"] - left) / 6))
                classified = classify_lines([(indent + text, loc)])
                for b in classified:
                    if isinstance(b, ListItem):
                        # Lines are classified one at a time: the list's levels come from the x positions.
                        x = float(meta["x0"])
                        while list_x and x < list_x[-1] - 2:
                            list_x.pop()
                        if not list_x or x > list_x[-1] + 2:
                            list_x.append(x)
                        b.level = len(list_x) - 1
                    else:
                        list_x.clear()
                    if isinstance(b, Paragraph) and meta["italic"]:
                        b.style = "emphasis"
                    elif isinstance(b, Paragraph) and meta.get("bold"):
                        b.style = "strong"
                blocks.extend(classified)
            current, current_meta = [], None

        for _top, kind, obj in items:
            if kind == "table":
                flush()
                tables += 1
                rows, full = _table_rows(obj["rows"])
                locs = [Location(page=page_no, table=tables, row=i) for i in range(1, len(rows) + 1)]
                blocks.append(
                    Table(rows, None, locs, location=Location(page=page_no, table=tables), full_width_rows=full)
                )
                prev = None
                continue
            line = obj
            size = line["size"] or body
            if prev is not None:
                gap = line["top"] - prev["bottom"]
                wrapped = (
                    gap < 0.5 * size
                    and prev["x1"] >= left + 0.75 * (right - left)
                    and not _starts_block(line["text"])
                    and line["size"] == prev["size"]
                    and current_meta is not None
                )
                if wrapped:
                    current.append(line["text"])
                    prev = line
                    continue
                flush()
                if gap >= 0.5 * size:
                    count = max(1, round((gap - 0.2 * size) / (1.2 * size)))
                    blocks.append(Blank(location=Location(page=page_no), count=count))
            else:
                flush()
            current = [line["text"]]
            current_meta = line
            prev = line
        flush()
        blocks.append(Blank(location=Location(page=page_no), count=1))
    # Merge blank runs the page breaks left behind.
    merged: list[Block] = []
    for b in blocks:
        if isinstance(b, Blank) and merged and isinstance(merged[-1], Blank):
            merged[-1].count += b.count
        else:
            merged.append(b)
    return promote_numbered_headings(merged)
