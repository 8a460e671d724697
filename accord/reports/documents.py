"""Small renderers for the hand-over brief and the progress report: Word through python-docx, PDF through
WeasyPrint from the page's own HTML (the same template, printed).

A Word document is built from plain blocks (headings, paragraphs, tables, lists) so each report says what it
contains once and both formats follow.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from accord.reports import printing

PRINT_CSS = "reports/print.css"


@dataclass
class Table:
    header: Sequence[str]
    rows: list[Sequence[str]]
    widths_cm: Sequence[float] = ()


@dataclass
class Heading:
    text: str
    level: int = 1


@dataclass
class Para:
    text: str
    style: str = ""  # "" or "muted"


@dataclass
class Bullets:
    items: list[str]


@dataclass
class Bars:
    """A stacked bar chart drawn in Word as a row of shaded cells per bar (no picture: it stays editable)."""

    rows: list[tuple[str, list[tuple[str, int]]]]  # label, [(hex colour, count)]
    legend: list[tuple[str, str]]  # (hex colour, label)
    cells: int = 24


Block = Heading | Para | Table | Bullets | Bars


def shares(counts: Sequence[int], cells: int) -> list[int]:
    """Split `cells` in proportion to `counts` (largest remainders), so every bar is as long as the others."""
    total = sum(counts)
    if total == 0:
        return [0 for _ in counts]
    exact = [cells * c / total for c in counts]
    out = [int(x) for x in exact]
    by_remainder = sorted(range(len(counts)), key=lambda i: exact[i] - out[i], reverse=True)
    for i in by_remainder[: cells - sum(out)]:
        out[i] += 1
    return out


@dataclass
class Report:
    title: str
    network: str
    lines: list[str] = field(default_factory=list)  # under the title: period, chair, date
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)


def long_date(day: dt.date) -> str:
    """ "1 January 2022": the way the documents write a date."""
    return f"{day.day} {day:%B %Y}"


def _page_number(paragraph: Any) -> None:
    """A PAGE field: Word fills in the number on every page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def render_docx(report: Report, *, on: dt.date) -> bytes:
    """The report as a Word file with real headings, tables and lists (a member can edit it)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(2)
    header = section.header.paragraphs[0]
    header.text = f"{report.network} · {long_date(on)}"
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(footer)
    doc.styles["Normal"].font.size = Pt(10)
    doc.add_heading(report.title, level=0)
    for line in report.lines:
        doc.add_paragraph(line)
    for block in report.blocks:
        if isinstance(block, Heading):
            doc.add_heading(block.text, level=block.level)
        elif isinstance(block, Para):
            paragraph = doc.add_paragraph(block.text)
            if block.style == "muted":
                for run in paragraph.runs:
                    run.italic = True
        elif isinstance(block, Bullets):
            for text in block.items:
                doc.add_paragraph(text, style="List Bullet")
        elif isinstance(block, Bars):
            _bars(doc, block)
        else:
            table = doc.add_table(rows=1, cols=len(block.header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, block.header, strict=True):
                cell.text = ""
                cell.paragraphs[0].add_run(str(text)).bold = True
            for row in block.rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = str(text)
            for col, width in enumerate(block.widths_cm):
                for row in table.rows:
                    row.cells[col].width = Cm(width)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _shade(cell: Any, colour: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour.lstrip("#"))
    cell._tc.get_or_add_tcPr().append(shading)


def _bars(doc: Any, block: Bars) -> None:
    from docx.shared import Cm, Pt, RGBColor

    table = doc.add_table(rows=0, cols=1 + block.cells)
    for label, parts in block.rows:
        cells = table.add_row().cells
        cells[0].text = label
        cells[0].width = Cm(5)
        position = 1
        for (colour, _count), width in zip(parts, shares([c for _, c in parts], block.cells), strict=True):
            for cell in cells[position : position + width]:
                _shade(cell, colour)
            position += width
        for cell in cells[1:]:
            cell.width = Cm(0.5)
    legend = doc.add_paragraph()
    for colour, label in block.legend:
        mark = legend.add_run("■ ")
        mark.font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())
        legend.add_run(f"{label}   ").font.size = Pt(8)


def print_css() -> str:
    path = finders.find(PRINT_CSS)
    if not path:
        raise FileNotFoundError(PRINT_CSS)
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def render_pdf(
    template: str,
    context: dict[str, Any],
    *,
    title: str,
    network: str,
    on: dt.date,
    parts: Sequence[dict[str, Any]] = (),
) -> bytes:
    """The page's body (the template's `body` partial) laid out for paper by WeasyPrint: A4, a running header
    with the network and the date, page numbers. Nothing is fetched: the style sheet is read from disk.

    `parts` (context for each part, in order) print a long report in parts at once (accord.reports.printing)."""
    from django.template.defaultfilters import date as date_filter

    page = {
        **context,
        "body_template": f"{template}#body",
        "doc_title": title,
        "network_name": network,
        "on": on,
        "printing": True,
    }
    html = [render_to_string("reports/print.html", {**page, **part}) for part in parts] or [
        render_to_string("reports/print.html", page)
    ]

    def frame(pages: int) -> str:
        header = f"{network} · {date_filter(on, 'j F Y')}"
        return render_to_string("reports/print_frame.html", {"title": title, "header": header, "pages": range(pages)})

    # The style sheet is handed to WeasyPrint, not written into the page (templates carry no inline styles).
    return printing.write_pdf(html, [print_css()], frame=frame)
