"""A section's narrative as text: paragraphs, and bulleted lists kept as lists.

The importer gives a section's narrative twice: flat (`DraftSection.narrative`, one paragraph as it reads) and,
when part of it was written as a bulleted list, piece by piece (`DraftSection.narrative_parts`: a paragraph is a
string, a list is a list of its bullets). A plan keeps it as one text: paragraphs separated by a blank line, a list
as lines that start with "- ". `narrative_text` writes that text, `narrative_blocks` reads it back for the pages
and the exports.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_BULLET_LINE = re.compile(r"^\s*[-•*–]\s+(?P<text>\S.*)$")

NarrativePart = str | list[str]


@dataclass(frozen=True, slots=True)
class NarrativeBlock:
    """A paragraph (`text`) or a bulleted list (`bullets`) of a narrative."""

    text: str = ""
    bullets: tuple[str, ...] = ()

    @property
    def is_list(self) -> bool:
        return bool(self.bullets)


def narrative_text(narrative: str | None, parts: Sequence[NarrativePart] = ()) -> str:
    """The text a plan keeps for a section's narrative: its parts (lists as "- " lines), else the flat narrative."""
    if not parts:
        return narrative or ""
    chunks = []
    for part in parts:
        if isinstance(part, str):
            if part.strip():
                chunks.append(" ".join(part.split()))
        else:
            bullets = [" ".join(b.split()) for b in part if b.strip()]
            if bullets:
                chunks.append("\n".join(f"- {b}" for b in bullets))
    return "\n\n".join(chunks)


def narrative_blocks(text: str | None) -> list[NarrativeBlock]:
    """Paragraphs and lists of a narrative's text. Lines that start with a bullet ("- ", "• ", "* ") make a list;
    the other lines of a chunk between blank lines make a paragraph (their line breaks kept)."""
    out: list[NarrativeBlock] = []
    for chunk in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n")):
        run: list[str] = []
        run_is_list = False
        for line in (line for line in chunk.split("\n") if line.strip()):
            m = _BULLET_LINE.match(line)
            if run and bool(m) != run_is_list:
                out.append(_block(run, run_is_list))
                run = []
            run_is_list = bool(m)
            run.append(m.group("text").strip() if m else line.strip())
        if run:
            out.append(_block(run, run_is_list))
    return out


def _block(lines: list[str], is_list: bool) -> NarrativeBlock:
    return NarrativeBlock(bullets=tuple(lines)) if is_list else NarrativeBlock(text="\n".join(lines))
