"""Writers in a network take its row first, so two writers never hold each other's rows in opposite orders.

On PostgreSQL a write locks the rows it changes until it commits. An inline edit, a comment and an import all
end by bumping their network's versions (accord/audit/versions.py); if one of them locked an item before the
network and another the network before that item, each would wait for the other and PostgreSQL would roll one
back (a deadlock). Every action that changes a network's content therefore takes the network's row first."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, transaction

from accord.audit.actors import SYSTEM
from accord.network.models import NetworkRole
from accord.plans import actions
from accord.plans.models import Comment, Item, ItemStatus
from accord.testing import factories as f
from tests.concurrency import in_thread

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite takes one writer at a time"),
]


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
    writer = in_thread(_long_writer(first, second, locked_first, go_on), errors=errors)
    assert locked_first.wait(10)

    def short() -> None:
        go_on.set()
        if other == "comment":
            actions.do_add_comment(member, second, "Venue booked for the spring.")
        elif other == "inline edit":
            actions.do_update_item(SYSTEM, second, progress_note="Quotes asked from three venues.")
        else:
            actions.do_set_item_owners(SYSTEM, second, ["Venue team"])

    other_writer = in_thread(short, errors=errors)
    writer.join(30)
    other_writer.join(30)
    assert not errors, errors
    second.refresh_from_db()
    assert second.status == ItemStatus.DONE
    if other == "comment":
        assert Comment.objects.filter(item=second).count() == 1


def _first_locked_table(work) -> str:
    """The table of the first row the work locks or changes (SELECT … FOR UPDATE, UPDATE, DELETE)."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured, transaction.atomic():
        work()
    for query in captured.captured_queries:
        sql = query["sql"]
        if sql.startswith(("UPDATE", "DELETE")) or "FOR UPDATE" in sql:
            return sql.split('"')[1]
    return ""


@pytest.mark.parametrize("writer", ["inline edit", "comment", "import", "plan", "section", "move"])
def test_every_writer_takes_the_network_row_first(two_items, writer):
    from accord.imports.actions import do_import_draft
    from accord.text.draft import Draft, DraftItem, DraftSection, ItemKind, Location

    first, _second = two_items
    net = first.plan.network
    member = f.make_user("lock-order-member")
    f.grant(member, net, NetworkRole.SECRETARIAT)
    draft = Draft(
        source="revised.txt",
        title=first.plan.title,
        sections=[
            DraftSection(
                title="Priority",
                items=[DraftItem(kind=ItemKind.ACTION, what="Write the charter", location=Location(line=2))],
            )
        ],
    )
    work = {
        "inline edit": lambda: actions.do_update_item(SYSTEM, first, progress_note="Outline agreed."),
        "comment": lambda: actions.do_add_comment(member, first, "The outline is in the shared folder."),
        "import": lambda: do_import_draft(SYSTEM, net, draft),
        "plan": lambda: actions.do_update_plan(SYSTEM, first.plan, theme="Open science"),
        # Through log.apply_changes, which takes the network's row before it saves.
        "section": lambda: actions.do_update_section(SYSTEM, first.section, title="Governance"),
        "move": lambda: actions.do_move_item(SYSTEM, first, first.section, order=5),
    }[writer]
    assert _first_locked_table(work) == "network_network"
