"""Word .docx through python-docx, after the ZIP and its XML have been checked for bombs.

Body paragraphs and tables are read in document order (iter_inner_content), heading and Title styles give
headings, list paragraphs give list items with their level, merged table cells count once, and the
footnotes part gives footnotes.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
from defusedxml import ElementTree as SafeET

from accord.text.draft import Location
from accord.text.errors import DocumentError, UnsafeDocument, UnsupportedFormat
from accord.text.readers.blocks import (
    Blank,
    Block,
    Footnote,
    Heading,
    ListItem,
    Paragraph,
    Table,
    clean_inline,
    links_of,
    promote_numbered_headings,
)
from accord.text.readers.text import classify_lines, heading_number

MAX_ENTRIES = 1000
MAX_UNPACKED = 200 * 1024 * 1024
MAX_ENTRY = 100 * 1024 * 1024
MAX_RATIO = 100  # deflate rarely beats 20:1 on real XML; a bomb is in the thousands
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def check_zip(data: bytes, name: str) -> None:
    """Refuse archives built to exhaust memory or disk, before any parser inflates them."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise DocumentError(name, f"the Word file is damaged or truncated ({exc})") from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise UnsafeDocument(name, f"the archive has {len(infos)} entries (limit {MAX_ENTRIES}): "
                                       "not a normal Word document")
        total = sum(i.file_size for i in infos)
        if total > MAX_UNPACKED:
            raise UnsafeDocument(name, f"the archive unpacks to {total / 1048576:.0f} MB "
                                       f"(limit {MAX_UNPACKED / 1048576:.0f} MB): refused as a zip bomb")
        for info in infos:
            if info.file_size > MAX_ENTRY:
                raise UnsafeDocument(name, f"{info.filename} unpacks to {info.file_size / 1048576:.0f} MB: "
                                           "refused as a zip bomb")
            if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                ratio = info.file_size // max(info.compress_size, 1)
                raise UnsafeDocument(name, f"{info.filename} is compressed {ratio}:1: refused as a zip bomb")
        names = {i.filename for i in infos}
        if "word/document.xml" not in names:
            raise UnsupportedFormat(name, "a ZIP archive, but not a Word .docx document")
        for info in infos:
            if not info.filename.endswith((".xml", ".rels")):
                continue
            try:
                # Read in bounded chunks: the header's sizes can lie, the inflated bytes cannot.
                with zf.open(info) as fh:
                    chunks: list[bytes] = []
                    got = 0
                    while chunk := fh.read(1 << 20):
                        got += len(chunk)
                        if got > MAX_ENTRY:
                            raise UnsafeDocument(name, f"{info.filename} inflates beyond its stated size: "
                                                       "refused as a zip bomb")
                        chunks.append(chunk)
                xml = b"".join(chunks)
            except (zipfile.BadZipFile, EOFError, OSError, ValueError, zlib_error()) as exc:
                raise DocumentError(name, f"the Word file is damaged or truncated ({info.filename}: {exc})") \
                    from exc
            if b"<!" not in xml.replace(b"<![CDATA[", b""):
                continue  # no DTD, no entity declaration possible: skip the full parse (it dominates the cost)
            try:
                SafeET.fromstring(xml, forbid_dtd=True, forbid_entities=True, forbid_external=True)
            except DefusedXmlException as exc:
                raise UnsafeDocument(name, f"{info.filename} declares a DTD or entities "
                                           f"({type(exc).__name__}): refused (XML bomb or external entity)") \
                    from exc
            except ParseError as exc:
                raise DocumentError(name, f"the Word file is damaged: {info.filename} is not well-formed XML "
                                          f"({exc})") from exc


def zlib_error() -> type[Exception]:
    import zlib

    return zlib.error


