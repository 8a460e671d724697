"""Hostile and broken files: each one a clear DocumentError naming the file, and the process still alive."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from accord.text.errors import (
    DocumentError,
    DocumentTooLarge,
    EncryptedDocument,
    NoTextLayer,
    UnsafeDocument,
    UnsupportedFormat,
)
from accord.text.layout import import_text
from accord.text.readers import read_document
from accord.text.readers.pdf import read_pdf
from accord.text.readers.text import read_text
from tests.text.builders import build_docx, build_pdf

SAMPLE = "Plan\n\nWhat?\tWho?\tWhen?\nMap\tZSI\tMay 2024\n"


def _docx() -> bytes:
    return build_docx(read_text(SAMPLE.encode()))


def _replace_entry(data: bytes, entry: str, content: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, content if info.filename == entry else src.read(info.filename))
    return out.getvalue()


def test_zip_bomb_is_refused_before_parsing() -> None:
    bomb = _replace_entry(_docx(), "word/document.xml", b"<w:document>" + b" " * (150 * 1024 * 1024) + b"</w:document>")
    assert len(bomb) < 1024 * 1024
    with pytest.raises(UnsafeDocument, match="bomb") as err:
        read_document("bomb.docx", bomb)
    assert err.value.source == "bomb.docx"


def test_zip_with_too_many_entries_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<a/>")
        for i in range(1200):
            z.writestr(f"junk/{i}.txt", "x")
    with pytest.raises(UnsafeDocument, match="entries"):
        read_document("many.docx", out.getvalue())


def test_billion_laughs_inside_a_docx_is_refused() -> None:
    laughs = (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)
        )
        + b']>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        + b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    bomb = _replace_entry(_docx(), "word/document.xml", laughs)
    with pytest.raises(UnsafeDocument, match="DTD or entities"):
        read_document("laughs.docx", bomb)


def test_truncated_docx() -> None:
    data = _docx()
    with pytest.raises(DocumentError, match="damaged or truncated") as err:
        read_document("cut.docx", data[: len(data) // 2])
    assert "cut.docx" in str(err.value)


def test_zip_that_is_not_word() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(UnsupportedFormat, match="not a Word"):
        read_document("archive.docx", out.getvalue())


def test_encrypted_pdf() -> None:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    c.drawString(72, 720, "Secret plan")
    c.save()
    with pytest.raises(EncryptedDocument, match="encrypted") as err:
        read_document("locked.pdf", buf.getvalue())
    assert err.value.source == "locked.pdf"


def test_scanned_pdf_without_text_layer() -> None:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.rect(72, 72, 300, 500, fill=1)  # a page with marks and no text, like a scan
    c.save()
    with pytest.raises(NoTextLayer, match=r"no text layer: this looks like a scanned document"):
        read_document("scan.pdf", buf.getvalue())


def test_damaged_pdf() -> None:
    data = build_pdf(read_text(SAMPLE.encode()))
    with pytest.raises(DocumentError, match=r"broken\.pdf"):
        read_document("broken.pdf", data[:200])


def test_pdf_time_limit() -> None:
    # Long enough that reading it takes well over the 10 ms the limit's CPU-time clock can tell apart.
    data = build_pdf(read_text((SAMPLE + "Map the partners\tZSI\tMay 2024\n" * 200).encode()))
    with pytest.raises(DocumentError, match=r"took longer than 0\.01 s"):
        read_pdf(data, "slow.pdf", timeout=0.01)


def test_pdf_memory_limit() -> None:
    data = build_pdf(read_text(SAMPLE.encode()))
    with pytest.raises(DocumentError, match=r"memory|cannot be read"):
        read_pdf(data, "hungry.pdf", memory_mb=40)


@pytest.mark.parametrize("data", [b"", b"   \n\n\t  \n"])
def test_empty_file(data: bytes) -> None:
    with pytest.raises(DocumentError, match="empty") as err:
        read_document("empty.txt", data)
    assert err.value.source == "empty.txt"


def test_random_bytes() -> None:
    with pytest.raises(UnsupportedFormat, match="binary data"):
        read_document("noise.txt", os.urandom(4096))


@pytest.mark.parametrize(("name", "reason"), [("old.doc", ".docx"), ("slides.pptx", "slides")])
def test_unsupported_formats(name: str, reason: str) -> None:
    with pytest.raises(UnsupportedFormat, match=reason):
        read_document(name, b"some text that might be anything")


def test_fifty_megabyte_text_file_is_refused_by_size() -> None:
    data = b"Map the partners\tZSI\tMay 2024\n" * (50 * 1024 * 1024 // 30)
    with pytest.raises(DocumentTooLarge, match=r"limit is 20 MB") as err:
        import_text("huge.txt", data)
    assert err.value.source == "huge.txt"


def test_the_process_is_alive_after_all_of_it() -> None:
    draft = import_text("fine.txt", SAMPLE.encode())
    assert [i.what for i in draft.items()] == ["Map"]
