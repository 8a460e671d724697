"""Backup and restore: `accord dump` and `accord restore` round-trip a network with identical per-table checksums
(on whichever database the suite runs: SQLite or PostgreSQL)."""

from __future__ import annotations

import gzip
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accord.plans.models import Comment, Item
from accord.testing import factories as f
from accord.web import backup


@pytest.mark.django_db(transaction=True)
def test_dump_and_restore_round_trip_with_identical_checksums(vault, tmp_path):
    from tests.reliability.conftest import CANARY  # noqa: F401 - the vault fixture's records

    before = backup.table_checksums()
    counts = {m._meta.label: m._base_manager.count() for m in backup.dumped_models()}
    assert counts["plans.Item"] >= 2 and counts["audit.AuditEntry"] > 10
    target = tmp_path / "accord.json.gz"
    call_command("dump", str(target))
    call_command("flush", interactive=False, verbosity=0)
    assert not Item.objects.exists()
    call_command("restore", str(target))
    assert backup.table_checksums() == before
    assert {m._meta.label: m._base_manager.count() for m in backup.dumped_models()} == counts
    # The restored database goes on working: new rows get new ids, search finds restored text.
    section = vault["section"].__class__.objects.get(pk=vault["section"].pk)
    new = f.make_item(section, what="Written after the restore")
    assert new.pk > max(vault["item"].pk, vault["open_call"].pk)


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_holds_data_and_a_file_that_is_not_a_dump(vault, tmp_path):
    target = tmp_path / "accord.json.gz"
    call_command("dump", str(target))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(target))
    bogus = tmp_path / "bogus.json.gz"
    bogus.write_bytes(b"not gzip at all")
    with pytest.raises(CommandError, match="not an Accord dump"):
        call_command("restore", str(bogus), replace=True)
    assert Item.objects.exists()  # the wrong file emptied nothing


@pytest.mark.django_db(transaction=True)
def test_a_tampered_dump_is_refused_and_nothing_is_kept(vault, tmp_path):
    target = tmp_path / "accord.json.gz"
    call_command("dump", str(target))
    with gzip.open(target, "rt") as handle:
        document = json.load(handle)
    for obj in document["objects"]:
        if obj["model"] == "plans.comment":
            obj["fields"]["body"] = "changed in the file"
    with gzip.open(target, "wt") as handle:
        json.dump(document, handle)
    with pytest.raises(CommandError, match=r"plans\.Comment"):
        call_command("restore", str(target), replace=True)
    assert not Comment.objects.exists() and not Item.objects.exists()
