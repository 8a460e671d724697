"""Limits for every format: files of any shape are read or refused with a reason naming them, by a warm
worker process that survives them. (Speed itself is measured in bench/, not asserted here.)"""

from __future__ import annotations

import io
import random
import zipfile

import pytest

from accord.text.errors import DocumentError, DocumentTooLarge, UnsafeDocument
from accord.text.layout import import_text
from accord.text.readers import MAX_BLOCKS, Heading, ListItem, Paragraph, Table, TableRow, read_document, worker
from accord.text.readers import docx as docx_reader
from accord.text.readers.html import nesting_depth
from accord.text.readers.markdown import markdown_is_safe
from accord.text.readers.text import MAX_CELLS, read_text
from tests.text.builders import build_docx, build_pdf

SAMPLE = "Plan\n\nWhat?\tWho?\tWhen?\nMap the partners\tZSI\tMay 2026\n"


def _replace_entry(data: bytes, entry: str, content: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, content if info.filename == entry else src.read(info.filename))
    return out.getvalue()


def _docx() -> bytes:
    return build_docx(read_text(SAMPLE))


def _long_pdf() -> bytes:
    """Several pages of rows: reading them takes well over the 10 ms a CPU-time clock can tell apart."""
    rows = "".join(f"Map the partners of region {i}\tZSI\tMay 2026\n" for i in range(200))
    return build_pdf(read_text(SAMPLE + rows))


# --- shapes that were quadratic, deep or huge --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "[" * 10_000 + "]" * 10_000,  # nested brackets
        "# Plan\n\n- " + "[a](" * 5_000 + "\n",  # link openers never closed
        "> " * 200 + "quoted very deep\n",
    ],
)
def test_markdown_the_parser_would_choke_on_is_read_line_by_line(text: str) -> None:
    assert not markdown_is_safe(text)
    blocks = read_document("brackets.md", text.encode())
    assert blocks


def test_markdown_of_ordinary_shape_still_goes_through_the_parser() -> None:
    assert markdown_is_safe("# Plan\n\n- [the site](https://example.org) and [another](https://example.net)\n")


@pytest.mark.parametrize("line", ["\t" * 200_000 + "end", "a\t" * 100_000, "\t".join(str(i) for i in range(5000))])
def test_a_line_of_many_tabs_keeps_at_most_max_cells(line: str) -> None:
    blocks = read_document("tabs.txt", line.encode())
    rows = [b for b in blocks if isinstance(b, TableRow)]
    assert rows and all(len(r.cells) <= MAX_CELLS for r in rows)
    assert rows[0].cells[-1]  # what lies past the cap is kept in the last cell, not lost


def test_a_very_long_line_is_cut_into_lines_at_white_space() -> None:
    words = " ".join(f"word{i}" for i in range(10_000))  # about 90,000 characters, no line break
    blocks = read_text(words)
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    assert len(paragraphs) >= 4
    assert " ".join(p.text for p in paragraphs) == words


def test_emphasis_marks_that_never_close_do_not_stall_the_reader() -> None:
    blocks = read_document("stars.txt", ("a **b " * 4000).encode())
    assert blocks and "*" not in blocks[0].text  # type: ignore[attr-defined]


@pytest.mark.parametrize("lines", [MAX_BLOCKS + 1, 4 * MAX_BLOCKS])
def test_a_text_of_too_many_lines_is_refused_before_reading(lines: int) -> None:
    with pytest.raises(DocumentTooLarge, match=r"more than 20,000 lines") as err:
        read_document("long.txt", b"x\n" * lines)
    assert err.value.source == "long.txt"


def test_blank_lines_do_not_count_towards_the_line_limit() -> None:
    blocks = read_document("airy.txt", b"Plan\n" + b"\n" * (3 * MAX_BLOCKS) + b"- Map the partners\n")
    assert [b.text for b in blocks if isinstance(b, ListItem)] == ["Map the partners"]


@pytest.mark.parametrize("depth", [5_000, 40_000])
def test_deeply_nested_html_is_read_as_text(depth: int) -> None:
    data = ("<h1>Plan</h1>" + "<div>" * depth + "<p>Map the partners by May</p>" + "</div>" * depth).encode()
    blocks = read_document("deep.html", data)
    words = " ".join(getattr(b, "text", "") for b in blocks)
    assert "Plan" in words and "Map the partners by May" in words


def test_nesting_depth_ignores_void_and_self_closing_elements() -> None:
    assert nesting_depth("<div><br><img src=x><p>a<p>b<hr/></div>") == 1
    assert nesting_depth("<ul><li><ul><li>x</li></ul></li></ul>") == 2


def test_ordinary_html_keeps_its_structure() -> None:
    blocks = read_document("plan.html", b"<h1>Plan</h1><div><div><ul><li>Map</li></ul></div></div>")
    assert isinstance(blocks[0], Heading) and any(isinstance(b, ListItem) for b in blocks)


def test_a_docx_holding_too_much_xml_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    # Random words compress like real text (about 3:1), so the zip-bomb ratio check lets them through.
    rng = random.Random(7)
    words = " ".join("".join(rng.choice("abcdefghij") for _ in range(6)) for _ in range(200_000))
    xml = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        f"<w:p><w:r><w:t>{words}</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    data = _replace_entry(_docx(), "word/document.xml", xml)
    monkeypatch.setattr(docx_reader, "MAX_XML_PART", 1024 * 1024)
    with pytest.raises(DocumentTooLarge, match=r"word/document\.xml holds 1 MB of XML") as err:
        read_document("heavy.docx", data, isolated=False)
    assert err.value.source == "heavy.docx"
    monkeypatch.setattr(docx_reader, "MAX_XML_PART", 32 * 1024 * 1024)
    monkeypatch.setattr(docx_reader, "MAX_XML_TOTAL", 1024 * 1024)
    with pytest.raises(DocumentTooLarge, match=r"holds \d+ MB of XML \(limit 1 MB\)"):
        read_document("heavy.docx", data, isolated=False)


