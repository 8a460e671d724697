"""The raw structure of a document before times and owners are resolved: items, sections, a block stream."""

from __future__ import annotations

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


@dataclass(slots=True)
class _Section:
    number: str | None = None
    title: str | None = None
    narrative: list[str] = field(default_factory=list)
    context: Context | None = None
    items: list[_Item] = field(default_factory=list)
    outputs: list[_Item] = field(default_factory=list)
    location: Location = field(default_factory=Location)
    milestones: bool = False
    level: int | None = None
    key: str | None = None  # the Priority cell that opened it, in a one-table programme


def _expand(blocks: Sequence[Block]) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Table):
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
