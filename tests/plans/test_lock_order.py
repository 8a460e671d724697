"""Writers in a network take its row first, so two writers never hold each other's rows in opposite orders.

On PostgreSQL a write locks the rows it changes until it commits. An inline edit, a comment and an import all
end by bumping their network's versions (accord/audit/versions.py); if one of them locked an item before the
network and another the network before that item, each would wait for the other and PostgreSQL would roll one
back (a deadlock). Every action that changes a network's content therefore takes the network's row first."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction

from accord.audit.actors import SYSTEM
from accord.network.models import NetworkRole
from accord.plans import actions
from accord.plans.models import Comment, Item, ItemStatus
from accord.testing import factories as f

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite takes one writer at a time"),
]


def _run(work, errors: list, started: threading.Event | None = None) -> threading.Thread:
    def run() -> None:
        try:
            with transaction.atomic():
                work()
        except BaseException as error:  # reported to the test
            errors.append(error)
        finally:
            if started is not None:
                started.set()
            connections.close_all()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


@pytest.fixture
def two_items():
    net = f.make_network("Lock Order Alliance", slug="lock-order")
    section = f.make_section(f.make_plan(net))
    return f.make_item(section, "Write the charter"), f.make_item(section, "Book the venue")


def _long_writer(first: Item, second: Item, locked_first: threading.Event, go_on: threading.Event):
    """An edit of `first`, then (once the other writer is under way) an edit of `second`, in one transaction,
    as an import or a multi-row edit changes several items."""

    def work() -> None:
        actions.do_update_item(SYSTEM, first, status=ItemStatus.IN_PROGRESS)
        locked_first.set()
        assert go_on.wait(10)
        time.sleep(0.3)  # the other writer has started and holds whatever it takes first
        actions.do_update_item(SYSTEM, second, status=ItemStatus.DONE)

    return work


@pytest.mark.parametrize("other", ["comment", "inline edit", "owners"])
def test_a_second_writer_on_an_item_waits_instead_of_deadlocking(two_items, other):
    first, second = two_items
    member = f.make_user("lock-order-writer")
    f.grant(member, first.plan.network, NetworkRole.SECRETARIAT)
    locked_first, go_on = threading.Event(), threading.Event()
    errors: list[BaseException] = []
    writer = _run(_long_writer(first, second, locked_first, go_on), errors)
    assert locked_first.wait(10)

    def short() -> None:
        go_on.set()
        if other == "comment":
            actions.do_add_comment(member, second, "Venue booked for the spring.")
        elif other == "inline edit":
            actions.do_update_item(SYSTEM, second, progress_note="Quotes asked from three venues.")
        else:
            actions.do_set_item_owners(SYSTEM, second, ["Venue team"])

    other_writer = _run(short, errors)
    writer.join(30)
    other_writer.join(30)
    assert not errors, errors
    second.refresh_from_db()
    assert second.status == ItemStatus.DONE
    if other == "comment":
        assert Comment.objects.filter(item=second).count() == 1