@pytest.mark.parametrize("fraction", [0.1, 0.3, 0.5, 0.7, 0.9, 0.97, 0.995])
def test_a_truncated_docx_is_a_document_error_wherever_it_is_cut(fraction: float) -> None:
    data = _docx()
    cut = data[: int(len(data) * fraction)]
    with pytest.raises(DocumentError) as err:
        read_document("cut.docx", cut)
    assert err.value.source == "cut.docx"


def test_a_zip_whose_directory_points_past_the_end_is_a_document_error() -> None:
    data = bytearray(_docx())
    end = data.rfind(b"PK\x05\x06")
    data[end + 16 : end + 20] = (len(data) * 4).to_bytes(4, "little")  # central directory offset past the end
    with pytest.raises(DocumentError, match=r"damaged or truncated"):
        read_document("pointer.docx", bytes(data))


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_a_dtd_in_a_utf16_or_utf32_part_is_refused(codec: str) -> None:
    declaration = "" if codec.startswith("utf-16-") else f'<?xml version="1.0" encoding="{codec.upper()}"?>'
    laughs = (
        declaration + '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"
    ).encode(codec)
    data = _replace_entry(_docx(), "word/document.xml", laughs)
    with pytest.raises(DocumentError) as err:
        read_document("laughs16.docx", data)
    assert err.value.source == "laughs16.docx"
    if codec == "utf-16":  # (expat reads no UTF-32: that part is refused as not well-formed)
        assert isinstance(err.value, UnsafeDocument)


def test_a_spreadsheet_with_too_many_rows_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from accord.text.readers import spreadsheet

    monkeypatch.setattr(spreadsheet, "MAX_ROWS", 50)
    data = "".join(f"Task {i},ZSI,May 2026\n" for i in range(60)).encode()
    with pytest.raises(DocumentTooLarge, match=r"more than 50 rows"):
        read_document("rows.csv", data, isolated=False)


def test_too_many_blocks_are_refused() -> None:
    from accord.text.readers import check_block_count

    blocks = [Table([["a", "b"]] * (MAX_BLOCKS + 1), None)]
    with pytest.raises(DocumentTooLarge, match=r"20,001 paragraphs, lines and table rows"):
        check_block_count("big.docx", blocks)  # type: ignore[arg-type]


# --- the worker process ------------------------------------------------------------------------------------


def _pid() -> int:
    child = worker._children.get(worker.MEMORY_MB)
    assert child is not None
    return child.proc.pid


def test_the_worker_is_reused_across_files_and_formats() -> None:
    read_document("a.txt", SAMPLE.encode())
    pid = _pid()
    read_document("b.docx", _docx())
    read_document("c.pdf", build_pdf(read_text(SAMPLE)))
    read_document("d.md", b"# Plan\n\n- Map the partners\n")
    assert _pid() == pid


def test_the_worker_is_replaced_after_a_time_limit_and_the_next_file_reads() -> None:
    read_document("a.txt", SAMPLE.encode())
    pid = _pid()
    with pytest.raises(DocumentError, match=r"slow\.pdf: reading the file took longer than 0\.01 s"):
        read_document("slow.pdf", _long_pdf(), timeout=0.01)
    blocks = read_document("after.txt", SAMPLE.encode())
    assert any(isinstance(b, TableRow) for b in blocks)
    assert _pid() != pid


def test_a_refusal_keeps_the_worker_warm() -> None:
    read_document("a.txt", SAMPLE.encode())
    pid = _pid()
    with pytest.raises(DocumentError):
        read_document("cut.docx", _docx()[:300])
    read_document("b.txt", SAMPLE.encode())
    assert _pid() == pid


def test_a_worker_killed_between_files_is_started_again() -> None:
    read_document("a.txt", SAMPLE.encode())
    worker._children[worker.MEMORY_MB].proc.kill()
    worker._children[worker.MEMORY_MB].proc.wait()
    assert read_document("b.txt", SAMPLE.encode())


def test_a_memory_limit_below_what_the_readers_need_is_a_refusal() -> None:
    with pytest.raises(DocumentError, match=r"hungry\.txt: reading the file needed more than 40 MB"):
        read_document("hungry.txt", SAMPLE.encode(), memory_mb=40)


def test_reading_in_process_gives_the_same_blocks() -> None:
    for name, data in (("a.txt", SAMPLE.encode()), ("b.docx", _docx()), ("c.pdf", build_pdf(read_text(SAMPLE)))):
        assert read_document(name, data) == read_document(name, data, isolated=False)


def test_every_file_of_a_bad_batch_gets_its_own_answer() -> None:
    files = [
        ("good.txt", SAMPLE.encode()),
        ("cut.docx", _docx()[:500]),
        ("deep.html", b"<div>" * 20_000),
        ("tabs.txt", b"x" + b"\t" * 100_000),
        ("long.txt", b"x\n" * (MAX_BLOCKS + 5)),
        ("also-good.txt", SAMPLE.encode()),
    ]
    outcomes = {}
    for name, data in files:
        try:
            outcomes[name] = import_text(name, data).items() is not None
        except DocumentError as exc:
            assert exc.source == name and exc.reason
            outcomes[name] = False
    assert outcomes["good.txt"] and outcomes["also-good.txt"]
    assert not outcomes["cut.docx"] and not outcomes["long.txt"]
