"""Planner statistics: SQLite keeps none until ANALYZE, so Accord collects them after migrations and imports."""

from __future__ import annotations

import pytest
from django.db import connection

from accord.audit.actors import SYSTEM
from accord.imports.actions import do_import_draft
from accord.testing import factories as f
from accord.text.draft import Draft, DraftItem, DraftSection, ItemKind, Location
from accord.web import planner

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL collects its own (autovacuum)")


def statistics_of(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return 0
        cursor.execute("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = %s", [table])
        return cursor.fetchone()[0]


def forget_statistics() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is not None:
            cursor.execute("DELETE FROM sqlite_stat1")


def test_refresh_collects_statistics_of_the_tables(network):
    f.make_item(f.make_section(f.make_plan(network)), "Write the annual report")
    forget_statistics()
    assert statistics_of("plans_item") == 0
    planner.refresh()
    assert statistics_of("plans_item") > 0


def test_an_import_that_saved_something_refreshes_them_after_its_commit(network, django_capture_on_commit_callbacks):
    forget_statistics()
    draft = Draft(
        source="programme.txt",
        title="Work programme of the network",
        sections=[
            DraftSection(
                title="Outreach",
                items=[DraftItem(kind=ItemKind.ACTION, what="Publish the annual report", location=Location(line=3))],
            )
        ],
    )
    with django_capture_on_commit_callbacks(execute=True):
        do_import_draft(SYSTEM, network, draft)
    assert statistics_of("plans_item") > 0