def _footnotes(data: bytes) -> list[tuple[str, str]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        if "word/footnotes.xml" not in zf.namelist():
            return []
        root = SafeET.fromstring(zf.read("word/footnotes.xml"), forbid_dtd=True)
    out: list[tuple[str, str]] = []
    for fn in root.iter(f"{_W}footnote"):
        fid = fn.get(f"{_W}id") or ""
        if fn.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        if fid.lstrip("-").isdigit() and int(fid) <= 0:
            continue
        text = clean_inline("".join(t.text or "" for t in fn.iter(f"{_W}t")))
        if text:
            out.append((fid, text))
    return out


def _list_info(paragraph: object) -> tuple[int, bool] | None:
    """(level, numbered?) when a paragraph is a list item, by numbering properties or a list style."""
    p = paragraph._p  # type: ignore[attr-defined]
    style = (paragraph.style.name if paragraph.style is not None else "") or ""  # type: ignore[attr-defined]
    ppr = p.pPr
    num = ppr.numPr if ppr is not None else None
    level = 0
    if num is not None and num.ilvl is not None and num.ilvl.val is not None:
        level = int(num.ilvl.val)
    m = re.search(r"list\s*(bullet|number|paragraph|continue)?\s*(\d)?", style, re.I)
    if num is None and not m:
        return None
    if m and m.group(2):
        level = max(level, int(m.group(2)) - 1)
    numbered = bool(m and (m.group(1) or "").lower() == "number")
    return level, numbered


def _cells(row: object) -> list[str]:
    out: list[str] = []
    seen: list[object] = []
    for cell in row.cells:  # type: ignore[attr-defined]
        if any(cell._tc is s for s in seen):
            # A horizontally merged cell repeats: its text counts once, a blank keeps later columns in place.
            out.append("")
            continue
        seen.append(cell._tc)
        out.append(clean_inline("\n".join(p.text for p in cell.paragraphs)))
    return out


def read_docx(data: bytes, name: str = "document.docx") -> list[Block]:
    check_zip(data, name)
    try:
        import docx
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph as DocxParagraph

        document = docx.Document(io.BytesIO(data))
    except (DocumentError, UnsafeDocument):
        raise
    except Exception as exc:  # python-docx raises many kinds on broken packages
        raise DocumentError(name, f"the Word file cannot be opened ({type(exc).__name__}: {exc})") from exc

    blocks: list[Block] = []
    counters: dict[tuple[str, int], int] = {}
    tables = 0
    position = 0

    def items() -> Iterator[object]:
        yield from document.iter_inner_content()

    for part in items():
        position += 1
        loc = Location(line=position)
        if isinstance(part, DocxTable):
            tables += 1
            rows = [_cells(r) for r in part.rows]
            locs = [Location(table=tables, row=i) for i in range(1, len(rows) + 1)]
            # A row whose cells are all one merged cell is a heading inside the table.
            full_width = {i for i, r in enumerate(part.rows)
                          if len(r.cells) > 1 and all(c._tc is r.cells[0]._tc for c in r.cells)}
            links: list[str] = []
            for r in part.rows:
                for c in r.cells:
                    for p in c.paragraphs:
                        links += [h.url for h in p.hyperlinks if h.url]
            blocks.append(Table(rows, None, locs, location=Location(table=tables), links=links,
                                full_width_rows=full_width))
            continue
        assert isinstance(part, DocxParagraph)
        text = part.text
        links = [h.url for h in part.hyperlinks if h.url] + links_of(text)
        if not text.strip():
            if blocks and isinstance(blocks[-1], Blank):
                blocks[-1].count += 1
            else:
                blocks.append(Blank(location=loc))
            continue
        style = (part.style.name if part.style is not None else "") or ""
        if "\t" in text.strip():
            blocks.extend(classify_lines([(text, loc)]))
            continue
        hm = re.match(r"heading\s*(\d)", style, re.I)
        if style.lower() in ("title", "subtitle") and style.lower() == "title":
            blocks.append(Paragraph(clean_inline(text), "title", location=loc, links=links))
            continue
        if hm:
            level = int(hm.group(1))
            body = clean_inline(text)
            number, body = heading_number(body)
            if number is None and part._p.pPr is not None and part._p.pPr.numPr is not None:
                # Word numbers the heading itself; count as Word would, per level.
                key = ("h", level)
                counters[key] = counters.get(key, 0) + 1
                for (kind, lv) in list(counters):
                    if kind == "h" and lv > level:
                        counters[(kind, lv)] = 0
                number = str(counters[key])
            blocks.append(Heading(level, body, number, location=loc, links=links))
            continue
        info = _list_info(part)
        if info is not None:
            level, numbered = info
            raw = clean_inline(text)
            m = re.match(r"^\s*([-•*❑→◦▪■□➢►✓·●○–])\s+(.*)$", raw)
            if m:
                marker, raw = m.group(1), m.group(2)
            elif numbered:
                key = ("n", level)
                counters[key] = counters.get(key, 0) + 1
                marker = f"{counters[key]}."
            else:
                marker = "-"
            blocks.append(ListItem(level, raw, marker, location=loc, links=links))
            continue
        counters = {k: v for k, v in counters.items() if k[0] == "h"}
        runs = [r for r in part.runs if r.text.strip()]
        para_style = "emphasis" if runs and all(r.italic for r in runs) else \
            "strong" if runs and all(r.bold for r in runs) else None
        classified = classify_lines([(text, loc)])
        if len(classified) == 1 and isinstance(classified[0], Paragraph):
            classified[0].style = classified[0].style or para_style
            classified[0].links = links
        blocks.extend(classified)
    for marker, text in _footnotes(data):
        blocks.append(Footnote(marker, text))
    return promote_numbered_headings(blocks)
