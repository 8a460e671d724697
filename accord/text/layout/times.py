"""Time: a thin, tolerant layer over accord.text.when."""

from __future__ import annotations

from accord.text.timeframe import Context, Timeframe


def _parse_when(text: str, context: Context | int | None, *, deadline_column: bool = False) -> Timeframe:
    from accord.text import when

    return when.parse_when(text, context, deadline_column=deadline_column)


def _find_when(text: str, context: Context | int | None) -> Timeframe | None:
    """The time a free-text segment holds, or None when it holds none."""
    from accord.text import when

    finder = getattr(when, "find_when", None)
    if finder is not None:
        found = finder(text, context)
        if found is None:
            return None
        # when.find_when gives Found(timeframe, phrase); accept a bare Timeframe too.
        tf = found if isinstance(found, Timeframe) else getattr(found, "timeframe", None)
        return tf if isinstance(tf, Timeframe) else _parse_when(text, context)
    tf = _parse_when(text, context)
    return tf if tf.understood else None


def _parse_sequence(texts: list[str], context: Context | int | None) -> list[Timeframe]:
    from accord.text import when

    return list(when.parse_sequence(texts, context))
