"""The database planner's statistics, kept fresh after the writes that change tables most.

SQLite keeps no statistics until ANALYZE runs, and without them it guesses which index to use: on a network of
10,000 items the calendar read every item of the network's plans to find a month's. PostgreSQL collects its own
(autovacuum), so there this is a no-op. `refresh()` runs after a migration and after an import saved something;
`analysis_limit` bounds its cost (SQLite samples at most that many rows of each index: a few milliseconds
whatever the size of the database)."""

from __future__ import annotations

from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections

ANALYSIS_LIMIT = 400


def refresh(using: str = DEFAULT_DB_ALIAS) -> None:
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        cursor.execute("ANALYZE")


def after_migrate(sender: Any, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    refresh(using)
