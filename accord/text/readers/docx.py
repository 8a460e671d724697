"""Word .docx through python-docx, after the ZIP and its XML have been checked for bombs.

Body paragraphs and tables are read in document order (iter_inner_content), heading and Title styles give
headings, list paragraphs give list items with their level, merged table cells count once, and the
footnotes part gives footnotes.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
from defusedxml import ElementTree as SafeET

from accord.text.draft import Location
from accord.text.errors import DocumentError, DocumentTooLarge, UnsafeDocument, UnsupportedFormat
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


MAX_XML_PART = 32 * 1024 * 1024  # one XML part, inflated: a 1,000-page document's text is a few MB
MAX_XML_TOTAL = 48 * 1024 * 1024  # all XML parts together (images do not count: they are never parsed)
_OFFICE_DOCUMENT = "/officeDocument"
_KINDS = {"docx": ("word/", "Word .docx document", "Word file"), "xlsx": ("xl/", "Excel .xlsx workbook", "spreadsheet")}


def main_part(zf: zipfile.ZipFile, names: set[str]) -> str | None:
    """The package's main part, as its officeDocument relationship in _rels/.rels names it."""
    if "_rels/.rels" in names:
        try:
            root = SafeET.fromstring(
                zf.read("_rels/.rels"), forbid_dtd=True, forbid_entities=True, forbid_external=True
            )
        except (DefusedXmlException, ParseError, zipfile.BadZipFile, ValueError, OSError, EOFError, zlib_error()):
            root = None
        if root is not None:
            for rel in root.iter():
                if str(rel.get("Type") or "").endswith(_OFFICE_DOCUMENT) and rel.get("Target"):
                    target = str(rel.get("Target")).lstrip("/")
                    if target in names:
                        return target
    for default in ("word/document.xml", "xl/workbook.xml"):
        if default in names:
            return default
    return None


def check_zip(data: bytes, name: str, *, kind: str = "docx") -> None:
    """Refuse archives built to exhaust memory or disk, before any parser inflates them."""
    prefix, what, short = _KINDS[kind]
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise DocumentError(name, f"the {short} is damaged or truncated ({exc})") from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise UnsafeDocument(
                name, f"the archive has {len(infos)} entries (limit {MAX_ENTRIES}): not a normal {short}"
            )
        total = sum(i.file_size for i in infos)
        if total > MAX_UNPACKED:
            raise UnsafeDocument(
                name,
                f"the archive unpacks to {total / 1048576:.0f} MB "
                f"(limit {MAX_UNPACKED / 1048576:.0f} MB): refused as a zip bomb",
            )
        xml_total = 0
        for info in infos:
            if info.file_size > MAX_ENTRY:
                raise UnsafeDocument(
                    name, f"{info.filename} unpacks to {info.file_size / 1048576:.0f} MB: refused as a zip bomb"
                )
            if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                ratio = info.file_size // max(info.compress_size, 1)
                raise UnsafeDocument(name, f"{info.filename} is compressed {ratio}:1: refused as a zip bomb")
            if info.filename.endswith((".xml", ".rels")):
                xml_total += info.file_size
                if info.file_size > MAX_XML_PART:
                    raise DocumentTooLarge(
                        name,
                        f"{info.filename} holds {info.file_size / 1048576:.0f} MB of "
                        f"XML (limit {MAX_XML_PART / 1048576:.0f} MB): too large to read",
                    )
        if xml_total > MAX_XML_TOTAL:
            raise DocumentTooLarge(
                name,
                f"the {short} holds {xml_total / 1048576:.0f} MB of XML (limit "
                f"{MAX_XML_TOTAL / 1048576:.0f} MB): too large to read",
            )
        names = {i.filename for i in infos}
        main = main_part(zf, names)
        if main is None or not main.startswith(prefix):
            raise UnsupportedFormat(name, f"a ZIP archive, but not a {what}")
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
                        if got > min(MAX_ENTRY, max(info.file_size, 1 << 20) + (1 << 20)):
                            raise UnsafeDocument(
                                name, f"{info.filename} inflates beyond its stated size: refused as a zip bomb"
                            )
                        chunks.append(chunk)
                xml = b"".join(chunks)
            except (
                zipfile.BadZipFile,
                EOFError,
                OSError,
                ValueError,
                NotImplementedError,
                RuntimeError,
                zlib_error(),
            ) as exc:
                raise DocumentError(name, f"the {short} is damaged or truncated ({info.filename}: {exc})") from exc
            # UTF-16 and UTF-32 parts spell "<!" with NUL bytes between: look without them.
            probe = xml.replace(b"\x00", b"") if b"\x00" in xml[:512] else xml
            if b"<!" not in probe.replace(b"<![CDATA[", b""):
                continue  # no DTD, no entity declaration possible: skip the full parse (it dominates the cost)
            try:
                SafeET.fromstring(xml, forbid_dtd=True, forbid_entities=True, forbid_external=True)
            except DefusedXmlException as exc:
                raise UnsafeDocument(
                    name,
                    f"{info.filename} declares a DTD or entities "
                    f"({type(exc).__name__}): refused (XML bomb or external entity)",
                ) from exc
            except (ParseError, ValueError) as exc:
                raise DocumentError(
                    name, f"the {short} is damaged: {info.filename} is not well-formed XML ({exc})"
                ) from exc


