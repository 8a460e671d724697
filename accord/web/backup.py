"""`accord dump` and `accord restore`: the whole database as one file, checked table by table.

A dump is gzip-compressed JSON: {"accord_dump": 2, "checksums": {model: sha256}, "counts": {...}, "objects": [...]}
where the objects are Django's serialisation, moments to the microsecond (format 1, which still restores, cut them
to the millisecond as Django's JSON does), with natural keys for content types and permissions (so a dump
restores into a fresh database on SQLite or PostgreSQL whatever ids those got there). Left out: what is
recreated by `accord migrate` (content types, permissions) and what is only transient (sessions, sign-in
attempts, the background task queue).

Each table's checksum is the SHA-256 of its rows, serialised the same way and ordered by primary key. `accord
restore` loads a dump into an empty database in one transaction and compares every table's checksum with the
dump's; on any difference nothing is kept.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import tempfile
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils.timezone import is_aware

FORMAT = 2  # 2: moments to the microsecond (_ExactEncoder); a dump of format 1 still restores
LEFT_OUT = {
    "contenttypes.ContentType",
    "auth.Permission",
    "sessions.Session",
    "accounts.SignInAttempt",
    "accounts.SignedInSession",
    "django_tasks_database.DBTaskResult",
}


class RestoreError(Exception):
    pass


def dumped_models() -> list[Any]:
    return [m for m in apps.get_models() if m._meta.label not in LEFT_OUT and m._meta.managed and not m._meta.proxy]


class _ExactEncoder(DjangoJSONEncoder):
    """Django's JSON, with moments and times to the microsecond: Django's encoder cuts them to the millisecond
    (ECMA-262's format), so a moment restored from a dump was not the one dumped, and one whose microseconds were
    under a thousand (.000105) was written back as a whole second, which its table's checksum then caught."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, dt.time) and not is_aware(o):
            return o.isoformat()
        return super().default(o)


# How a dump of each format wrote its rows (and so how its checksums are taken again after a restore).
ENCODERS: dict[int, type[DjangoJSONEncoder]] = {1: DjangoJSONEncoder, 2: _ExactEncoder}


def _serialise(model: Any, fmt: int = FORMAT) -> list[dict[str, Any]]:
    rows = model._base_manager.order_by("pk")
    return json.loads(serializers.serialize("json", rows, use_natural_foreign_keys=True, cls=ENCODERS[fmt]))


def _digest(objects: list[dict[str, Any]]) -> str:
    digest = hashlib.sha256()
    for obj in objects:
        digest.update(json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def table_checksums(fmt: int = FORMAT) -> dict[str, str]:
    """Every dumped table's checksum in the database as it is now (serialised as a dump of format `fmt` is)."""
    return {m._meta.label: _digest(_serialise(m, fmt)) for m in dumped_models()}


def dump(path: Path) -> dict[str, int]:
    """Write the database to `path`; returns the row count per table."""
    objects: list[dict[str, Any]] = []
    checksums, counts = {}, {}
    with transaction.atomic():  # one consistent view of every table
        for model in dumped_models():
            rows = _serialise(model)
            checksums[model._meta.label] = _digest(rows)
            counts[model._meta.label] = len(rows)
            objects += rows
    document = {"accord_dump": FORMAT, "checksums": checksums, "counts": counts, "objects": objects}
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False)
    return counts


def read(path: Path) -> dict[str, Any]:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            document = json.load(handle)
    except (OSError, EOFError, json.JSONDecodeError) as exc:
        raise RestoreError(f"{path} is not an Accord dump ({exc})") from exc
    if not isinstance(document, dict) or document.get("accord_dump") not in ENCODERS:
        raise RestoreError(f"{path} is not an Accord dump of format {' or '.join(map(str, ENCODERS))}")
    return document


def restore(path: Path) -> dict[str, int]:
    """Load a dump into an empty database; every table's checksum must then equal the dump's."""
    document = read(path)
    occupied = [m._meta.label for m in dumped_models() if m._base_manager.exists()]
    if occupied:
        raise RestoreError(
            "the database is not empty (" + ", ".join(occupied[:5]) + "): restore into a new "
            "database after `accord migrate`, or pass --replace"
        )
    with tempfile.TemporaryDirectory() as tmp:
        fixture = Path(tmp) / "accord-restore.json"
        fixture.write_text(json.dumps(document["objects"], ensure_ascii=False), encoding="utf-8")
        with transaction.atomic():
            call_command("loaddata", str(fixture), verbosity=0)
            # What the database keeps itself from other rows (a plan's item counts: triggers, which counted each
            # loaded item on top of the counts loaded with its plan) is counted again from the rows loaded.
            for model in dumped_models():
                recount = getattr(model, "recount_derived", None)
                if callable(recount):
                    recount()
            now = table_checksums(document["accord_dump"])
            differ = sorted(label for label, digest in document["checksums"].items() if now.get(label) != digest)
            if differ:
                raise RestoreError("tables differ from the dump after loading: " + ", ".join(differ))
    return dict(document["counts"])
