"""Column roles of a table: from its header cells (words in four languages, compounds, questions, noun
phrases) and, when the header says too little or is missing, from what the cells of all rows hold."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from accord.text.layout.lexicon import (
    _CLOCK_ONLY,
    _DEADLINE_HEADERS,
    _DEADLINE_WORDS,
    _HEADER_ROLES,
    _MILESTONE_HEADERS,
    _QUESTION_WORDS,
    _SECTION_COLUMN,
    ID_HEADER_WORDS,
)
from accord.text.timeframe import Context


def _header_word(cell: str) -> str:
    return " ".join(re.sub(r"[?:*.!¿¡]+", " ", cell).strip().lower().split())


@functools.lru_cache(maxsize=256)
def _role_words(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for a role's longer words, each alone, with a note in brackets, or after one word: it
    matches where one of the words' own patterns would (compiled once, not once per word and cell)."""
    long = "|".join(re.escape(w) for w in words if len(w) > 3)
    return re.compile(rf"(?:{long})(?:\s*\(.*\))?|(?:\w+\s+)?(?:{long})") if long else None


@functools.lru_cache(maxsize=8192)
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
        if (pattern := _role_words(words)) is not None and pattern.fullmatch(word):
            return role
    return _token_role(word)


def _token_role(word: str) -> str | None:
    """A header the word lists do not hold whole: a compound ("Activity/Decision"), a question ("Who is
    responsible"), a noun phrase ("Responsible Party", "Lead organisation(s)", "Started or due")."""
    word = re.sub(r"\(s\)|\(e?s\)|\(n\)", "", word).strip()
    if len(word.split()) > 4:
        return None  # a header cell is a few words; a longer cell is data ("Half-year report to the members")
    parts = [p.strip() for p in re.split(r"\s*(?:/|&|\+|,|\s(?:and|or|ou|et|oder|und|o|y)\s)\s*", word) if p.strip()]
    if len(parts) > 1:
        for part in parts:
            if (role := _header_role(part)) is not None and role != "section":
                return role
    tokens = re.findall(r"[^\W\d_]+", word)
    if len(tokens) > 1 and any(tok in ID_HEADER_WORDS for tok in tokens):
        return None  # "Deliverable Number", "Task ID": the rows' identifiers
    if tokens and tokens[0] in _QUESTION_WORDS:
        return _QUESTION_WORDS[tokens[0]]  # "Who is responsible?", "When will it happen?"
    votes = [
        role
        for tok in tokens
        for role, words in _HEADER_ROLES.items()
        if tok in words and role not in ("notes", "status")
    ]
    if votes and len(set(votes)) == 1:
        return votes[0]
    return None


def is_deadline_header(cell: str) -> bool:
    """A When column that holds deadlines: "Deadline", "Due date", "Target date", "Started or due", "Bis"."""
    word = _header_word(cell)
    return word in _DEADLINE_HEADERS or any(tok in _DEADLINE_WORDS for tok in re.findall(r"[^\W\d_]+", word))


@dataclass(slots=True)
class _Columns:
    roles: dict[str, int]
    deadline: bool = False
    milestones: bool = False
    # Every column whose header names the action ("Milestone | Activity"): the rows' cells decide which.
    what_options: tuple[int, ...] = ()
    # Its header names time buckets (months, quarters, weeks) in three columns or more: a Gantt chart.
    gantt: bool = False


_BUCKET = re.compile(
    r"^(?:[QTKMWSH]\d{1,2}|\d{1,2}|(?:week|semaine|woche|semana|month|mois|monat|mes)\s*\d{1,2})$", re.I
)


def gantt_header(cells: list[str], ctx: Context | int | None) -> bool:
    """Whether a header names time buckets in three cells or more ("Q1 | Q2 | Q3", "Jan | Feb | Mar", "1 | 2 |
    3" for months): the rows under it are a Gantt chart's."""
    year = ctx if ctx is not None else 2000  # the shape of a month's name is the same in any year
    buckets = sum(1 for c in cells if c.strip() and (_BUCKET.match(c.strip()) or _is_time(c.strip(), year)))
    return buckets >= 3


def settle_what(columns: _Columns, rows: list[list[str]]) -> _Columns:
    """Of several columns whose header names the action, the one whose cells hold the most words (the other
    holds the rows' codes or kinds: "M1", "Milestone"); the first when the rows do not tell."""
    if len(columns.what_options) < 2 or not rows:
        return columns

    def words(c: int) -> float:
        cells = [r[c] for r in rows if c < len(r) and r[c].strip()]
        return sum(len(x.split()) for x in cells) / len(cells) if cells else 0.0

    best = max(columns.what_options, key=lambda c: (words(c), -c))
    if best != columns.roles["what"] and words(best) > words(columns.roles["what"]):
        columns.roles["what"] = best
    return columns