def zlib_error() -> type[Exception]:
    import zlib

    return zlib.error


def _footnotes(document: object) -> list[tuple[str, str]]:
    """The footnotes part, found through the main part's relationships (its name is not fixed)."""
    blob = None
    for rel in document.part.rels.values():  # type: ignore[attr-defined]
        if str(rel.reltype).endswith("/footnotes") and not rel.is_external:
            blob = rel.target_part.blob
            break
    if not blob:
        return []
    root = SafeET.fromstring(blob, forbid_dtd=True)
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


def unwrap_content_controls(element: object) -> int:
    """Content controls (w:sdt, around paragraphs, runs, rows or cells) replaced by what they hold, so their
    text is read like any other; returns how many there were."""
    sdts = list(element.iter(f"{_W}sdt"))  # type: ignore[attr-defined]
    for sdt in sdts:
        parent = sdt.getparent()
        if parent is None:
            continue
        content = sdt.find(f"{_W}sdtContent")
        at = parent.index(sdt)
        for k, child in enumerate(list(content) if content is not None else []):
            parent.insert(at + k, child)
        parent.remove(sdt)
    return len(sdts)


_TAB_RUN = re.compile(r"\t+")


def _tab_fields(text: str) -> int:
    """Fields of a paragraph split at tabs (a run of tabs, set for alignment, is one separator)."""
    body = text.strip(" \n")
    return len(_TAB_RUN.split(body.strip("\t"))) if "\t" in body.strip("\t") else 0


class _StyleNames:
    """Paragraph style names by style id, looked up once per document (python-docx searches every style on
    each `paragraph.style`, which dominates the cost of reading a long document)."""

    def __init__(self, document: object) -> None:
        from docx.enum.style import WD_STYLE_TYPE

        styles = document.styles  # type: ignore[attr-defined]
        self.names: dict[str, str] = {}
        for style in styles:
            if style.type == WD_STYLE_TYPE.PARAGRAPH and style.style_id:
                self.names[style.style_id] = style.name or ""
        default = styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self.default = (default.name or "") if default is not None else ""

    def of(self, paragraph: object) -> str:
        sid = paragraph._p.style  # type: ignore[attr-defined]
        return self.names.get(sid, self.default) if sid else self.default


def _list_info(paragraph: object, style: str) -> tuple[int, bool] | None:
    """(level, numbered?) when a paragraph is a list item, by numbering properties or a list style."""
    p = paragraph._p  # type: ignore[attr-defined]
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


