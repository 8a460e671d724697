"""Column roles of a table, from its header cells."""

from __future__ import annotations

import re
from dataclasses import dataclass

from accord.text.layout.lexicon import (
    _DEADLINE_HEADERS,
    _HEADER_ROLES,
    _MILESTONE_HEADERS,
    _SECTION_COLUMN,
)


def _header_word(cell: str) -> str:
    return " ".join(re.sub(r"[?:*.!¿¡]+", " ", cell).strip().lower().split())




def _header_role(cell: str) -> str | None:
    word = _header_word(cell)
    if not word:
        return None
    if _SECTION_COLUMN.match(word) and word not in _HEADER_ROLES["what"]:
        return "section"
    for role, words in _HEADER_ROLES.items():
        if word in words:
            return role
    for role, words in _HEADER_ROLES.items():
        if any(re.fullmatch(rf"{re.escape(w)}(?:\s*\(.*\))?|(?:\w+\s+)?{re.escape(w)}", word) for w in words
               if len(w) > 3):
            return role
    return None


@dataclass(slots=True)
class _Columns:
    roles: dict[str, int]
    deadline: bool = False
    milestones: bool = False


def _table_header(cells: list[str]) -> _Columns | None:
    roles: dict[str, int] = {}
    deadline = milestones = False
    for i, cell in enumerate(cells):
        role = _header_role(cell)
        if role and role not in roles:
            roles[role] = i
            if role == "when":
                deadline = _header_word(cell) in _DEADLINE_HEADERS
            if role == "what":
                milestones = _header_word(cell) in _MILESTONE_HEADERS
    if "what" in roles and ("who" in roles or "when" in roles):
        return _Columns(roles, deadline, milestones)
    if "who" in roles and "when" in roles and len(cells) >= 3:
        # The action column sometimes carries the priority's name instead of "What".
        free = next((i for i in range(len(cells)) if i not in roles.values()), None)
        if free is None and "section" in roles:
            free = roles.pop("section")
        if free is None:
            return None
        roles["what"] = free
        return _Columns(roles, deadline)
    return None
