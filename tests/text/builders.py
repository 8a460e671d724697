"""Build DOCX (python-docx) and PDF (reportlab, real ruled tables) versions of a document from its blocks,
so tests can check that every format of the same document imports to the same Draft."""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from accord.text.readers.blocks import Blank, Block, Footnote, Heading, ListItem, Paragraph, Table, TableRow

_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
_FONT_OBLIQUE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf")
_FONT_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _group_tables(blocks: list[Block]) -> list[Block | list[TableRow]]:
    """Consecutive table rows (blank lines inside a table included) become one table."""
    out: list[Block | list[TableRow]] = []
    flat: list[Block] = []
    for b in blocks:  # tables read from Markdown, HTML, Word or PDF come as one Table block
        flat.extend(b.to_rows() if isinstance(b, Table) else [b])
    blocks = flat
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
                elif (
                    isinstance(nb, Blank)
                    and j + 1 < len(blocks)
                    and isinstance(blocks[j + 1], TableRow)
                    and blocks[j + 1].location.table == b.location.table
                ):
                    j += 1
                else:
                    break
            out.append(rows)
            i = j
            continue
        out.append(b)
        i += 1
    return out


def _heading_text(b: Heading) -> str:
    """The heading as typed: "1. Outreach", or "Priority A – Outreach" when the text already carries its number."""
    from accord.text.readers.text import heading_number

    if not b.number or heading_number(b.text)[0] == b.number:
        return b.text
    return f"{b.number}. {b.text}"


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
            document.add_heading(_heading_text(b), level=min(max(b.level, 1), 9))
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
    head = {
        1: ParagraphStyle("h1", parent=body, fontSize=16, leading=19),
        2: ParagraphStyle("h2", parent=body, fontSize=13, leading=16),
    }
    story: list[object] = []
    for part in _group_tables(blocks):
        if isinstance(part, list):
            width = max(len(r.cells) for r in part)
            data = [[RLParagraph(escape(c), cell) for c in r.cells] + [""] * (width - len(r.cells)) for r in part]
            table = RLTable(data, colWidths=[(A4[0] - 144) / width] * width)
            table.setStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")])
            story.append(table)
            continue
        b = part
        if isinstance(b, Blank):
            story.append(Spacer(1, 12 * b.count))
        elif isinstance(b, Heading):
            text = _heading_text(b)
            story.append(RLParagraph(escape(text), head[1 if b.level <= 1 else 2]))
        elif isinstance(b, Paragraph):
            story.append(RLParagraph(escape(b.text), italic if b.style == "emphasis" else body))
        elif isinstance(b, ListItem):
            marker = b.marker if b.marker not in ("*",) else "•"
            story.append(
                RLParagraph(escape(f"{marker} {b.text}"), ParagraphStyle("li", parent=body, leftIndent=18 * b.level))
            )
        elif isinstance(b, Footnote):
            story.append(RLParagraph(escape(f"{b.marker.translate(_SUPERSCRIPT)} {b.text}"), body))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=72, rightMargin=72).build(story)  # type: ignore[arg-type]
    return buf.getvalue()


# --- documents described in a small line format (tests/text/fixtures/layouts/*.docx.spec, *.pdf.spec) -----
#
#   = Title                 Word "Title" style (PDF: the largest font)
#   # Heading / ## Heading  Heading 1 / Heading 2
#   - item / "  - item"     List Bullet / List Bullet 2
#   > text                  an italic paragraph
#   **text**                a bold paragraph (a heading typed without a heading style)
#   | a | b | c |           a table row; consecutive rows are one table, the first is its header row
#                           (repeated at the top of every PDF page the table runs onto). A cell "<" merges
#                           into the cell on its left, a cell "^" into the cell above.
#   ~                       a page break
#   @footer text            (PDF) a running footer on every page, "{page}" is the page number
#   anything else           a paragraph; blank lines separate paragraphs


def _spec_parts(spec: str) -> list[tuple[str, object]]:
    parts: list[tuple[str, object]] = []
    for raw in spec.splitlines():
        line = raw.rstrip()
        s = line.strip()
        if s.startswith("|"):
            cells = [c.strip() for c in s.strip("|").split("|")]
            if parts and parts[-1][0] == "table":
                parts[-1][1].append(cells)  # type: ignore[attr-defined]
            else:
                parts.append(("table", [cells]))
        elif not s:
            parts.append(("blank", None))
        elif s == "~":
            parts.append(("pagebreak", None))
        elif s.startswith("@footer "):
            parts.append(("footer", s[8:]))
        elif s.startswith("= "):
            parts.append(("title", s[2:]))
        elif s.startswith("## "):
            parts.append(("h2", s[3:]))
        elif s.startswith("# "):
            parts.append(("h1", s[2:]))
        elif s.startswith("- "):
            parts.append(("bullet2" if line.startswith(" ") else "bullet", s[2:]))
        elif s.startswith("> "):
            parts.append(("italic", s[2:]))
        elif s.startswith("**") and s.endswith("**") and len(s) > 4:
            parts.append(("bold", s[2:-2]))
        else:
            parts.append(("p", s))
    return parts