def _cells(row: list[Any]) -> list[str]:
    out: list[str] = []
    seen: list[object] = []
    for cell in row:
        if any(cell._tc is s for s in seen):
            # A horizontally merged cell repeats: its text counts once, a blank keeps later columns in place.
            out.append("")
            continue
        seen.append(cell._tc)
        out.append(clean_inline("\n".join(p.text for p in cell.paragraphs)))
    return out


def _tabular_paragraphs(parts: Sequence[object], paragraph_type: type, names: _StyleNames) -> set[int]:
    """Indices of paragraphs that are rows of a table typed with tabs: two or more consecutive plain
    paragraphs (empty ones between them allowed) split by tabs into the same number of fields, two or more.
    One such paragraph alone is a line with aligned fields, not a table."""
    out: set[int] = set()
    run: list[int] = []
    width = 0

    def close() -> None:
        if len(run) >= 2:
            out.update(run)

    for i, part in enumerate(parts):
        if not isinstance(part, paragraph_type):
            close()
            run, width = [], 0
            continue
        text = part.text  # type: ignore[attr-defined]
        if not text.strip():
            continue
        style = names.of(part)
        fields = 0 if re.match(r"heading|title|subtitle|toc\b", style, re.I) else _tab_fields(text)
        if fields >= 2 and (not run or fields == width):
            run.append(i)
            width = fields
            continue
        close()
        run, width = ([i], fields) if fields >= 2 else ([], 0)
    close()
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

    unwrap_content_controls(document.element.body)
    blocks: list[Block] = []
    counters: dict[tuple[str, int], int] = {}
    tables = 0
    position = 0
    parts = list(document.iter_inner_content())
    names = _StyleNames(document)
    tabular = _tabular_paragraphs(parts, DocxParagraph, names)

    for index, part in enumerate(parts):
        position += 1
        loc = Location(line=position)
        if isinstance(part, DocxTable):
            tables += 1
            # A row's cells are worked out once (python-docx resolves the merges again on each `row.cells`).
            grid = [list(r.cells) for r in part.rows]
            rows = [_cells(r) for r in grid]
            locs = [Location(table=tables, row=i) for i in range(1, len(rows) + 1)]
            # A row whose cells are all one merged cell is a heading inside the table.
            full_width = {i for i, r in enumerate(grid) if len(r) > 1 and all(c._tc is r[0]._tc for c in r)}
            links: list[str] = []
            for r in grid:
                for c in r:
                    for p in c.paragraphs:
                        links += [h.url for h in p.hyperlinks if h.url]
            blocks.append(
                Table(rows, None, locs, location=Location(table=tables), links=links, full_width_rows=full_width)
            )
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
        style = names.of(part)
        if re.match(r"toc\b|table of contents", style, re.I):
            continue  # a table of contents repeats the headings, with page numbers
        if index in tabular:
            blocks.extend(classify_lines([(text, loc)]))
            continue
        if "\t" in text:
            # Tabs inside one paragraph align its fields ("Date:\t3 May"); they are not a table's columns.
            text = _TAB_RUN.sub(" ", text)
        hm = re.match(r"heading\s*(\d)", style, re.I)
        if style.lower() == "title":
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
                for kind, lv in list(counters):
                    if kind == "h" and lv > level:
                        counters[(kind, lv)] = 0
                number = str(counters[key])
            blocks.append(Heading(level, body, number, location=loc, links=links))
            continue
        info = _list_info(part, style)
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
        para_style = (
            "emphasis"
            if runs and all(r.italic for r in runs)
            else "strong"
            if runs and all(r.bold for r in runs)
            else None
        )
        classified = classify_lines([(text, loc)])
        if len(classified) == 1 and isinstance(classified[0], Paragraph):
            classified[0].style = classified[0].style or para_style
            classified[0].links = links
        blocks.extend(classified)
    for marker, text in _footnotes(document):
        blocks.append(Footnote(marker, text))
    return promote_numbered_headings(blocks)
