"""Drafts between the text core and the database: rebuilt from the JSON a job keeps, and reading documents.

An upload is read in the background and kept as the Draft's JSON while a person checks it; saving rebuilds the
Draft from that JSON (with their fixes), so what they saw is what is saved.
"""

from __future__ import annotations

import hashlib

from accord.text.draft import Draft, DraftItem, DraftSection
from accord.text.timeframe import Context, Timeframe


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# The JSON of a Draft is read back by the core (accord.text): one reading for the product and the tests.
timeframe_from_json = Timeframe.from_json
draft_from_json = Draft.from_json


def owner_names(draft: Draft) -> list[str]:
    """Every owner name of the draft, in order of first appearance."""
    seen: dict[str, None] = {}
    for item in draft.items():
        for name in item.owners:
            seen.setdefault(name, None)
    return list(seen)


def max_upload_bytes() -> int:
    from django.conf import settings

    return int(getattr(settings, "ACCORD_MAX_UPLOAD_MB", 20)) * 1024 * 1024


def read_draft(name: str, data: bytes, *, context: Context | None = None, max_bytes: int | None = None) -> Draft:
    """Read one document into a Draft (raises accord.text.errors.DocumentError for a file it cannot read)."""
    from accord.text.layout import build_draft, import_text
    from accord.text.readers import read_document
    from accord.text.spreadsheet import draft_from_blocks

    limit = max_bytes or max_upload_bytes()
    if file_format(name, data) not in ("csv", "xlsx"):
        return import_text(name, data, context=context, max_bytes=limit)
    # A sheet with Accord's own item columns (our XLSX or CSV export) maps column by column; any other, the layout.
    blocks = read_document(name, data, max_bytes=limit)
    draft = draft_from_blocks(name, blocks) or build_draft(blocks, name, context=context)
    draft.checksum = checksum(data)
    return draft


def file_format(name: str, data: bytes) -> str:
    from accord.text.readers import detect_format

    try:
        return detect_format(name, data)[:10]
    except Exception:  # the format only labels provenance; an unreadable file fails later with its reason
        return ""


def section_context(draft: Draft, section: DraftSection, fallback: Context | None = None) -> Context | None:
    return section.context or draft.period or fallback


def reparse_when(text: str, context: Context | None) -> Timeframe | None:
    from accord.text.when import parse_when

    text = " ".join((text or "").split())
    if not text:
        return None
    return parse_when(text, context)


def not_understood(draft: Draft) -> list[DraftItem]:
    """Items with a time written that the reader could not turn into an interval or a recurrence."""
    return [i for i in draft.items() if i.when_raw and not (i.timeframe and i.timeframe.understood)]
