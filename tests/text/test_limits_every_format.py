"""The shapes that once stalled, exhausted or crashed a reader, in every format that can carry them: each file is
read, or refused with a DocumentError that names it and says why. (How long each takes is measured in
bench/bench_import.py, not asserted here.)"""

from __future__ import annotations

import io
import zipfile

import pytest

from accord.text.errors import DocumentError
from accord.text.layout import import_text
from accord.text.readers import MAX_BYTES, Table, read_document
from accord.text.readers.text import read_text
from tests.text.builders import build_docx

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _read_or_refused(name: str, data: bytes) -> list[object] | DocumentError:
    try:
        return list(read_document(name, data))
    except DocumentError as exc:
        assert exc.source == name and exc.reason, exc
        return exc


def _with_document_xml(xml: str) -> bytes:
    base = build_docx(read_text("Plan\n\nWhat?\tWho?\tWhen?\nMap the partners\tZSI\tMay 2026\n"))
    src = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = xml.encode() if info.filename == "word/document.xml" else src.read(info.filename)
            dst.writestr(info.filename, content)
    return out.getvalue()


def _xlsx(rows: int) -> bytes:
    import openpyxl  # type: ignore[import-untyped]

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["What", "Who", "When"])
    for i in range(rows):
        sheet.append([f"Survey the members of region {i}", "DLR", "June 2026"])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


BRACKETS = "[" * 10_000 + "]" * 10_000  # 20 KB


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("brackets.md", BRACKETS.encode()),
        ("brackets.txt", BRACKETS.encode()),
        ("brackets.html", f"<p>{BRACKETS}</p>".encode()),
        ("parens.md", ("- (" * 7_000 + ")" * 7_000).encode()),
    ],
)
def test_nested_brackets_are_read_in_every_text_format(name: str, data: bytes) -> None:
    blocks = read_document(name, data)
    assert "[[[" in " ".join(getattr(b, "text", "") for b in blocks) or name == "parens.md"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("tabs.md", b"\t" * 200_000 + b"end\n"),
        ("tabs.csv", b"\t" * 200_000 + b"end\n"),
        ("commas.csv", b"," * 200_000 + b"end\n"),
        ("pipes.md", b"|" * 200_000 + b"end\n"),
    ],
)
def test_a_200_kb_line_of_separators_is_read_or_refused_by_name(name: str, data: bytes) -> None:
    outcome = _read_or_refused(name, data)
    if not isinstance(outcome, DocumentError):
        assert all(len(b.rows[0]) <= 256 for b in outcome if isinstance(b, Table))


def test_an_html_fragment_in_a_txt_with_40000_nested_divs_is_read() -> None:
    data = ("<div>" * 40_000 + "<p>Map the partners by May</p>" + "</div>" * 40_000).encode()
    blocks = read_document("deep.txt", data)
    assert "Map the partners by May" in " ".join(getattr(b, "text", "") for b in blocks)


def test_word_tables_nested_thousands_deep_are_refused_by_name() -> None:
    depth = 3_000
    xml = (
        f"<w:document {_W}><w:body><w:tbl>"
        + "<w:tr><w:tc><w:tbl>" * depth
        + "<w:tr><w:tc><w:p><w:r><w:t>Map the partners</w:t></w:r></w:p></w:tc></w:tr>"
        + "</w:tbl></w:tc></w:tr>" * depth
        + "</w:tbl></w:body></w:document>"
    )
    outcome = _read_or_refused("nested.docx", _with_document_xml(xml))
    assert isinstance(outcome, DocumentError)


@pytest.mark.parametrize("fraction", [0.2, 0.5, 0.9, 0.99])
def test_a_truncated_xlsx_is_a_document_error_wherever_it_is_cut(fraction: float) -> None:
    data = _xlsx(30)
    outcome = _read_or_refused("cut.xlsx", data[: int(len(data) * fraction)])
    assert isinstance(outcome, DocumentError)


def test_a_text_file_at_the_upload_limit_in_one_line_is_read_or_refused_by_name() -> None:
    words = b"survey the members of the network and publish the map "
    data = (words * (MAX_BYTES // len(words)))[: MAX_BYTES - 16]
    _read_or_refused("one-line.txt", data)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "txt"])
def test_a_table_of_thousands_of_rows_gives_every_row(fmt: str) -> None:
    """A long action list (the layout once compared each row with every item before it)."""
    rows = 1_200
    if fmt == "xlsx":
        data = _xlsx(rows)
    else:
        sep = "," if fmt == "csv" else "\t"
        lines = [sep.join(["What", "Who", "When"])]
        lines += [sep.join([f"Survey the members of region {i}", "DLR", "June 2026"]) for i in range(rows)]
        data = ("\n".join(lines) + "\n").encode()
    draft = import_text(f"long.{fmt}", data)
    items = list(draft.items())
    assert len(items) == rows
    assert items[-1].what == f"Survey the members of region {rows - 1}"
    assert {it.timeframe.start.month for it in items if it.timeframe and it.timeframe.start} == {6}
    assert {o for it in items for o in it.owners} == {"DLR"}
