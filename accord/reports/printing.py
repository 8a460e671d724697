"""HTML to PDF with WeasyPrint, fast enough for a long plan: a lean user-agent style sheet, and long documents
printed in parts by several processes at once.

Where WeasyPrint's time goes on a plan of 1,000 items (profiled, docs/benchmarks.md): laying out the text of
some 4,000 table cells (Pango), drawing them, and the cascade. Two things here cut it down.

- The cascade. WeasyPrint's own user-agent style sheet gives every element five pseudo-elements
  (`::marker`, `::footnote-call`, `::footnote-marker`, `::note-call`, `::note-marker`, `::note-callback`),
  each computed for each of the document's thousands of cells. Our documents use no CSS footnotes, and a
  marker only on a list item, so the user-agent sheet here is WeasyPrint's own without the rules on every
  element's pseudo-elements (`::marker` is kept for list items). It is read from the installed WeasyPrint,
  so it follows its version; if WeasyPrint ever stops taking its user-agent sheet where this module hands
  it over, printing falls back to WeasyPrint's (the same output, slower) and a test says so.
- The parts. Page layout is sequential in one process, but the parts of a document (its priorities) are
  independent until they meet on paper. A long document is printed as several HTML documents, one per
  process (forked, so each starts warm); each part starts on a new page. The parts are laid out without
  their page margins, which carry "Page N of M" and can only be known once every part has counted its
  pages; then one "frame" document of M empty pages (the same @page rules: running header, page numbers)
  is printed and laid over the parts' pages, as a form drawn on top of each page's content. The outline
  (bookmarks) and the document's title and language come over from the parts.

Parts run in parallel only where a fork is safe (a POSIX system, and no other thread in the process, as in
gunicorn's sync workers and the command line); elsewhere the whole document is printed in one go. A part
whose process fails or does not answer in time is printed here instead: the file is never lost to a worker.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from functools import cache
from importlib import resources
from typing import Any

# A document is printed in parts when each part would hold at least this many table rows.
ROWS_PER_PART = 250
MAX_PARTS = 4
PART_TIMEOUT_SECONDS = 120.0

# Every page-margin box blank: the parts are laid out without them, the frame draws them.
_MARGIN_BOXES = [
    f"{edge}-{place}"
    for edge, places in (
        ("top", ("left-corner", "left", "center", "right", "right-corner")),
        ("bottom", ("left-corner", "left", "center", "right", "right-corner")),
        ("left", ("top", "middle", "bottom")),
        ("right", ("top", "middle", "bottom")),
    )
    for place in places
]
NO_MARGIN_BOXES = "@page { " + " ".join(f"@{box} {{ content: none }}" for box in _MARGIN_BOXES) + " }"
# The frame document is one empty block per page.
FRAME_CSS = ".sheet + .sheet { break-before: page; }"

_lock = threading.Lock()


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    # Every document is self-contained; refusing every fetch keeps user text from making requests.
    raise ValueError(f"not fetched: {url[:80]}")


@cache
def lean_user_agent_css() -> str:
    """WeasyPrint's user-agent style sheet without its rules on every element's pseudo-elements."""
    text = resources.files("weasyprint.css").joinpath("html5_ua.css").read_text(encoding="utf-8")
    kept = []
    for line in text.splitlines():
        if line.startswith("::marker"):
            kept.append("li" + line)
        elif not line.startswith("::"):
            kept.append(line)
    return "\n".join(kept) + "\n"


@cache
def _html_class() -> Any:
    from weasyprint import CSS, HTML

    if not callable(getattr(HTML, "_ua_stylesheets", None)):
        return HTML
    lean = CSS(string=lean_user_agent_css())

    class LeanHTML(HTML):  # type: ignore[misc]
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [lean]

    return LeanHTML


def uses_lean_user_agent() -> bool:
    return _html_class().__name__ == "LeanHTML"


def render_part(html: str, css: Sequence[str], *, margins: bool = True, hints: bool = False) -> tuple[bytes, int]:
    """One HTML document as PDF bytes and its number of pages."""
    from weasyprint import CSS

    sheets = [CSS(string=text) for text in css]
    if not margins:
        sheets.append(CSS(string=NO_MARGIN_BOXES))
    document = _html_class()(string=html, url_fetcher=_no_fetch).render(stylesheets=sheets, presentational_hints=hints)
    return document.write_pdf(), len(document.pages)


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def part_count(rows: int) -> int:
    """How many parts (processes) print a document of `rows` table rows: one unless it is long and the machine
    has the cores and a safe way to fork."""
    parts = min(rows // ROWS_PER_PART, _cpus(), MAX_PARTS)
    return parts if parts > 1 and can_fork() else 1


def split_evenly(weights: Sequence[int], parts: int) -> list[range]:
    """`parts` consecutive runs of `weights` (indexes) of about the same total, none empty: each run ends where
    the running total comes nearest to its share."""
    count = len(weights)
    parts = max(1, min(parts, count))
    running = list(itertools.accumulate(weights))
    total = running[-1] if running else 0
    bounds = [0]
    for k in range(1, parts):
        share = total * k / parts
        ends = range(bounds[-1] + 1, count - (parts - k) + 1)  # leave at least one weight to each later run
        bounds.append(min(ends, key=lambda end: abs(running[end - 1] - share)))
    bounds.append(count)
    return [range(a, b) for a, b in itertools.pairwise(bounds) if b > a]


def _child(send: Any, html: str, css: Sequence[str], hints: bool) -> None:
    try:
        send.send(render_part(html, css, margins=False, hints=hints))
    except BaseException:  # the parent prints the part itself
        with contextlib.suppress(Exception):
            send.send(None)
    finally:
        send.close()


def _parts_in_parallel(parts: Sequence[str], css: Sequence[str], hints: bool) -> list[tuple[bytes, int]]:
    fork = multiprocessing.get_context("fork")
    children = []
    for html in parts[1:]:
        recv, send = fork.Pipe(duplex=False)
        process = fork.Process(target=_child, args=(send, html, css, hints), daemon=True)
        process.start()
        send.close()
        children.append((process, recv, html))
    results = [render_part(parts[0], css, margins=False, hints=hints)]
    for process, recv, html in children:
        result = None
        with contextlib.suppress(EOFError, OSError):
            if recv.poll(PART_TIMEOUT_SECONDS):
                result = recv.recv()
        recv.close()
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join()
        results.append(result or render_part(html, css, margins=False, hints=hints))
    return results


def write_pdf(
    parts: Sequence[str], css: Sequence[str], *, frame: Callable[[int], str] | None = None, hints: bool = False
) -> bytes:
    """The PDF of a document given as one or more HTML parts (in order) under the style sheets `css`.

    One part is printed as it is. Several are printed at once in forked processes (or in turn where a fork is
    not safe), each from a new page, and `frame(total_pages)` gives the HTML of the frame document whose page
    margins (header, "Page N of M") are laid over them."""
    if len(parts) == 1:
        return render_part(parts[0], css, hints=hints)[0]
    if frame is None:
        raise ValueError("a document printed in parts needs a frame for its page margins")
    with _lock:
        if can_fork():
            printed = _parts_in_parallel(parts, css, hints)
        else:
            printed = [render_part(html, css, margins=False, hints=hints) for html in parts]
        total = sum(pages for _pdf, pages in printed)
        framed, frame_pages = render_part(frame(total), [*css, FRAME_CSS], hints=hints)
    if frame_pages != total:
        raise RuntimeError(f"the frame has {frame_pages} pages for {total}")
    return _combine([pdf for pdf, _pages in printed], framed)


def _combine(pdfs: Sequence[bytes], framed: bytes) -> bytes:
    """The parts' pages in order, each with the frame's page of the same number drawn over it."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    readers = [PdfReader(io.BytesIO(data)) for data in pdfs]
    first = readers[0]
    for reader in readers:
        writer.append(reader, import_outline=False)
    # The outline as one document's: where the first part's is one entry (the title), the later parts' entries
    # (their priorities) go under it, as they would if it had been printed whole.
    top = first.outline
    under, offset = None, 0
    for number, reader in enumerate(readers):
        made = _copy_outline(writer, reader, reader.outline, offset, under)
        if number == 0 and len([item for item in top if not isinstance(item, list)]) == 1:
            under = made
        offset += len(reader.pages)
    if first.metadata:
        writer.add_metadata({k: v for k, v in first.metadata.items() if isinstance(v, str)})
    lang = first.trailer["/Root"].get("/Lang")
    if lang is not None:
        writer._root_object[NameObject("/Lang")] = lang
    frame = PdfReader(io.BytesIO(framed))
    for number, (page, over) in enumerate(zip(writer.pages, frame.pages, strict=True)):
        drawn = over.get_contents()
        form = DecodedStreamObject()
        form.set_data(b"" if drawn is None else drawn.get_data())
        form.update(
            {
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Form"),
                NameObject("/BBox"): ArrayObject(over.mediabox),
                NameObject("/Resources"): over["/Resources"].clone(writer),
            }
        )
        name = f"/AccordFrame{number}"
        page_resources = page["/Resources"].get_object()
        if "/XObject" not in page_resources:
            page_resources[NameObject("/XObject")] = DictionaryObject()
        page_resources["/XObject"].get_object()[NameObject(name)] = writer._add_object(form)
        # The page's own content keeps its graphics state to itself (q … Q), then the frame is drawn on top.
        contents = page.raw_get("/Contents")
        own = contents.get_object()
        streams = (
            list(own)
            if isinstance(own, ArrayObject)
            else [contents if _indirect(contents) else writer._add_object(own)]
        )
        before, after = DecodedStreamObject(), DecodedStreamObject()
        before.set_data(b"q\n")
        after.set_data(f"\nQ\nq {name} Do Q\n".encode())
        page[NameObject("/Contents")] = ArrayObject([writer._add_object(before), *streams, writer._add_object(after)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _copy_outline(writer: Any, reader: Any, items: Any, offset: int, parent: Any) -> Any:
    """The outline entries `items` of `reader`, added under `parent` with their pages moved by `offset`; returns
    the last entry added at this level."""
    from pypdf.generic import Fit

    last = None
    for item in items:
        if isinstance(item, list):
            _copy_outline(writer, reader, item, offset, last)
            continue
        page = reader.get_destination_page_number(item)
        fit = Fit.xyz(left=item.left, top=item.top) if item.top is not None else Fit.fit()
        last = writer.add_outline_item(title=item.title, page_number=offset + page, parent=parent, fit=fit)
    return last


def _indirect(value: Any) -> bool:
    return type(value).__name__ == "IndirectObject"
