"""Time expressions as planners write them -> Timeframe. (Being written: see issue 3.)"""

from __future__ import annotations

from accord.text.timeframe import Context, Timeframe


def parse_when(text: str, context: Context | int | None = None) -> Timeframe:
    return Timeframe(text=text)


def parse_sequence(texts: list[str], context: Context | int | None = None) -> list[Timeframe]:
    return [parse_when(t, context) for t in texts]
