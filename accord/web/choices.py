"""Choices as the pages and exports say them."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any


def choice_words(choices: Iterable[tuple[Hashable, Any]]) -> dict[Any, str]:
    """Each choice's value -> its words, translated once, in the active language (`X.choices`, a field's
    `flatchoices`, any pairs): a list says a status or a kind per row, and a lazy label is translated anew each
    time it is shown."""
    return {value: str(label) for value, label in choices}
