"""Read a document of any supported format into blocks, safely.

`read_document` picks the reader from the bytes first (a renamed file is read for what it is) and the name
second, and refuses what could hurt the process before any parser sees it: oversized files, zip and XML
bombs, encrypted or scanned PDFs. Every refusal is a DocumentError naming the file and the reason.
"""

from __future__ import annotations

import os
import re

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
    "read_inprocess",
]

MAX_BYTES = 20 * 1024 * 1024
# Paragraphs, lines and table rows of one document: bounds the layout's work whatever the file's shape.
MAX_BLOCKS = 20_000
FORMATS = ("text", "markdown", "html", "docx", "pdf", "csv", "xlsx")
_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".tsv": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
    ".csv": "csv",
    ".xlsx": "xlsx",
}
_REFUSED_EXTENSIONS = {
    ".doc": "old Word .doc files are not supported: save the document as .docx",
    ".xls": "old Excel .xls files are not supported: save the sheet as .xlsx or .csv",
    ".odt": "OpenDocument files are not supported: save the document as .docx",
    ".ods": "OpenDocument spreadsheets are not supported: save the sheet as .xlsx or .csv",
    ".rtf": "RTF files are not supported: save the document as .docx",
    ".pptx": "slides are not supported: export them as PDF or save the text as .txt",
    ".xlsm": "macro-enabled workbooks are not supported: save the sheet as .xlsx or .csv",
}
# Tags that give a text its structure when it is HTML; a plain text's stray <p>, <i> or <sup> is not HTML.
_STRUCTURE_TAG = re.compile(
    rb"<(/?)(?:table|tr|td|th|thead|tbody|ul|ol|li|div|section|article|h[1-6]|dl|dt|dd|"
    rb"blockquote)\b[^<>]{0,500}>",
    re.I,
)


