"""Each format reads to the same blocks' meaning: DOCX and PDF builds of the example documents import to the
same Draft as their text and Markdown originals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from accord.text.layout import build_draft, import_text
from accord.text.readers import (
    Blank,
    Footnote,
    Heading,
    ListItem,
    Paragraph,
    Table,
    TableRow,
    detect_format,
    read_document,
)
from accord.text.readers.html import read_html
from accord.text.readers.markdown import read_markdown
from accord.text.readers.text import decode_text, read_text
from tests.text.builders import build_docx, build_pdf

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE_FILES = sorted(p.name for p in EXAMPLES.glob("*") if p.suffix in (".txt", ".md") and p.stem != "README")


def comparable(data: Any) -> Any:
    """A Draft's JSON without what differs by format: where things were read, the file name, the checksum."""
    if isinstance(data, dict):
        return {
            k: comparable(v)
            for k, v in data.items()
            if k not in ("location", "problems", "checksum", "source", "links")
        }
    if isinstance(data, list):
        return [comparable(v) for v in data]
    return data


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_examples_import_with_items(name: str) -> None:
    draft = import_text(name, (EXAMPLES / name).read_bytes())
    assert draft.title and draft.period_start and draft.items()
    assert draft.checksum and len(draft.checksum) == 64


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_docx_and_pdf_builds_import_to_the_same_draft(name: str, fmt: str) -> None:
    data = (EXAMPLES / name).read_bytes()
    blocks = read_document(name, data)
    reference = comparable(build_draft(blocks, name).to_json())
    built = build_docx(blocks) if fmt == "docx" else build_pdf(blocks)
    assert detect_format(f"copy.{fmt}", built) == fmt
    got = comparable(import_text(f"copy.{fmt}", built).to_json())
    assert got == reference


def test_markdown_file_reads_like_the_same_text() -> None:
    md = (EXAMPLES / "northern-lights-strategic-priorities-2027.md").read_bytes()
    assert comparable(import_text("a.md", md).to_json()) == comparable(import_text("a.txt", md).to_json())


def test_text_reader_recognises_line_kinds() -> None:
    text = (
        "Title line\n\n# A heading\n1. Priority: Outreach\n\nProse.\n"
        "What?\tWho?\tWhen?\nMap\tZSI\tMay 2024\n\n"
        "- dash\n  - nested\n• dot\n❑ Track\n→ arrow\n* star\n"
        "| What | When |\n|---|---|\n| Plan | June |\n"
        "¹ A footnote.\n[^2]: Another.\n<p>Some <i>html</i> text<sup>3</sup></p>\n*An italic line*\n"
    )
    blocks = read_text(text.encode())
    kinds = [type(b).__name__ for b in blocks if not isinstance(b, Blank)]
    assert kinds[:4] == ["Paragraph", "Heading", "Heading", "Paragraph"]
    h = blocks[3]
    assert isinstance(h, Heading) and h.number == "1" and h.text == "Priority: Outreach"
    rows = [b for b in blocks if isinstance(b, TableRow)]
    assert rows[0].cells == ["What?", "Who?", "When?"] and rows[1].location.line == 8
    assert rows[2].header and rows[3].cells == ["Plan", "June"]
    items = [b for b in blocks if isinstance(b, ListItem)]
    assert [(i.marker, i.level) for i in items] == [("-", 0), ("-", 1), ("•", 0), ("❑", 0), ("→", 0), ("*", 0)]
    notes = [b for b in blocks if isinstance(b, Footnote)]
    assert [(n.marker, n.text) for n in notes] == [("1", "A footnote."), ("2", "Another.")]
    paras = [b for b in blocks if isinstance(b, Paragraph)]
    assert paras[-2].text == "Some html text"
    assert paras[-1].style == "emphasis" and paras[-1].text == "An italic line"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("Café – “ok”".encode(), "Café – “ok”"),
        (b"\xef\xbb\xbfWith BOM", "With BOM"),
        ("Caf\u00e9 \u2013 quotes \u201cok\u201d".encode("cp1252"), "Café – quotes “ok”"),
        ("Zürich".encode("latin-1"), "Zürich"),
    ],
)
def test_text_decoding(data: bytes, text: str) -> None:
    assert decode_text(data) == text


