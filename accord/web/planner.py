"""The database planner's statistics, kept fresh after the writes that change tables most.

SQLite keeps no statistics until ANALYZE runs, and without them it guesses which index to use: on a network of
10,000 items the calendar read every item of the network's plans to find a month's. PostgreSQL collects its own
(autovacuum), so there this is a no-op. `refresh()` runs after a migration and after an import saved something;
`analysis_limit` bounds its cost: SQLite reads at most that many rows of each index. A sample of 400 rows made
the calendar's read twice as slow on the generated 10,000-item network (its estimates were off by a factor of
three, and SQLite chose the plan index over the start-date one); reading every row of that network's indexes
takes 17 ms, so the limit is 20,000 rows an index (exact up to that size, a fraction of a second beyond)."""

from __future__ import annotations

from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections

ANALYSIS_LIMIT = 20_000


def refresh(using: str = DEFAULT_DB_ALIAS) -> None:
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        cursor.execute("ANALYZE")


def after_migrate(sender: Any, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    refresh(using)
