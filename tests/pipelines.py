"""Which statements a block sends in a pipeline (PostgreSQL's, accord.web.baked.together): for tests of reads that
share a round trip."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


@contextmanager
def sent_statements() -> Iterator[list[tuple[str, bool]]]:
    """Each statement the block sends, in order, and whether it went in a pipeline (never on SQLite)."""
    sent: list[tuple[str, bool]] = []

    def note(execute, sql, params, many, context):
        status = getattr(getattr(connection.connection, "info", None), "pipeline_status", 0)
        sent.append((sql, bool(status)))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(note):
        yield sent
