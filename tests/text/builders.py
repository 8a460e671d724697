"""Build DOCX (python-docx) and PDF (reportlab, real ruled tables) versions of a document from its blocks,
so tests can check that every format of the same document imports to the same Draft."""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from accord.text.readers.blocks import Blank, Block, Footnote, Heading, ListItem, Paragraph, TableRow

_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
_FONT_OBLIQUE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _group_tables(blocks: list[Block]) -> list[Block | list[TableRow]]:
    """Consecutive table rows (blank lines inside a table included) become one table."""
    out: list[Block | list[TableRow]] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if isinstance(b, TableRow):
            rows = [b]
            j = i + 1
            while j < len(blocks):
                nb = blocks[j]
                if isinstance(nb, TableRow) and nb.location.table == b.location.table:
                    rows.append(nb)
                    j += 1
                elif isinstance(nb, Blank) and j + 1 < len(blocks) and isinstance(blocks[j + 1], TableRow) \
                        and blocks[j + 1].location.table == b.location.table:
                    j += 1
                else:
                    break
            out.append(rows)
            i = j
            continue
        out.append(b)
        i += 1
    return out


def _marker_text(li: ListItem) -> str:
    return li.text if li.marker in ("-", "*", "•") else f"{li.marker} {li.text}"


def build_docx(blocks: list[Block]) -> bytes:
    import docx

    document = docx.Document()
    for part in _group_tables(blocks):
        if isinstance(part, list):
            width = max(len(r.cells) for r in part)
            table = document.add_table(rows=len(part), cols=width)
            table.style = "Table Grid"
            for i, row in enumerate(part):
                for j, cell in enumerate(row.cells):
                    table.cell(i, j).text = cell
            continue
        b = part
        if isinstance(b, Blank):
            for _ in range(b.count):
                document.add_paragraph("")
        elif isinstance(b, Heading):
            document.add_heading(f"{b.number}. {b.text}" if b.number else b.text, level=min(max(b.level, 1), 9))
        elif isinstance(b, Paragraph):
            p = document.add_paragraph()
            run = p.add_run(b.text)
            run.italic = b.style == "emphasis"
        elif isinstance(b, ListItem):
            if b.marker[:1].isdigit():
                document.add_paragraph(b.text, style="List Number")
            elif b.marker in ("-", "*", "•"):
                document.add_paragraph(b.text, style="List Bullet" if b.level == 0 else "List Bullet 2")
            else:
                document.add_paragraph(_marker_text(b))
        elif isinstance(b, Footnote):
            document.add_paragraph(f"{b.marker.translate(_SUPERSCRIPT)} {b.text}")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def build_pdf(blocks: list[Block]) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import SimpleDocTemplate, Spacer
    from reportlab.platypus import Table as RLTable

    pdfmetrics.registerFont(TTFont("DejaVu", str(_FONT)))
    pdfmetrics.registerFont(TTFont("DejaVu-Oblique", str(_FONT_OBLIQUE)))
    body = ParagraphStyle("body", fontName="DejaVu", fontSize=10, leading=12)
    italic = ParagraphStyle("italic", parent=body, fontName="DejaVu-Oblique")
    cell = ParagraphStyle("cell", parent=body, fontSize=9, leading=11)
    head = {1: ParagraphStyle("h1", parent=body, fontSize=16, leading=19),
            2: ParagraphStyle("h2", parent=body, fontSize=13, leading=16)}
    story: list[object] = []
    for part in _group_tables(blocks):
        if isinstance(part, list):
            width = max(len(r.cells) for r in part)
            data = [[RLParagraph(escape(c), cell) for c in r.cells] + [""] * (width - len(r.cells)) for r in part]
            table = RLTable(data, colWidths=[(A4[0] - 144) / width] * width)
            table.setStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                            ("VALIGN", (0, 0), (-1, -1), "TOP")])
            story.append(table)
            continue
        b = part
        if isinstance(b, Blank):
            story.append(Spacer(1, 12 * b.count))
        elif isinstance(b, Heading):
            text = f"{b.number}. {b.text}" if b.number else b.text
            story.append(RLParagraph(escape(text), head[1 if b.level <= 1 else 2]))
        elif isinstance(b, Paragraph):
            story.append(RLParagraph(escape(b.text), italic if b.style == "emphasis" else body))
        elif isinstance(b, ListItem):
            marker = b.marker if b.marker not in ("*",) else "•"
            story.append(RLParagraph(escape(f"{marker} {b.text}"),
                                     ParagraphStyle("li", parent=body, leftIndent=18 * b.level)))
        elif isinstance(b, Footnote):
            story.append(RLParagraph(escape(f"{b.marker.translate(_SUPERSCRIPT)} {b.text}"), body))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=72, rightMargin=72).build(story)  # type: ignore[arg-type]
    return buf.getvalue()
