"""Read a document of any supported format into blocks, safely.

`read_document` picks the reader from the bytes first (a renamed file is read for what it is) and the name
second, and refuses what could hurt the process before any parser sees it: oversized files, zip and XML
bombs, encrypted or scanned PDFs. Every refusal is a DocumentError naming the file and the reason.
"""

from __future__ import annotations

import os

from accord.text.errors import DocumentError, DocumentTooLarge, UnsupportedFormat
from accord.text.readers.blocks import (
    Blank,
    Block,
    Footnote,
    Heading,
    ListItem,
    Paragraph,
    Table,
    TableRow,
)

__all__ = [
    "MAX_BYTES",
    "Blank",
    "Block",
    "Footnote",
    "Heading",
    "ListItem",
    "Paragraph",
    "Table",
    "TableRow",
    "detect_format",
    "read_document",
]

MAX_BYTES = 20 * 1024 * 1024
FORMATS = ("text", "markdown", "html", "docx", "pdf")
_EXTENSIONS = {
    ".txt": "text", ".text": "text", ".tsv": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".docx": "docx", ".pdf": "pdf",
}
_REFUSED_EXTENSIONS = {
    ".doc": "old Word .doc files are not supported: save the document as .docx",
    ".odt": "OpenDocument files are not supported: save the document as .docx",
    ".rtf": "RTF files are not supported: save the document as .docx",
    ".pptx": "slides are not supported: export them as PDF or save the text as .txt",
    ".xlsx": "spreadsheets are not supported: export the sheet as tab-separated text",
}


def _looks_binary(data: bytes) -> bool:
    """Text has no NUL bytes and few control characters; random or binary data has many."""
    sample = data[:8192]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    controls = sum(1 for c in sample if c < 9 or 13 < c < 32 or c == 127)
    if controls > len(sample) * 0.02:
        return True
    try:
        sample.decode("utf-8")
        return False
    except UnicodeDecodeError as exc:
        # A cut in the middle of a multi-byte character at the sample's end is fine.
        if exc.start >= len(sample) - 4:
            return False
    # Not UTF-8: cp1252 text is mostly printable ASCII; random bytes are about half high-bit.
    high = sum(1 for c in sample if c >= 128)
    return high > len(sample) * 0.3


def detect_format(name: str, data: bytes) -> str:
    ext = os.path.splitext(name.lower())[1]
    head = data[:1024].lstrip()
    if data.startswith(b"%PDF-") or data[:1024].find(b"%PDF-") >= 0:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        if ext in _REFUSED_EXTENSIONS and ext != ".docx":
            raise UnsupportedFormat(name, _REFUSED_EXTENSIONS[ext])
        return "docx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnsupportedFormat(name, "old Word .doc (or other OLE) files are not supported: save as .docx")
    if ext in _REFUSED_EXTENSIONS:
        raise UnsupportedFormat(name, _REFUSED_EXTENSIONS[ext])
    if _looks_binary(data):
        raise UnsupportedFormat(name, "this is binary data, not a document Accord can read "
                                      "(.txt, .md, .html, .docx or .pdf)")
    lowered = head[:512].lower()
    if ext in (".html", ".htm", ".xhtml") or lowered.startswith((b"<!doctype html", b"<html")) or \
            (b"<html" in lowered and b"<body" in data[:4096].lower()):
        return "html"
    if ext in (".md", ".markdown"):
        return "markdown"
    # A ".pdf" or ".docx" name on text content is text: the bytes decide, the name only breaks ties.
    return "text"


def read_document(name: str, data: bytes, *, max_bytes: int = MAX_BYTES) -> list[Block]:
    if len(data) > max_bytes:
        raise DocumentTooLarge(name, f"the file is {len(data) / 1048576:.1f} MB; the limit is "
                                     f"{max_bytes / 1048576:.0f} MB")
    if not data.strip():
        raise DocumentError(name, "the file is empty")
    fmt = detect_format(name, data)
    if fmt == "pdf":
        from accord.text.readers.pdf import read_pdf

        blocks = read_pdf(data, name)
    elif fmt == "docx":
        from accord.text.readers.docx import read_docx

        blocks = read_docx(data, name)
    elif fmt == "html":
        from accord.text.readers.html import read_html

        blocks = read_html(data, name)
    elif fmt == "markdown":
        from accord.text.readers.markdown import read_markdown

        blocks = read_markdown(data)
    else:
        from accord.text.readers.text import read_text

        blocks = read_text(data)
    if not any(not isinstance(b, Blank) for b in blocks):
        raise DocumentError(name, "the document has no text to read")
    return blocks
