"""Readers on documents written by other people: HTML pasted into a .txt, slides and wiki pages saved as one
run-on paragraph, Word content controls, a package whose main part has another name, tab-aligned fields in
Word paragraphs. Each class with several variants of its own."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest

from accord.text.layout import import_text
from accord.text.readers import (
    Blank,
    Heading,
    ListItem,
    Paragraph,
    Table,
    TableRow,
    detect_format,
    read_document,
)
from accord.text.readers.text import read_text


def texts(blocks: list, kind: type) -> list[str]:
    return [b.text for b in blocks if isinstance(b, kind)]


# --- an HTML fragment in a .txt ---------------------------------------------------------------------------

FRAGMENTS = [
    # A table, indented with tabs the way an editor writes it.
    "<h2>Work plan</h2>\n<table>\n\t<tr>\n\t\t<th>Action</th>\t<th>Lead</th>\t<th>When</th>\n\t</tr>\n"
    "\t<tr>\n\t\t<td>Map the partners</td>\t<td>ZSI</td>\t<td>May 2026</td>\n\t</tr>\n</table>\n",
    # A list inside divisions, no line breaks at all.
    "<div class='plan'><h3>Actions</h3><ul><li>Map the partners (ZSI, May 2026)</li>"
    "<li>Hold the summer school (DLR, July 2026)</li></ul></div>",
    # French, paragraphs and a list, tags in upper case.
    "<DIV><H2>Programme</H2>\n<P>Le réseau propose :</P>\n<UL>\n\t<LI>Cartographier les partenaires</LI>\n"
    "\t<LI>Organiser l'école d'été</LI>\n</UL></DIV>\n",
]


@pytest.mark.parametrize("fragment", FRAGMENTS)
def test_an_html_fragment_in_a_txt_is_read_as_html(fragment: str) -> None:
    data = fragment.encode()
    assert detect_format("notes.txt", data) == "html"
    blocks = read_document("notes.txt", data, isolated=False)
    # No tag survives, and no line of tabs became a table row of markup.
    assert not any("<" in getattr(b, "text", "") for b in blocks)
    assert not any(isinstance(b, TableRow) for b in blocks)
    assert texts(blocks, Heading)


def test_the_table_fragment_keeps_its_cells() -> None:
    blocks = read_document("notes.txt", FRAGMENTS[0].encode(), isolated=False)
    table = next(b for b in blocks if isinstance(b, Table))
    assert table.header == ["Action", "Lead", "When"]
    assert table.rows == [["Map the partners", "ZSI", "May 2026"]]


@pytest.mark.parametrize(
    "text",
    [
        # Tab-separated rows whose cells hold paragraphs: a text with stray tags, not an HTML page.
        "Plan\n\nWhat?\tWho?\tWhen?\n<p>Map the partners</p> <p>with the board</p>\tZSI\t<p>May 2026</p>\n",
        "Notes\n\n<i>Draft</i> of the plan, see <sup>1</sup>\n- Map the partners\n",
        "We use <li> and </li> in the wiki, and <div> too.\n",
    ],
)
def test_text_with_stray_tags_stays_text(text: str) -> None:
    assert detect_format("plan.txt", text.encode()) == "text"


# --- run-on paragraphs: slides saved as text, wiki pages flattened ----------------------------------------


@pytest.mark.parametrize(
    ("line", "bullets", "dropped"),
    [
        (
            "Slide 1 Work plan 2026 • Map the partners by May • Run the summer school in July Slide 2 Next steps "
            "• Report to the board in December",
            ["Map the partners by May", "Run the summer school in July", "Report to the board in December"],
            ["Slide 1", "Slide 2"],
        ),
        (
            "Page 3 of 12 Priorités ▪ Cartographier les partenaires ▪ Organiser l'école d'été Page 4 of 12 ▪ Publier "
            "le rapport",
            ["Cartographier les partenaires", "Organiser l'école d'été", "Publier le rapport"],
            ["Page 3", "Page 4"],
        ),
        (
            "Folie 7 Arbeitsprogramm ● Partner erfassen (Mai) ● Sommerschule durchführen (Juli) ● Bericht vorlegen",
            ["Partner erfassen (Mai)", "Sommerschule durchführen (Juli)", "Bericht vorlegen"],
            ["Folie 7"],
        ),
    ],
)
def test_a_run_on_slide_paragraph_is_split_into_its_bullets(line: str, bullets: list[str], dropped: list[str]) -> None:
    blocks = read_text(line)
    assert texts(blocks, ListItem) == bullets
    everything = " ".join(getattr(b, "text", "") for b in blocks)
    for marker in dropped:
        assert marker not in everything
    assert all(b.level == 0 for b in blocks if isinstance(b, ListItem))


def test_sub_glyphs_in_a_run_on_paragraph_are_sub_bullets() -> None:
    blocks = read_text(
        "Goals for the year • Map the partners ◦ with the national academies ◦ by May • Run the summer school"
    )
    items = [(b.level, b.text) for b in blocks if isinstance(b, ListItem)]
    assert items == [
        (0, "Map the partners"),
        (1, "with the national academies"),
        (1, "by May"),
        (0, "Run the summer school"),
    ]
    assert texts(blocks, Paragraph) == ["Goals for the year"]


def test_a_slide_break_stays_as_an_empty_line() -> None:
    blocks = read_text("Overview • one point • two points Slide 2 Second slide • three points")
    kinds = [type(b).__name__ for b in blocks]
    assert kinds == ["Paragraph", "ListItem", "ListItem", "Blank", "Paragraph", "ListItem"]
    assert next(b for b in blocks if isinstance(b, Blank)).count == 2


@pytest.mark.parametrize(
    "text",
    [
        "The network – founded in 2019 – meets twice a year – in spring and in autumn – to agree its plan.",
        "One point • and nothing else follows it in this sentence, which is long enough to be a paragraph.",
        "Page 3 of the report explains why the board meets on 4 May and again on page 7 of the annex.",
    ],
)
def test_ordinary_long_lines_are_not_split(text: str) -> None:
    blocks = read_text(text)
    assert len(blocks) == 1 and isinstance(blocks[0], Paragraph)


def test_page_markers_on_their_own_lines_are_dropped() -> None:
    blocks = read_text("Work plan\nPage 2\n- Map the partners\n- 3 -\nSeite 4 von 9\n- Run the school\n")
    assert texts(blocks, ListItem) == ["Map the partners", "Run the school"]
    assert not any("Page" in t or "Seite" in t for t in texts(blocks, Paragraph))


@pytest.mark.parametrize(
    "text",
    [
        "= Minutes of 3 May = == Attendance == * Ann * Bo == Actions == * '''budget''': Ann to draft it "
        "* '''site''': Bo to fix the site",
        "== Attendance ==\n* Ann\n* Bo\n== Actions ==\n* '''budget''': Ann to draft it\n"
        "* '''site''': Bo to fix the site\n",
    ],
)
def test_wiki_markup_gives_headings_and_bullets(text: str) -> None:
    blocks = read_text(text)
    assert "Attendance" in texts(blocks, Heading) and "Actions" in texts(blocks, Heading)
    assert texts(blocks, ListItem)[-2:] == ["budget: Ann to draft it", "site: Bo to fix the site"] or texts(
        blocks, ListItem
    )[-2:] == ["'''budget''': Ann to draft it", "'''site''': Bo to fix the site"]
    assert "Ann" in texts(blocks, ListItem)


def test_wiki_sub_bullets_keep_their_level() -> None:
    blocks = read_text("== Actions == * Plan the year ** Ann to draft it ** Bo to review it == Notes == * Nothing else")
    assert [(b.level, b.text) for b in blocks if isinstance(b, ListItem)] == [
        (0, "Plan the year"),
        (1, "Ann to draft it"),
        (1, "Bo to review it"),
        (0, "Nothing else"),
    ]


# --- Word: content controls, the main part's name, tab-aligned fields -------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _sdt(inner: str) -> str:
    return f"<w:sdt><w:sdtPr><w:alias w:val='Field'/></w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>"


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>"


def _docx_with_body(body_xml: str, *, main: str = "word/document.xml") -> bytes:
    """A Word file whose body is `body_xml`, its main part stored under `main`."""
    base = io.BytesIO()
    docx.Document().save(base)
    src = zipfile.ZipFile(io.BytesIO(base.getvalue()))
    document = src.read("word/document.xml").decode()
    document = re.sub(r"<w:body>.*<w:sectPr", f"<w:body>{body_xml}<w:sectPr", document, flags=re.S)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            target = info.filename
            if info.filename == "word/document.xml":
                content, target = document.encode(), main
            elif info.filename == "[Content_Types].xml":
                content = content.replace(b"/word/document.xml", f"/{main}".encode())
            elif info.filename == "_rels/.rels":
                content = content.replace(b"word/document.xml", main.encode())
            elif info.filename == "word/_rels/document.xml.rels":
                target = main.rsplit("/", 1)[0] + "/_rels/" + main.rsplit("/", 1)[1] + ".rels"
            dst.writestr(target, content)
    return out.getvalue()


def test_text_in_block_content_controls_is_read() -> None:
    body = _p("Work plan 2026") + _sdt(_p("Map the partners by May") + _sdt(_p("Run the school in July")))
    blocks = read_document("plan.docx", _docx_with_body(body), isolated=False)
    assert texts(blocks, Paragraph) == ["Work plan 2026", "Map the partners by May", "Run the school in July"]


def test_text_in_run_content_controls_is_read() -> None:
    body = (
        "<w:p><w:r><w:t xml:space='preserve'>Lead: </w:t></w:r>"
        + _sdt("<w:r><w:t>ZSI</w:t></w:r>")
        + "<w:r><w:t xml:space='preserve'>, due </w:t></w:r>"
        + _sdt("<w:r><w:t>May 2026</w:t></w:r>")
        + "</w:p>"
    )
    blocks = read_document("form.docx", _docx_with_body(body), isolated=False)
    assert texts(blocks, Paragraph) == ["Lead: ZSI, due May 2026"]


def test_text_in_cell_and_row_content_controls_is_read() -> None:
    def tc(inner: str) -> str:
        return f"<w:tc><w:tcPr><w:tcW w:w='3000' w:type='dxa'/></w:tcPr>{inner}</w:tc>"

    row1 = "<w:tr>" + tc(_p("What?")) + tc(_p("Who?")) + "</w:tr>"
    row2 = _sdt("<w:tr>" + tc(_p("Map the partners")) + _sdt(tc(_p("ZSI"))) + "</w:tr>")
    table = (
        f"<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w='3000'/><w:gridCol w:w='3000'/></w:tblGrid>{row1}{row2}</w:tbl>"
    )
    blocks = read_document("table.docx", _docx_with_body(table), isolated=False)
    assert next(b for b in blocks if isinstance(b, Table)).rows == [["What?", "Who?"], ["Map the partners", "ZSI"]]


@pytest.mark.parametrize("main", ["word/document2.xml", "word/main.xml"])
def test_a_main_part_with_another_name_is_read(main: str) -> None:
    data = _docx_with_body(_p("Work plan") + _p("Map the partners by May"), main=main)
    assert "word/document.xml" not in zipfile.ZipFile(io.BytesIO(data)).namelist()
    blocks = read_document("renamed.docx", data)
    assert texts(blocks, Paragraph) == ["Work plan", "Map the partners by May"]


def _tabbed(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize(
    "lines",
    [
        ["Minutes of the board", "Date:\t3 May 2026\tPlace:\tVienna", "Present: Ann, Bo"],
        ["Chair\t\tAnn Berger", "The board agreed the plan."],
        ["1.\tMap the partners by May"],
    ],
)
def test_tabs_in_single_word_paragraphs_are_not_tables(lines: list[str]) -> None:
    blocks = read_document("minutes.docx", _tabbed(*lines), isolated=False)
    assert not any(isinstance(b, TableRow | Table) for b in blocks)
    assert all("\t" not in getattr(b, "text", "") for b in blocks)


def test_tabs_over_consecutive_word_paragraphs_are_a_table() -> None:
    blocks = read_document(
        "plan.docx",
        _tabbed(
            "Plan",
            "What?\tWho?\tWhen?",
            "Map the partners\tZSI\tMay 2026",
            "",
            "Run the school\tDLR\tJuly 2026",
            "Next steps",
        ),
        isolated=False,
    )
    rows = [b.cells for b in blocks if isinstance(b, TableRow)]
    assert rows == [
        ["What?", "Who?", "When?"],
        ["Map the partners", "ZSI", "May 2026"],
        ["Run the school", "DLR", "July 2026"],
    ]
    assert texts(blocks, Paragraph) == ["Plan", "Next steps"]


def test_tab_paragraphs_of_different_widths_are_not_one_table() -> None:
    blocks = read_document("form.docx", _tabbed("Name:\tAnn", "Date:\t3 May\tPlace:\tVienna"), isolated=False)
    assert not any(isinstance(b, TableRow) for b in blocks)


def test_a_table_of_contents_is_not_read_as_rows() -> None:
    document = docx.Document()
    styles = document.styles
    from docx.enum.style import WD_STYLE_TYPE

    toc = styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    for text in ("Priority 1\t3", "Priority 2\t5"):
        document.add_paragraph(text, style=toc)
    document.add_heading("Priority 1", level=1)
    document.add_paragraph("Map the partners", style="List Bullet")
    buf = io.BytesIO()
    document.save(buf)
    blocks = read_document("toc.docx", buf.getvalue(), isolated=False)
    assert not any(isinstance(b, TableRow) for b in blocks)
    assert texts(blocks, Heading) == ["Priority 1"]


def test_a_word_form_imports_its_fields_as_text() -> None:
    body = (
        _p("Work plan 2026")
        + "<w:p><w:pPr><w:pStyle w:val='ListBullet'/></w:pPr>"
        + _sdt("<w:r><w:t>Map the partners (ZSI, May 2026)</w:t></w:r>")
        + "</w:p>"
    )
    draft = import_text("form.docx", _docx_with_body(body))
    assert "Map the partners" in " ".join(i.what for i in draft.items()) or draft.problems


# --- PDF grids without row rules (Gantt exports) ----------------------------------------------------------

TASKS = [
    ("1) Map the partners", "ZSI"),
    ("2) Run the summer school", "DLR"),
    ("3) Publish the report", "ZSI"),
    ("4) Hold the final meeting", "CNRS"),
]


def _grid_pdf(
    *, header_rule: bool = True, rules_in: tuple[int, ...] = (), bars: bool = False, wrapped: bool = False
) -> bytes:
    """A Task | Lead | Schedule grid drawn with vertical rules; horizontal rules only across the columns in
    `rules_in` (between the rows), and optionally filled bars in the schedule column."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(842, 595))
    xs = [40, 300, 400, 800]
    top, bottom = 560, 440
    for x in xs:
        c.line(x, top, x, bottom)
    c.line(xs[0], top, xs[-1], top)
    c.line(xs[0], bottom, xs[-1], bottom)
    if header_rule:
        c.line(xs[0], 540, xs[-1], 540)
    c.setFont("Helvetica", 10)
    for j, head in enumerate(["Task", "Lead", "Schedule"]):
        c.drawString(xs[j] + 4, 546, head)
    for i, (task, who) in enumerate(TASKS):
        y = 524 - i * 24
        c.drawString(xs[0] + 4, y, task)
        c.drawString(xs[1] + 4, y, who)
        if wrapped and i == 0:
            c.drawString(xs[0] + 4, y - 11, "and their networks")
        if bars:
            c.rect(xs[2] + 20 + 60 * i, y - 2, 80, 9, fill=1)
        for j in rules_in:
            c.line(xs[j], y - 14, xs[j + 1], y - 14)
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize(
    "shape",
    [
        {"header_rule": True},
        {"header_rule": False},
        {"bars": True},
        {"rules_in": (2,)},
        {"rules_in": (1, 2)},
    ],
)
def test_a_pdf_grid_without_row_rules_gives_one_row_per_text_line(shape: dict) -> None:
    blocks = read_document("gantt.pdf", _grid_pdf(**shape))
    table = next(b for b in blocks if isinstance(b, Table))
    rows = [r[:2] for r in table.rows if any(r[:2])]
    assert rows[0] == ["Task", "Lead"]
    assert rows[1:] == [list(t) for t in TASKS]


