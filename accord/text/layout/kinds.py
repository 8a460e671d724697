"""What kind of plan a document is."""

from __future__ import annotations

import re

from accord.text.draft import PlanKind
from accord.text.layout.columns import (
    _header_word,
    _table_header,
)
from accord.text.layout.lexicon import (
    _CLOCK_HEADERS,
    _EVENT_TITLE,
    _OBJECTIVES_LABEL,
    _OUTPUTS_LABEL,
    _PROGRAMME_LABEL,
    _SP_WORDS,
    _THEME_MARKERS,
    _TIME_SLOT,
    _WP_TITLE,
)
from accord.text.layout.tree import (
    _text,
)
from accord.text.readers.blocks import (
    Block,
    Heading,
    ListItem,
    Paragraph,
    TableRow,
    collapse,
)


def _detect_kind(title: str, blocks: list[Block]) -> PlanKind:
    headings = [b.text for b in blocks if isinstance(b, Heading)]
    if _WP_TITLE.search(title):
        return PlanKind.WORK_PROGRAMME
    if _SP_WORDS.search(title) or any(_SP_WORDS.search(h) for h in headings):
        return PlanKind.STRATEGIC_PRIORITIES
    event_signals = 0
    if _EVENT_TITLE.search(title):
        event_signals += 1
    if re.search(r"\(\s*\d{1,2}\s*(?:[-–]\s*\d{1,2}\s*)?[A-Za-z]+\.?\s+\d{4}\s*\)", title):
        event_signals += 1
    texts = [collapse(_text(b)) for b in blocks]
    if any(_OBJECTIVES_LABEL.match(t) for t in texts):
        event_signals += 1
    if any(_OUTPUTS_LABEL.match(t) for t in texts):
        event_signals += 1
    if any(isinstance(b, ListItem) and b.marker in _THEME_MARKERS for b in blocks):
        event_signals += 1
    if any(isinstance(b, (Paragraph, Heading)) and _PROGRAMME_LABEL.match(b.text.strip()) for b in blocks):
        event_signals += 1
    if sum(1 for b in blocks if isinstance(b, (Paragraph, ListItem)) and _TIME_SLOT.match(b.text.strip())) >= 2:
        event_signals += 1  # "09:30–11:00 Opening session": an agenda
    # A table with a Who column is a work programme's, unless its times are hours of a day (an agenda).
    has_who_table = any(
        isinstance(b, TableRow)
        and (h := _table_header(b.cells))
        and "who" in h.roles
        and not (h.roles.get("when") is not None and _header_word(b.cells[h.roles["when"]]) in _CLOCK_HEADERS)
        for b in blocks
    )
    if event_signals >= 2 and not has_who_table:
        return PlanKind.EVENT
    if has_who_table or any(isinstance(b, Heading) and re.match(r"priority\b", b.text, re.I) for b in blocks):
        return PlanKind.WORK_PROGRAMME
    if event_signals >= 2:
        return PlanKind.EVENT
    return PlanKind.STRATEGIC_PRIORITIES if any(isinstance(b, ListItem) for b in blocks) else PlanKind.WORK_PROGRAMME