def test_markdown_reader() -> None:
    md = (
        "# Plan\n\n## 1. Priority: Reach\n\nSome *prose* with a [link](https://example.org/x).\n\n"
        "| Task | Owner | Due |\n|---|---|---|\n| Write | ZSI | May 2024 |\n\n- a\n  - b\n"
    )
    blocks = read_markdown(md)
    heads = [b for b in blocks if isinstance(b, Heading)]
    assert [(h.level, h.number, h.text) for h in heads] == [(1, None, "Plan"), (2, "1", "Priority: Reach")]
    para = next(b for b in blocks if isinstance(b, Paragraph))
    assert para.text == "Some prose with a link." and para.links == ["https://example.org/x"]
    table = next(b for b in blocks if isinstance(b, Table))
    assert table.header == ["Task", "Owner", "Due"] and table.rows == [["Write", "ZSI", "May 2024"]]
    assert [(b.level, b.text) for b in blocks if isinstance(b, ListItem)] == [(0, "a"), (1, "b")]


def test_html_reader_strips_scripts_and_keeps_structure() -> None:
    page = (
        "<html><head><style>p{color:red}</style></head><body><script>alert(1)</script>"
        "<h1>Plan</h1><p>Intro<sup>1</sup> text.</p><ul><li>one<ul><li>two</li></ul></li></ul>"
        "<table><tr><th>What</th><th>Who</th></tr><tr><td colspan='1'>Map</td><td>ZSI</td></tr></table>"
        "<p><em>Whole italic</em></p></body></html>"
    )
    blocks = read_html(page)
    text = " ".join(getattr(b, "text", "") for b in blocks)
    assert "alert" not in text and "color" not in text
    assert isinstance(blocks[0], Heading) and blocks[0].text == "Plan"
    assert any(isinstance(b, Paragraph) and b.text == "Intro text." for b in blocks)
    assert [(b.level, b.text) for b in blocks if isinstance(b, ListItem)] == [(0, "one"), (1, "two")]
    table = next(b for b in blocks if isinstance(b, Table))
    assert table.header == ["What", "Who"] and table.rows == [["Map", "ZSI"]]
    assert any(isinstance(b, Paragraph) and b.style == "emphasis" for b in blocks)


def test_docx_reader_styles_tables_in_order_and_merged_cells() -> None:
    import io

    import docx

    d = docx.Document()
    d.add_paragraph("Work Programme", style="Title")
    d.add_heading("1. Priority: Reach", level=1)
    d.add_paragraph("Before the table.")
    t = d.add_table(rows=3, cols=3)
    for i, row in enumerate([["What", "Who", "When"], ["Map", "ZSI", "May 2024"], ["Merged", "", "June 2024"]]):
        for j, value in enumerate(row):
            t.cell(i, j).text = value
    t.cell(2, 0).merge(t.cell(2, 1))
    d.add_paragraph("After the table.")
    d.add_paragraph("Bullet", style="List Bullet")
    d.add_paragraph("Nested", style="List Bullet 2")
    buf = io.BytesIO()
    d.save(buf)
    blocks = [b for b in read_document("a.docx", buf.getvalue()) if not isinstance(b, Blank)]
    assert isinstance(blocks[0], Paragraph) and blocks[0].style == "title"
    assert isinstance(blocks[1], Heading) and blocks[1].number == "1"
    assert [type(b).__name__ for b in blocks[2:5]] == ["Paragraph", "Table", "Paragraph"]
    table = blocks[3]
    assert isinstance(table, Table)
    assert table.rows[2] == ["Merged", "", "June 2024"]  # the merged text once, columns in place
    assert [(b.level, b.text) for b in blocks if isinstance(b, ListItem)] == [(0, "Bullet"), (1, "Nested")]


def test_pdf_reader_reads_ruled_tables_in_reading_order() -> None:
    blocks = read_text(b"Plan\n\nBefore.\n\nWhat?\tWho?\tWhen?\nMap\tZSI\tMay 2024\n\nAfter.\n")
    got = [b for b in read_document("a.pdf", build_pdf(blocks)) if not isinstance(b, Blank)]
    assert [type(b).__name__ for b in got] == ["Paragraph", "Paragraph", "Table", "Paragraph"]
    table = got[2]
    assert isinstance(table, Table) and table.rows[1] == ["Map", "ZSI", "May 2024"]
    assert table.location.page == 1


@pytest.mark.parametrize(
    ("name", "data", "fmt"),
    [
        ("plan.txt", b"%PDF-1.4 ...", "pdf"),
        ("plan.pdf", b"Just text", "text"),
        ("plan.docx", b"<!doctype html><html><body>x</body></html>", "html"),
        ("plan.md", b"# Title", "markdown"),
        ("plan", b"Plain", "text"),
    ],
)
def test_format_is_sniffed_from_content_first(name: str, data: bytes, fmt: str) -> None:
    assert detect_format(name, data) == fmt
