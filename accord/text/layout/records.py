"""Form-style records: "Label: value" fields under a title ("Task: …", "Responsibility: …", "Timeline: …"),
several on one line ("Start date: Month 4 Duration: 9 months"), or a known label without a colon
("Partner responsible LV")."""

from __future__ import annotations

import re

from accord.text.layout.columns import _header_role, is_deadline_header
from accord.text.layout.lexicon import _HEADER_ROLES

_ROLES = ("who", "when", "what", "notes", "status")
_WORD = re.compile(r"[\w’'()/-]+")


def _label_before(text: str, colon: int, first: bool) -> tuple[int, str] | None:
    """The label that ends at a colon: the whole start of the line for the first field, else the shortest
    run of one to four words before the colon that names a role."""
    words = list(_WORD.finditer(text[:colon]))
    if first:
        label = text[:colon].strip()
        return (0, label) if 0 < len(label.split()) <= 4 and _header_role(label) in _ROLES else None
    for n in range(1, min(4, len(words)) + 1):
        start = words[-n].start()
        label = text[start:colon].strip()
        if label[:1].isupper() and _header_role(label) in _ROLES:
            return start, label
    return None


def _lexicon_role(word: str) -> str | None:
    for role in ("who", "when"):
        if word in _HEADER_ROLES[role]:
            return role
    return None


def record_fields(text: str) -> list[tuple[str, str, bool]] | None:
    """(role, value, deadline) of each field of a record line, or None when the line is not one: its first
    label must name a role of the lexicon (a "Continuous feedback: …" line of prose is not a record)."""
    text = " ".join(text.split())
    labels: list[tuple[int, int, str]] = []  # (label start, value start, label)
    for m in re.finditer(r"\s*:\s+", text):
        found = _label_before(text, m.start(), not labels)
        if found is None:
            if not labels:
                break
            continue
        if labels and found[0] <= labels[-1][1]:
            continue
        labels.append((found[0], m.end(), found[1]))
    if labels:
        out: list[tuple[str, str, bool]] = []
        for k, (_start, vstart, label) in enumerate(labels):
            end = labels[k + 1][0] if k + 1 < len(labels) else len(text)
            value = text[vstart:end].strip().rstrip(";,").strip()
            role = _header_role(label)
            assert role is not None
            if value:
                out.append((role, value, role == "when" and is_deadline_header(label)))
        return out or None
    words = text.split()
    # "Partner responsible LV", "Start date Month 2": two words of the same role's lexicon, then the value.
    if (
        len(words) >= 3
        and (role := _lexicon_role(words[0].lower())) is not None
        and _lexicon_role(words[1].lower()) == role
        and not text.endswith(".")
    ):
        label = " ".join(words[:2])
        return [(role, " ".join(words[2:]), role == "when" and is_deadline_header(label))]
    return None
