"""Versions of what pages show, bumped in the transaction of every change.

Every write goes through an action and every action records an audit entry in its transaction; recording the
entry also bumps the versions of what shows the object (`bump_for`). A model names them in
`content_versions()`: a list of (model label, primary key or None for every row, field). An object that names
none bumps its network's content version, or, when it belongs to no network, every network's: a change nobody
declared is never left out of a cached page.

The bump is an `UPDATE ... SET v = v + 1` on the row. It takes the row's lock until the transaction ends, so two
writers to the same plan or network are ordered and each commits a version higher than the other's. A reader
that reads a version first and the data after it (separate statements, READ COMMITTED or SQLite) therefore
renders data at least as new as the version it keys the body on: a body can be newer than its key, never older.
Bodies cached on versions (accord/web/page_cache.py) need no global invalidation: a comment bumps one item's
discussion version; an inline edit its plan's and section's content versions (after locking its network's row), the
work version of each organisation that owns the item, and the network's open-calls version if the item asks (or
asked) for an owner. Every audit entry of a network also bumps its activity version (`activity_of`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db.models import F

Target = tuple[str, Any, str]
# A target's field that bumps nothing: the row is only locked (SELECT ... FOR UPDATE) until the transaction ends.
LOCK = "<lock>"


def targets_of(obj: Any, network_id: int | None, *, deleted: bool = False) -> list[Target]:
    """What a change to `obj` bumps; a deletion may bump more (`deleted_versions()`: what goes with it)."""
    declared = getattr(obj, "deleted_versions", None) if deleted else None
    if not callable(declared):
        declared = getattr(obj, "content_versions", None)
    if callable(declared):
        return list(declared())
    return [("network.Network", network_id, "content_version")]


def activity_of(network_id: int | None) -> list[Target]:
    """A new audit entry of a network bumps its activity version (what caches its latest entries keys on it).

    The network's row is already held by then: every write inside a network takes it first, before the rows it
    changes (accord/plans/actions.py, "Lock order"), so this bump waits for nobody. An entry of no network bumps
    nothing more."""
    return [] if network_id is None else [("network.Network", network_id, "activity_version")]


def bump(targets: Iterable[Target]) -> None:
    """One UPDATE per row, in the order the targets name the rows (fields of one row bumped together)."""
    rows: dict[tuple[str, Any], list[str]] = {}
    for label, pk, field in targets:
        fields = rows.setdefault((label, pk), [])
        if field not in fields:
            fields.append(field)
    for (label, pk), fields in rows.items():
        manager = apps.get_model(label)._default_manager
        chosen = manager.all() if pk is None else manager.filter(pk=pk)
        bumped = {field: F(field) + 1 for field in fields if field != LOCK}
        if bumped:
            chosen.update(**bumped)
        else:  # SQLite takes one writer at a time: there the lock is the write transaction itself
            list(chosen.select_for_update().values_list("pk", flat=True))


def lock_network(network_id: int | None) -> None:
    """Take the network's row before the rows a write changes: every write inside a network takes it first
    (`log.apply_changes` before it saves, the actions that lock their rows themselves before they do), so two
    writers never hold each other's rows in opposite orders (a deadlock on PostgreSQL)."""
    if network_id is not None:
        bump([("network.Network", network_id, LOCK)])


def bump_for(obj: Any, network_id: int | None, *, deleted: bool = False) -> None:
    bump(targets_of(obj, network_id, deleted=deleted))