def _merges(rows: list[list[str]]) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """Cell texts with merge markers blanked, and merged ranges (row, col) -> (row2, col2)."""
    texts = [list(r) for r in rows]
    spans: list[tuple[int, int, int, int]] = []
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            if cell == "<":
                texts[i][j] = ""
                k = j - 1
                while k > 0 and rows[i][k] == "<":
                    k -= 1
                spans.append((i, k, i, j))
            elif cell == "^":
                texts[i][j] = ""
                k = i - 1
                while k > 0 and rows[k][j] == "^":
                    k -= 1
                spans.append((k, j, i, j))
    # Keep only the widest span for each origin.
    best: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for s in spans:
        if (s[0], s[1]) not in best or (s[2], s[3]) > best[(s[0], s[1])][2:]:
            best[(s[0], s[1])] = s
    return texts, list(best.values())


def build_docx_spec(spec: str) -> bytes:
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    for kind, value in _spec_parts(spec):
        if kind == "table":
            rows: list[list[str]] = value  # type: ignore[assignment]
            texts, spans = _merges(rows)
            width = max(len(r) for r in rows)
            table = document.add_table(rows=len(rows), cols=width)
            table.style = "Table Grid"
            for i, row in enumerate(texts):
                for j, text in enumerate(row):
                    cell = table.cell(i, j)
                    cell.text = text
                    if i == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
            for r1, c1, r2, c2 in spans:
                keep = texts[r1][c1]
                merged = table.cell(r1, c1).merge(table.cell(r2, c2))
                merged.text = keep
        elif kind == "blank":
            continue
        elif kind == "pagebreak":
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif kind == "title":
            document.add_paragraph(str(value), style="Title")
        elif kind in ("h1", "h2"):
            document.add_heading(str(value), level=int(kind[1]))
        elif kind in ("bullet", "bullet2"):
            document.add_paragraph(str(value), style="List Bullet" if kind == "bullet" else "List Bullet 2")
        elif kind == "italic":
            document.add_paragraph().add_run(str(value)).italic = True
        elif kind == "bold":
            document.add_paragraph().add_run(str(value)).bold = True
        elif kind == "p":
            document.add_paragraph(str(value))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def build_pdf_spec(spec: str) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, SimpleDocTemplate, Spacer
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import Table as RLTable

    pdfmetrics.registerFont(TTFont("DejaVu", str(_FONT)))
    pdfmetrics.registerFont(TTFont("DejaVu-Oblique", str(_FONT_OBLIQUE)))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(_FONT_BOLD)))
    body = ParagraphStyle("body", fontName="DejaVu", fontSize=10, leading=12, spaceAfter=6)
    styles = {
        "title": ParagraphStyle("title", parent=body, fontSize=20, leading=24, spaceAfter=12),
        "h1": ParagraphStyle("h1", parent=body, fontSize=15, leading=18, spaceBefore=6),
        "h2": ParagraphStyle("h2", parent=body, fontSize=12.5, leading=15, spaceBefore=6),
        "italic": ParagraphStyle("italic", parent=body, fontName="DejaVu-Oblique"),
        "bold": ParagraphStyle("bold", parent=body, fontName="DejaVu-Bold", spaceBefore=6),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=14),
        "bullet2": ParagraphStyle("bullet2", parent=body, leftIndent=32),
        "p": body,
    }
    cell = ParagraphStyle("cell", parent=body, fontSize=9, leading=11, spaceAfter=0)
    footer: list[str] = []
    story: list[object] = []
    for kind, value in _spec_parts(spec):
        if kind == "table":
            rows: list[list[str]] = value  # type: ignore[assignment]
            texts, spans = _merges(rows)
            width = max(len(r) for r in rows)
            data = [[RLParagraph(escape(c), cell) for c in r] + [""] * (width - len(r)) for r in texts]
            table = RLTable(data, colWidths=[(A4[0] - 144) / width] * width, repeatRows=1)
            style: list[tuple[object, ...]] = [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
            style += [("SPAN", (c1, r1), (c2, r2)) for r1, c1, r2, c2 in spans]
            table.setStyle(style)
            story.append(table)
        elif kind == "blank":
            story.append(Spacer(1, 4))
        elif kind == "pagebreak":
            story.append(PageBreak())
        elif kind == "footer":
            footer.append(str(value))
        elif kind in ("bullet", "bullet2"):
            story.append(RLParagraph(escape(f"• {value}"), styles[kind]))
        else:
            story.append(RLParagraph(escape(str(value)), styles[kind]))

    def on_page(canvas: object, doc: object) -> None:
        for text in footer:
            canvas.setFont("DejaVu", 8)  # type: ignore[attr-defined]
            canvas.drawCentredString(A4[0] / 2, 30, text.replace("{page}", str(doc.page)))  # type: ignore

    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=72, rightMargin=72).build(
        story, onFirstPage=on_page, onLaterPages=on_page
    )  # type: ignore[arg-type]
    return buf.getvalue()