def _zip_kind(name: str, data: bytes, ext: str) -> str:
    """docx or xlsx, from the package's main part; a damaged archive goes by its name (and fails there)."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist()) if len(zf.infolist()) <= 5000 else set()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        return "xlsx" if ext == ".xlsx" else "docx"
    if any(n.startswith("xl/") for n in names) and not any(n.startswith("word/") for n in names):
        return "xlsx"
    if any(n.startswith("ppt/") for n in names):
        raise UnsupportedFormat(name, _REFUSED_EXTENSIONS[".pptx"])
    return "docx"


def looks_like_html_fragment(data: bytes) -> bool:
    """Text that is HTML without <html> or <body>: structure tags (tables, lists, divisions, headings),
    opened and closed, several of them."""
    sample = data[:65536]
    tags = _STRUCTURE_TAG.findall(sample)
    return len(tags) >= 4 and any(t == b"/" for t in tags) and any(t == b"" for t in tags)


def _looks_binary(data: bytes) -> bool:
    """Text has no NUL bytes and few control characters; random or binary data has many."""
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        # UTF-16 text (Excel's "Unicode text", Notepad): judge the characters, not the bytes.
        codec = "utf-16-le" if sample.startswith(b"\xff\xfe") else "utf-16-be"
        sample = sample[2 : len(sample) - len(sample) % 2].decode(codec, "replace").encode("utf-8")
    if b"\x00" in sample:
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


# Binary formats whose name alone a file may carry without being one.
_NAMED_FORMATS = {".pdf": "PDF", ".docx": "Word document", ".xlsx": "Excel workbook"}


def detect_format(name: str, data: bytes) -> str:
    ext = os.path.splitext(name.lower())[1]
    head = data[:1024].lstrip()
    if data.startswith(b"%PDF-") or data[:1024].find(b"%PDF-") >= 0:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        if ext in _REFUSED_EXTENSIONS:
            raise UnsupportedFormat(name, _REFUSED_EXTENSIONS[ext])
        return _zip_kind(name, data, ext)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        if ext == ".xls":
            raise UnsupportedFormat(name, _REFUSED_EXTENSIONS[".xls"])
        raise UnsupportedFormat(name, "old Word .doc (or other OLE) files are not supported: save as .docx")
    if ext in _REFUSED_EXTENSIONS:
        raise UnsupportedFormat(name, _REFUSED_EXTENSIONS[ext])
    if _looks_binary(data):
        if ext in _NAMED_FORMATS:
            # The name promises a format the bytes do not have: say so, not that the format is readable.
            raise UnsupportedFormat(
                name,
                f"the file is named {ext} but is not a readable {_NAMED_FORMATS[ext]} "
                "(it is damaged, or another kind of file renamed): export it again",
            )
        raise UnsupportedFormat(
            name, "this is binary data, not a document Accord can read (.txt, .md, .html, .docx, .pdf, .csv or .xlsx)"
        )
    lowered = head[:512].lower()
    if (
        ext in (".html", ".htm", ".xhtml")
        or lowered.startswith((b"<!doctype html", b"<html"))
        or (b"<html" in lowered and b"<body" in data[:4096].lower())
    ):
        return "html"
    if ext in (".md", ".markdown"):
        return "markdown"
    if ext == ".csv":
        return "csv"
    if ext in (".txt", ".text", "") and looks_like_html_fragment(data):
        return "html"
    # A ".pdf" or ".docx" name on text content is text: the bytes decide, the name only breaks ties.
    return "text"


def read_document(
    name: str,
    data: bytes,
    *,
    max_bytes: int = MAX_BYTES,
    isolated: bool = True,
    timeout: float | None = None,
    memory_mb: int | None = None,
) -> list[Block]:
    """The blocks of one document, or a DocumentError naming the file and the reason.

    The reading runs in a warm child process under a time limit (10 s) and a memory limit (512 MB)
    (accord.text.readers.worker); `isolated=False` reads in this process, for the child itself and for
    tests of a reader's own behaviour. Any failure of a parser becomes a DocumentError: one bad file never
    stops the others.
    """
    if len(data) > max_bytes:
        raise DocumentTooLarge(
            name, f"the file is {len(data) / 1048576:.1f} MB; the limit is {max_bytes / 1048576:.0f} MB"
        )
    if not data.strip():
        raise DocumentError(name, "the file is empty")
    fmt = detect_format(name, data)
    if isolated:
        from accord.text.readers import worker

        return worker.read_isolated(
            name, fmt, data, timeout=timeout or worker.TIMEOUT_SECONDS, memory_mb=memory_mb or worker.MEMORY_MB
        )
    try:
        return read_inprocess(name, fmt, data)
    except DocumentError:
        raise
    except MemoryError as exc:
        raise DocumentError(name, "reading the file needed more memory than there is: refused") from exc
    except RecursionError as exc:
        raise DocumentError(name, "the document is nested too deeply to read (elements inside elements)") from exc
    except Exception as exc:  # a parser's own failure on a broken file is that file's error
        raise DocumentError(name, f"the file cannot be read ({type(exc).__name__}: {exc})") from exc


def read_inprocess(name: str, fmt: str, data: bytes) -> list[Block]:
    """Read bytes of a known format here, in this process (the worker child calls this)."""
    if fmt in ("text", "markdown", "html", "csv"):
        check_line_count(name, data)
    if fmt == "pdf":
        from accord.text.readers.pdf import read_pdf_inprocess

        blocks = read_pdf_inprocess(data, name)
    elif fmt == "docx":
        from accord.text.readers.docx import read_docx

        blocks = read_docx(data, name)
    elif fmt == "xlsx":
        from accord.text.readers.spreadsheet import read_xlsx

        blocks = read_xlsx(data, name)
    elif fmt == "csv":
        from accord.text.readers.spreadsheet import read_csv

        blocks = read_csv(data, name)
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
    check_block_count(name, blocks)
    return blocks


_FILLED_LINE = re.compile(rb"[^\s\x00][^\n]*")


def check_line_count(name: str, data: bytes) -> None:
    """Refuse a text of more than MAX_BLOCKS filled lines before reading it (it stops counting there)."""
    if data.count(b"\n") <= MAX_BLOCKS:
        return
    for count, _ in enumerate(_FILLED_LINE.finditer(data), start=1):
        if count > MAX_BLOCKS:
            raise DocumentTooLarge(
                name, f"the document has more than {MAX_BLOCKS:,} lines: split it into the plans it holds"
            )


def check_block_count(name: str, blocks: list[Block]) -> None:
    """A planning document of more than MAX_BLOCKS paragraphs, lines and rows is not one plan."""
    count = sum(len(b.rows) if isinstance(b, Table) else 0 if isinstance(b, Blank) else 1 for b in blocks)
    if count > MAX_BLOCKS:
        raise DocumentTooLarge(
            name,
            f"the document has {count:,} paragraphs, lines and table rows; the "
            f"limit is {MAX_BLOCKS:,}: split it into the plans it holds",
        )


def warm_up() -> None:
    """Import every reader and its parsers (the worker child does this once, before its memory limit)."""
    import docx  # noqa: F401
    import openpyxl  # type: ignore[import-untyped]  # noqa: F401
    import pdfplumber  # noqa: F401
    import pypdf  # noqa: F401

    from accord.text.readers import docx as _docx  # noqa: F401
    from accord.text.readers import html as _html  # noqa: F401
    from accord.text.readers import markdown as _markdown  # noqa: F401
    from accord.text.readers import pdf as _pdf  # noqa: F401
    from accord.text.readers import spreadsheet as _spreadsheet  # noqa: F401
    from accord.text.readers import text as _text  # noqa: F401