def test_a_ruled_pdf_table_with_a_wrapped_cell_keeps_its_rows() -> None:
    blocks = read_document("ruled.pdf", _grid_pdf(rules_in=(0, 1, 2), wrapped=True))
    table = next(b for b in blocks if isinstance(b, Table))
    assert [r[:2] for r in table.rows][1] == ["1) Map the partners and their networks", "ZSI"]
    assert len(table.rows) == 1 + len(TASKS)


def test_a_ruled_pdf_table_with_two_wrapped_cells_in_a_row_keeps_its_rows() -> None:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(842, 595))
    xs, ys = [40, 300, 400, 700], [560, 540, 500, 470]
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    c.setFont("Helvetica", 10)
    for j, head in enumerate(["What", "Who", "Notes"]):
        c.drawString(xs[j] + 4, 546, head)
    cells = [["Map the partners", "of the network"], ["ZSI"], ["First draft in May,", "final in June"]]
    for j, lines in enumerate(cells):
        for k, line in enumerate(lines):
            c.drawString(xs[j] + 4, 526 - 12 * k, line)
    for j, text in enumerate(["Run the school", "DLR", "July"]):
        c.drawString(xs[j] + 4, 482, text)
    c.save()
    table = next(b for b in read_document("wrapped.pdf", buf.getvalue()) if isinstance(b, Table))
    assert table.rows[1] == ["Map the partners of the network", "ZSI", "First draft in May, final in June"]
    assert table.rows[2] == ["Run the school", "DLR", "July"]