def build_spec(name: str, spec: str) -> bytes:
    """The binary document a spec file describes: NAME.docx.spec -> DOCX, NAME.pdf.spec -> PDF."""
    if name.endswith(".docx.spec"):
        return build_docx_spec(spec)
    if name.endswith(".pdf.spec"):
        return build_pdf_spec(spec)
    raise ValueError(f"not a spec file: {name}")


# --- Gantt chart exports ----------------------------------------------------------------------------------

GANTT_OWNERS = ["ZSI", "DLR", "CNRS", "UNIBO", "SAS"]
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def gantt_task(i: int) -> str:
    return f"{i + 1}) Map the partners of region {i + 1}"


def build_gantt_pdf(
    tasks: int, days: int, *, row_rules: str = "tasks", bars: bool = True, rounded: bool = False, wrapped: bool = False
) -> bytes:
    """One wide page as a planning tool exports a Gantt chart: Task | Lead | Effort columns, then a column per
    working day (its label above it) ruled by thin filled rectangles from top to bottom, and a bar per task
    across the days it runs (`rounded`: bars with rounded ends, drawn as curves).

    `row_rules`: "tasks" rules the rows across the task columns only (the day columns have none, so each is
    one tall cell), "all" rules them across the whole chart, "none" only under the header. `wrapped` wraps
    every third task onto a second line. The size grows with tasks × days, as an export's does."""
    from reportlab.pdfgen import canvas

    row_h, day_w, header_h = 22.0, 16.0, 30.0
    xs = [10.0, 260.0, 330.0, 380.0]  # Task | Lead | Effort | first day
    width = xs[-1] + days * day_w + 10
    height = header_h + tasks * row_h + 20
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(width, height))

    def y(top: float) -> float:  # reportlab counts from the bottom
        return height - top

    table_top, table_bottom = 10.0, 10.0 + header_h + tasks * row_h
    right = xs[-1] + days * day_w
    c.setFillColorRGB(0, 0, 0)
    for x in [*xs, *(xs[-1] + d * day_w for d in range(1, days + 1))]:
        c.rect(x, y(table_bottom), 0.6, table_bottom - table_top, stroke=0, fill=1)  # a vertical rule
    for top in (table_top, table_top + header_h, table_bottom):
        c.rect(xs[0], y(top) - 0.6, right - xs[0], 0.6, stroke=0, fill=1)
    rule_right = {"tasks": xs[-1], "all": right, "none": None}[row_rules]
    if rule_right is not None:
        for i in range(1, tasks):
            top = table_top + header_h + i * row_h
            c.rect(xs[0], y(top) - 0.6, rule_right - xs[0], 0.6, stroke=0, fill=1)
    c.setFont("Helvetica", 7)
    for d in range(days):
        week, weekday = divmod(d, 5)
        day = 1 + (week * 7 + weekday) % 28
        month = _MONTHS[(week * 7 + weekday) // 28 % 12]
        c.drawString(xs[-1] + d * day_w + 1.5, y(table_top + 12), str(day))
        c.drawString(xs[-1] + d * day_w + 1.5, y(table_top + 22), month)
    c.setFont("Helvetica", 9)
    for j, head in enumerate(["Task", "Lead", "Effort"]):
        c.drawString(xs[j] + 4, y(table_top + 19), head)
    for i in range(tasks):
        top = table_top + header_h + i * row_h
        if wrapped and i % 3 == 0:
            c.drawString(xs[0] + 4, y(top + 9), gantt_task(i))
            c.drawString(xs[0] + 4, y(top + 18), "and their networks")
        else:
            c.drawString(xs[0] + 4, y(top + 14), gantt_task(i))
        c.drawString(xs[1] + 4, y(top + 14), GANTT_OWNERS[i % len(GANTT_OWNERS)])
        c.drawString(xs[2] + 4, y(top + 14), f"{(i % 7) + 1}d")
        if bars and days:
            start = (i * 3) % max(1, days - 5)
            length = min(days - start, 2 + i % 9)
            x0 = xs[-1] + start * day_w + 2
            if rounded:
                c.roundRect(x0, y(top + 17), length * day_w - 4, 12, 4, stroke=0, fill=1)
            else:
                c.rect(x0, y(top + 17), length * day_w - 4, 12, stroke=0, fill=1)
    c.save()
    return buf.getvalue()
