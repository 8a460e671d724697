"""DOCX of a plan in the layout networks circulate, written with python-docx so a member can edit it in Word.

Title, the head lines (period, guiding theme, chair, Trio, status), then each priority as a Heading 1, its
narrative and a real Word table (What? / Who? / When?, an optional Status column, Notes when items have any)
whose header row repeats on every page. The plan's notes are Word footnotes. Each page has a header with the
network and the date of export and a footer with its page number. The importer reads every part of it back.

Rows are copied from one template row at the XML level: python-docx's add_row() costs a style lookup per
cell, which a 1,000-item plan feels.
"""

from __future__ import annotations

import copy
import io
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

from accord.reports.exports.cells import xml_safe
from accord.reports.exports.data import PlanExport

FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
WIDTHS_CM = {"What?": 8.0, "Who?": 3.6, "When?": 3.4, "Status": 2.2, "Notes": 4.0}


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays the pages out."""
    run = paragraph.add_run()
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), instruction)
    text = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    text.append(t)
    simple.append(text)
    run._r.addnext(simple)


def _header_and_footer(document, export: PlanExport) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = export.header_line
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in header.runs:
        run.font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")
    for run in footer.runs:
        run.font.size = Pt(8)


def _footnotes(document, paragraph, notes: list[str]) -> None:
    """The plan's notes as real footnotes, referenced from the title (where the notes of a plan belong)."""
    body = [
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        "</w:footnote>",
    ]
    for n, note in enumerate(notes, start=1):
        body.append(
            f'<w:footnote w:id="{n}"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
            '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve"> {escape(xml_safe(note))}</w:t></w:r>'
            "</w:p></w:footnote>"
        )
        ref = parse_xml(
            f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteReference w:id="{n}"/></w:r>'
        )
        paragraph._p.append(ref)
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {nsdecls("w")}>'
        + "".join(body)
        + "</w:footnotes>"
    )
    part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_TYPE, xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


def _set_text(cell_xml, text: str) -> None:
    """Replace a template cell's text; line breaks in the text become Word line breaks."""
    runs = cell_xml.findall(".//" + qn("w:r"))
    run = runs[0]
    for extra in runs[1:]:
        extra.getparent().remove(extra)
    for child in list(run):
        if child.tag != qn("w:rPr"):
            run.remove(child)
    for i, line in enumerate(xml_safe(text).split("\n")):
        if i:
            run.append(OxmlElement("w:br"))
        t = OxmlElement("w:t")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = line
        run.append(t)


def _table(document, columns: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=2, cols=len(columns))
    table.style = "Table Grid"
    head, template = table.rows
    for i, name in enumerate(columns):
        width = Cm(WIDTHS_CM.get(name, 3.0))
        for row in (head, template):
            row.cells[i].width = width
        head.cells[i].text = ""
        run = head.cells[i].paragraphs[0].add_run(name)
        run.bold = True
        template.cells[i].paragraphs[0].add_run("")
    # The header row repeats at the top of every page the table runs onto.
    tr_pr = head._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))
    tmpl = template._tr
    for values in rows:
        tr = copy.deepcopy(tmpl)
        for cell_xml, value in zip(tr.findall(qn("w:tc")), values, strict=True):
            _set_text(cell_xml, value)
        tmpl.addprevious(tr)
    tmpl.getparent().remove(tmpl)


def render_docx(export: PlanExport) -> bytes:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.left_margin = section.right_margin = Cm(2)
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(10.5)
    _header_and_footer(document, export)
    title = document.add_paragraph(export.title, style="Title")
    for label, text in export.head_lines():
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(text)
    columns = ["What?", "Who?", "When?"]
    if export.status_column:
        columns.append("Status")
    if export.has_details:
        columns.append("Notes")
    for sec in export.sections:
        document.add_heading(sec.heading, level=1)
        for block in sec.narrative_blocks:
            if block.is_list:
                for bullet in block.bullets:
                    document.add_paragraph(bullet, style="List Bullet")
            else:
                document.add_paragraph(" ".join(block.text.split()))
        if not sec.items:
            continue
        rows = []
        for item in sec.items:
            cells = [item.what, item.who, item.when]
            if export.status_column:
                cells.append(item.status_label)
            if export.has_details:
                cells.append(item.details)
            rows.append(cells)
        _table(document, columns, rows)
        document.add_paragraph()
    notes = [str(n) for n in export.plan.footnotes or [] if str(n).strip()]
    if notes:
        _footnotes(document, title, notes)
    props = document.core_properties
    props.title = export.title
    props.subject = export.network.name
    props.author = export.network.short_name or export.network.name
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
