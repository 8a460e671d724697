"""Writing audit entries. Called by actions inside their transaction, so a change and its entry land together."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from accord.audit import versions
from accord.audit.models import AuditAction, AuditEntry


def _plain(value: Any) -> Any:
    """A JSON-safe form of a field value, as a person would read it."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


_note: ContextVar[str] = ContextVar("audit_note", default="")


@contextmanager
def noted(note: str) -> Iterator[None]:
    """Entries recorded inside the block say where the change was made ("admin"), after any note of their own."""
    token = _note.set(note)
    try:
        yield
    finally:
        _note.reset(token)


def network_id_of(obj: models.Model) -> int | None:
    fn = getattr(obj, "audit_network_id", None)
    if callable(fn):
        return fn()
    return None


def record(
    actor: Any,
    action: AuditAction | str,
    obj: models.Model,
    changes: Mapping[str, tuple[Any, Any] | list[Any]] | None = None,
    *,
    note: str = "",
    network_id: int | None = None,
) -> AuditEntry:
    user = actor if getattr(actor, "is_authenticated", False) else None
    entry = AuditEntry.objects.create(
        actor=user,
        actor_name=(user.get_username() if user else "")[:150],
        action=str(action),
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        network_id=network_id if network_id is not None else network_id_of(obj),
        changes={k: [_plain(a), _plain(b)] for k, (a, b) in (changes or {}).items()},
        note="; ".join(n for n in (note, _note.get()) if n)[:300],
    )
    # The versions of what shows the object, and the network's activity (its audit entries: My work's Recent
    # changes), in the same transaction (accord/audit/versions.py).
    versions.bump(
        [
            *versions.targets_of(obj, entry.network_id, deleted=entry.action == AuditAction.DELETE),
            *versions.activity_of(entry.network_id),
        ]
    )
    return entry


def record_create(actor: Any, obj: models.Model, fields: Iterable[str], **kw: Any) -> AuditEntry:
    return record(
        actor,
        AuditAction.CREATE,
        obj,
        {f: (None, getattr(obj, f)) for f in fields if getattr(obj, f) not in (None, "", [], False)},
        **kw,
    )


def record_delete(actor: Any, obj: models.Model, fields: Iterable[str], **kw: Any) -> AuditEntry:
    return record(actor, AuditAction.DELETE, obj, {f: (getattr(obj, f), None) for f in fields}, **kw)


def apply_changes(actor: Any, obj: models.Model, values: Mapping[str, Any], *, note: str = "") -> dict[str, Any]:
    """Set the fields that differ, save only those, and record one update entry. Returns the changes."""
    changes = {}
    for name, new in values.items():
        old = getattr(obj, name)
        if old != new:
            changes[name] = (old, new)
            setattr(obj, name, new)
    if changes:
        versions.lock_network(network_id_of(obj))  # before the object's own row (versions.lock_network)
        update_fields = list(changes)
        if hasattr(obj, "updated_at"):
            update_fields.append("updated_at")
        if hasattr(obj, "version"):
            obj.version = models.F("version") + 1
            update_fields.append("version")
        obj.save(update_fields=update_fields)
        if hasattr(obj, "version"):
            obj.refresh_from_db(fields=["version"])
        record(actor, AuditAction.UPDATE, obj, changes, note=note)
    return changes
