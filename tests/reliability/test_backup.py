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


@pytest.mark.django_db(transaction=True)
def test_a_restored_moment_is_the_moment_dumped_to_the_microsecond(vault, tmp_path):
    """Django's JSON cuts moments to the millisecond: a moment of .000105 came back as the whole second, and the
    restore refused its own dump (its table's checksum differed), about once in a thousand moments."""
    import datetime as dt

    from django.utils import timezone

    moments = [
        timezone.make_aware(dt.datetime(2026, 3, 4, 5, 6, 7, 105)),
        timezone.make_aware(dt.datetime(2026, 3, 4, 5, 6, 7, 123456)),
    ]
    items = list(Item.objects.order_by("pk")[:2])
    for item, moment in zip(items, moments, strict=True):
        Item.objects.filter(pk=item.pk).update(created_at=moment, updated_at=moment)
    before = backup.table_checksums()
    target = tmp_path / "accord.json.gz"
    call_command("dump", str(target))
    call_command("restore", str(target), replace=True)
    assert backup.table_checksums() == before
    assert [i.created_at for i in Item.objects.filter(pk__in=[i.pk for i in items]).order_by("pk")] == moments


@pytest.mark.django_db(transaction=True)
def test_a_dump_of_the_first_format_still_restores(vault, tmp_path, monkeypatch):
    """A dump written before moments kept their microseconds (format 1, Django's JSON) restores and checks out."""
    import datetime as dt

    from django.db import models
    from django.utils import timezone

    # Moments to the millisecond, as format 1 kept them (one under a millisecond would not come back the same).
    moment = timezone.make_aware(dt.datetime(2026, 3, 4, 5, 6, 7, 123000))
    for model in backup.dumped_models():
        moments = [f.name for f in model._meta.concrete_fields if isinstance(f, models.DateTimeField)]
        if moments:
            model._base_manager.update(**dict.fromkeys(moments, moment))
    counts = {m._meta.label: m._base_manager.count() for m in backup.dumped_models()}
    monkeypatch.setattr(backup, "FORMAT", 1)
    monkeypatch.setattr(backup, "_serialise", lambda model, fmt=1, _s=backup._serialise: _s(model, 1))
    target = tmp_path / "old.json.gz"
    call_command("dump", str(target))
    monkeypatch.undo()
    with gzip.open(target, "rt", encoding="utf-8") as handle:
        assert json.load(handle)["accord_dump"] == 1
    call_command("restore", str(target), replace=True)
    assert {m._meta.label: m._base_manager.count() for m in backup.dumped_models()} == counts