def _table_header(cells: list[str]) -> _Columns | None:
    roles: dict[str, int] = {}
    deadline = milestones = False
    whats: list[int] = []
    for i, cell in enumerate(cells):
        role = _header_role(cell)
        if role == "what":
            whats.append(i)
        if role and role not in roles:
            roles[role] = i
            if role == "when":
                deadline = is_deadline_header(cell)
            if role == "what":
                milestones = _header_word(cell) in _MILESTONE_HEADERS
    if "what" in roles and ("who" in roles or "when" in roles):
        return _Columns(roles, deadline, milestones, tuple(whats))
    if "who" in roles and "when" in roles and len(cells) >= 3:
        # The action column sometimes carries the priority's name instead of "What".
        frees = [i for i in range(len(cells)) if i not in roles.values()]
        free = frees[0] if frees else None
        if free is None and "section" in roles:
            free = roles.pop("section")
        if free is None:
            return None
        roles["what"] = free
        return _Columns(roles, deadline, what_options=tuple(frees))
    return None


# --- roles from the cells ----------------------------------------------------------------------------------

_NAME_CELL = re.compile(
    r"^(?:[A-Z\u00c0-\u00de][\w'’.()-]*|[A-Z0-9]{2,}[\w-]*)"
    r"(?:[\s,/&+]+(?:and\s+|et\s+|und\s+|y\s+)?"
    r"(?:[A-Z\u00c0-\u00de(][\w'’.()-]*|[A-Z0-9]{2,}[\w-]*|of|de|du|der|team|members?|all)){0,7}$"
)


@dataclass(slots=True)
class ContentRoles:
    columns: _Columns
    confidence: float
    first_row_is_header: bool


def _is_time(cell: str, ctx: Context | int | None) -> bool:
    from accord.text import when

    if not re.search(r"\d|[^\W\d_]{3}", cell) or len(cell) > 80:
        return False
    if _CLOCK_ONLY.match(cell):
        return True  # "10:30", "14h00–15h30": the hours of a programme's day
    return when.parse_when(cell, ctx).understood or when.find_when(cell, ctx) is not None


def roles_from_contents(rows: list[list[str]], ctx: Context | int | None) -> ContentRoles | None:
    """Roles decided from what all rows of a table hold: the column whose cells mostly read as times is When;
    short, name-like, repeated values make Who; the longest, wordiest text is What. None when the cells do not
    tell (a single column, or no column of text)."""
    width = max((len(r) for r in rows), default=0)
    if width < 2 or len(rows) < 2:
        return None
    body = rows[1:] if len(rows) > 2 else rows
    stats: list[tuple[float, float, float]] = []  # (time share, name share, mean words) per column
    for c in range(width):
        cells = [r[c].strip() for r in body if c < len(r) and r[c].strip()]
        if not cells:
            stats.append((0.0, 0.0, 0.0))
            continue
        times = sum(_is_time(x, ctx) for x in cells) / len(cells)
        names = sum(bool(_NAME_CELL.match(x)) and len(x.split()) <= 6 for x in cells) / len(cells)
        words = sum(len(x.split()) for x in cells) / len(cells)
        stats.append((times, names, words))
    when = max(range(width), key=lambda c: stats[c][0])
    roles: dict[str, int] = {}
    if stats[when][0] >= 0.6:
        roles["when"] = when
    text_cols = [c for c in range(width) if c not in roles.values() and stats[c][2] > 0]
    if not text_cols:
        return None
    what = max(text_cols, key=lambda c: stats[c][2] * (1.0 - 0.5 * stats[c][1]))
    roles["what"] = what
    who_cols = [c for c in text_cols if c != what and stats[c][1] >= 0.6 and stats[c][2] <= 6]
    if who_cols:
        roles["who"] = max(who_cols, key=lambda c: stats[c][1])
    if len(roles) < 2:
        return None
    confidence = min([stats[roles["when"]][0]] if "when" in roles else [1.0]) * (
        stats[roles["who"]][1] if "who" in roles else 1.0
    )
    first = rows[0]
    first_is_header = (
        len(rows) > 2
        and "when" in roles
        and roles["when"] < len(first)
        and bool(first[roles["when"]].strip())
        and not _is_time(first[roles["when"]], ctx)
        and all(len(x.split()) <= 4 for x in first)
    )
    return ContentRoles(_Columns(roles), round(confidence, 2), first_is_header)
