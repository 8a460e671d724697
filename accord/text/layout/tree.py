"""The raw structure of a document before times and owners are resolved: items, sections, a block stream."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from accord.text.draft import ItemKind, Location
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
from accord.text.timeframe import Context, Timeframe


@dataclass(slots=True)
class _Item:
    kind: ItemKind
    what: str
    location: Location
    who_raw: str | None = None
    has_who_column: bool = False
    when_raw: str | None = None
    deadline: bool = False
    details: list[str] = field(default_factory=list)
    continued: bool = False
    timeframe: Timeframe | None = None
    owners: list[str] | None = None
    status: str | None = None
    status_raw: str | None = None
    opens_list: bool = False  # its text ends with ":": the bullets under it are its list
    part_of: _Item | None = None  # an output: the session (segment) of the event it comes out of


@dataclass(slots=True)
class _Section:
    number: str | None = None
    title: str | None = None
    narrative: list[str] = field(default_factory=list)
    # Pieces of the narrative written as a bulleted list: index in `narrative` -> (the line that introduces
    # the list or None, its bullets). The flat narrative stays as it reads; these keep the list's shape.
    narrative_lists: dict[int, tuple[str | None, list[str]]] = field(default_factory=dict)
    context: Context | None = None
    items: list[_Item] = field(default_factory=list)
    outputs: list[_Item] = field(default_factory=list)
    location: Location = field(default_factory=Location)
    milestones: bool = False
    level: int | None = None
    key: str | None = None  # the Priority cell that opened it, in a one-table programme


# An outline number alone: "4)", "4.1)", "2.", "4.1", "A.3)"; its text, when it has one, starts with a letter.
_NUMBER_CELL = re.compile(r"(?:[A-Z]\.?)?\d{1,3}(?:\.\d{1,3})*[.)]|\d{1,3}(?:\.\d{1,3})+")
_NUMBERED_TEXT = re.compile(r"(" + _NUMBER_CELL.pattern + r")\s+[^\W\d_].*", re.S)


def fold_number_cells(rows: list[list[str]]) -> tuple[list[list[str]], set[int]]:
    """Rows shifted by a spanning cell (a Gantt or outline export): in one column some rows hold
    "4) Title", others only "4.1)" with their title a few cells to the right. The title is moved into its
    number's cell and the outline number dropped (it is not part of the What), so every row's What sits in
    one column. A row whose number has sub-numbers below it ("4)" above "4.1)") is a group: returned among
    the indices of rows that are one merged cell (a sub-heading of the table). A table whose number cells are
    never followed by text in the same cell (a "No. | What" table) is left as it is."""
    width = max((len(r) for r in rows), default=0)
    for col in range(width):
        cells = [r[col].strip() if col < len(r) else "" for r in rows]
        if not any(_NUMBERED_TEXT.fullmatch(c) for c in cells):
            continue
        bare = {i for i, c in enumerate(cells) if _NUMBER_CELL.fullmatch(c)}
        if not bare:
            continue
        out = [list(r) for r in rows]
        numbers: dict[int, str] = {}
        for i, row in enumerate(out):
            if i in bare:
                j = next((k for k in range(col + 1, len(row)) if row[k].strip()), None)
                if j is None or not row[j].strip()[:1].isalpha():
                    continue
                numbers[i] = cells[i]
                row[col], row[j] = row[j].strip(), ""
            elif (m := _NUMBERED_TEXT.fullmatch(cells[i])) is not None:
                numbers[i] = m.group(1)
                row[col] = cells[i][m.end(1) :].strip()
        keys = {i: n.rstrip(".)") for i, n in numbers.items()}
        groups = {i for i, k in keys.items() if any(o.startswith(k + ".") for o in keys.values())}
        for i in groups:
            out[i] = [out[i][col]] + [""] * (len(out[i]) - 1)
        return out, groups
    return rows, set()


def _expand(blocks: Sequence[Block]) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Table):
            b.rows, groups = fold_number_cells(b.rows)
            b.full_width_rows |= groups
            out.extend(b.to_rows())
            out.append(Blank(location=b.location))
        else:
            out.append(b)
    return out


def _text(b: Block) -> str:
    if isinstance(b, (Heading, Paragraph, ListItem, Footnote)):
        return b.text
    if isinstance(b, TableRow):
        return " ".join(b.cells)
    return ""


class _Stream:
    """Blocks with a cursor; blank runs are kept so slide breaks can be told from paragraph breaks."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self.i = 0

    def peek(self, skip_blank: bool = True, offset: int = 0) -> Block | None:
        j = self.i
        seen = 0
        while j < len(self.blocks):
            b = self.blocks[j]
            if skip_blank and isinstance(b, Blank):
                j += 1
                continue
            if seen == offset:
                return b
            seen += 1
            j += 1
        return None

    def gap_before_next(self) -> int:
        """Blank lines between the cursor and the next block."""
        j, gap = self.i, 0
        while j < len(self.blocks) and isinstance(blank := self.blocks[j], Blank):
            gap += blank.count
            j += 1
        return gap

    def skip_blank(self) -> None:
        while self.i < len(self.blocks) and isinstance(self.blocks[self.i], Blank):
            self.i += 1

    def next(self) -> Block | None:
        self.skip_blank()
        if self.i < len(self.blocks):
            b = self.blocks[self.i]
            self.i += 1
            return b
        return None

    def done(self) -> bool:
        self.skip_blank()
        return self.i >= len(self.blocks)
