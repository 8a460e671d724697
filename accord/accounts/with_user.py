"""Reads sent with the signed-in person's own row (accord.accounts.backends).

What nearly every signed-in page reads next about the person (their roles, which accord.network owns) can come in
the same round trip as the person's row, on a database that takes several statements at once (PostgreSQL:
accord.web.baked.together). The app that owns the read registers it here from its AppConfig.ready, so the
backend imports no domain app, and this module imports no model (an app's apps.py may import it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# (the read, given the person's key; what to do with the person and the rows it gave)
Read = Callable[[int], Any]
Keep = Callable[[Any, list[Any]], None]
_READS: list[tuple[Read, Keep]] = []


def read_with_user(read: Read, keep: Keep) -> None:
    """Send `read(user_id)` (a bound baked read: `Baked.bind`) with the signed-in person's row, and give
    `keep(user, rows)` its rows, on a database that takes several statements in one round trip. Elsewhere (SQLite,
    in the process) nothing is read ahead: the app reads its rows when it needs them, as it would without this.
    Registering the same read twice (an app's ready run again) keeps one."""
    if (read, keep) not in _READS:
        _READS.append((read, keep))


def reads_with_user() -> list[tuple[Read, Keep]]:
    return list(_READS)