def test_a_merged_group_cell_in_a_pdf_still_fills_the_rows_it_covers() -> None:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(842, 595))
    xs, ys = [40, 200, 500, 600], [560, 540, 515, 490, 465]
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    c.line(xs[0], ys[0], xs[-1], ys[0])
    c.line(xs[0], ys[1], xs[-1], ys[1])
    c.line(xs[0], ys[-1], xs[-1], ys[-1])
    for y in ys[2:-1]:
        c.line(xs[1], y, xs[-1], y)  # no rule across the group column: its cell is merged down
    c.setFont("Helvetica", 10)
    for j, head in enumerate(["Priority", "Action", "Lead"]):
        c.drawString(xs[j] + 4, 546, head)
    c.drawString(xs[0] + 4, 505, "Research")
    for i, (what, who) in enumerate(
        [("Map the partners", "ZSI"), ("Publish the map", "ZSI"), ("Run the school", "DLR")]
    ):
        c.drawString(xs[1] + 4, 523 - 25 * i, what)
        c.drawString(xs[2] + 4, 523 - 25 * i, who)
    c.save()
    table = next(b for b in read_document("merged.pdf", buf.getvalue()) if isinstance(b, Table))
    assert [r[0] for r in table.rows[1:]] == ["Research", "Research", "Research"]
    assert [r[1] for r in table.rows[1:]] == ["Map the partners", "Publish the map", "Run the school"]
