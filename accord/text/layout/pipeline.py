"""Bytes -> blocks -> Draft: the one function the product and the tests go through."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from accord.text.draft import Draft, PlanKind
from accord.text.layout.builder import (
    _Builder,
)
from accord.text.layout.kinds import (
    _detect_kind,
)
from accord.text.layout.tree import (
    _Stream,
)
from accord.text.readers.blocks import (
    Block,
)
from accord.text.timeframe import Context


def build_draft(
    blocks: Sequence[Block], source: str, *, context: Context | None = None, known: Iterable[str] = ()
) -> Draft:
    """`known`: names of organisations the network knows, so an owner cell never splits inside one
    ("VDI/VDE-IT")."""
    b = _Builder(blocks, source, context)
    b.known = list(known)
    s = _Stream(b.blocks)
    head = b.read_head(s)
    period = head.period or head.title_period
    if period is not None and period.start and period.end:
        b.head_ctx = Context(period.start, period.end)
    elif context is None:
        b.head_ctx = b._year_hint()
    b.decide_document()
    kind = _detect_kind(f"{head.title} {head.subtitle or ''}", b.blocks)
    if kind != PlanKind.EVENT:
        b.decide_meeting_day(head)
    if kind == PlanKind.EVENT:
        b.read_event(s, head)
    else:
        b.read_sections(s, head)
    return b.finish(head, kind)


def import_text(
    name: str, data: bytes, *, context: Context | None = None, known: Iterable[str] = (), max_bytes: int | None = None
) -> Draft:
    """Read a document of any supported format and understand it: the whole import, minus the database.

    The product (accord import, the upload page's background task) and the tests all come through here."""
    from accord.text.readers import read_document

    blocks = read_document(name, data) if max_bytes is None else read_document(name, data, max_bytes=max_bytes)
    draft = build_draft(blocks, name, context=context, known=known)
    draft.checksum = hashlib.sha256(data).hexdigest()
    return draft
