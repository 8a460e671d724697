"""Small readings of one text: quotes, doubt, narrative lead-ins."""

from __future__ import annotations

import re

from accord.text.layout.lexicon import (
    _DOUBT_WHAT,
    _QUOTES,
    _WORK_WORDS,
)


def _strip_quotes(text: str) -> str:
    text = text.strip()
    while len(text) >= 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    return text


def _introduces_narrative(text: str) -> bool:
    """ "… the implementation of:", "Le réseau propose :" introduce points of the narrative; "Key actions for
    2027:" introduces the section's items."""
    return len(re.findall(r"\w+", text)) >= 3 and not _WORK_WORDS.search(text)


def _doubtful(what: str) -> bool:
    return bool(_DOUBT_WHAT.search(what))
