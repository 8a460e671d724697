"""Writers on their own connections, for the tests of concurrent transactions (PostgreSQL)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import connections, transaction
from django.test import Client


def in_thread(
    work: Callable[[], Any],
    *,
    errors: list[BaseException],
    hold: threading.Event | None = None,
    written: threading.Event | None = None,
) -> threading.Thread:
    """Run `work` in a transaction on the thread's own connection, its failure appended to `errors`; when `hold`
    is given, keep the transaction open after the work (`written` set) until `hold` is set."""

    def run() -> None:
        try:
            with transaction.atomic():
                work()
                if written is not None:
                    written.set()
                if hold is not None:
                    assert hold.wait(30), "never released"
        except BaseException as error:  # reported to the test
            errors.append(error)
            if written is not None:
                written.set()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def signed_in(*people: Any) -> list[Client]:
    """A test client signed in as each person, in order."""
    clients = []
    for person in people:
        client = Client()
        client.force_login(person)
        clients.append(client)
    return clients
