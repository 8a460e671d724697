"""The cache every gunicorn worker shares: SQLite files under ACCORD_HOME (diskcache), no service to run.

`PrivateDiskCache` is diskcache's Django backend with the files made private before diskcache opens them: the
folder and each shard's folder 0700, each shard's database 0600 (SQLite gives its -wal and -shm files the
database file's mode), and every value kept inside the databases (diskcache would write a value over 32 KB to a
file of its own with the process's umask), so a cached page, which shows what its reader may see, is readable by
Accord's user alone, like the rest of ACCORD_HOME. See docs/decisions/0014-shared-page-cache.md.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from diskcache import Timeout
from diskcache.core import EVICTION_POLICY
from diskcache.djangocache import DEFAULT_TIMEOUT, DjangoCache

SHARDS = 8
# What comes before it in a key is the key's group, which alone picks the key's shard (page_cache.key_maker's
# `group`): "...accord:body:plan-39~<digest>".
GROUP_MARK = "~"
# A value's row as diskcache's `set` writes it (its columns, access count 0, no tag, no file), inserted or, when the
# key is there, updated in place (its insert and update triggers keep the shard's count and size).
_UPSERT = (
    "INSERT INTO Cache(key, raw, store_time, expire_time, access_time, access_count, tag, size, mode, filename, value)"
    " VALUES (?, ?, ?, ?, ?, 0, NULL, ?, ?, NULL, ?)"
    " ON CONFLICT(key, raw) DO UPDATE SET store_time = excluded.store_time, expire_time = excluded.expire_time,"
    " access_time = excluded.access_time, access_count = 0, tag = NULL, size = excluded.size, mode = excluded.mode,"
    " filename = NULL, value = excluded.value"
)
_KEYS_PER_READ = 500  # well under SQLite's bound on a statement's parameters


def _grouped(portable_hash: Callable[[Any], int]) -> Callable[[Any], int]:
    """diskcache's hash of a key, which picks its shard, taken of the key's group alone when it has one: the part
    before GROUP_MARK ("...:accord:body:plan-39~<digest>"), so that a group's keys share a shard (page_cache.key_maker).
    Every shard lookup (get, set, add, delete, and set_many and get_many below) goes through it."""

    def shard_hash(key: Any) -> int:
        if isinstance(key, str):
            head, mark, _rest = key.partition(GROUP_MARK)
            if mark:
                return portable_hash(head)
        return portable_hash(key)

    return shard_hash


class PrivateDiskCache(DjangoCache):
    def __init__(self, directory: str, params: dict[str, Any]) -> None:
        from accord.settings import create_private_file, make_private_dir

        shards = params.get("SHARDS", SHARDS)
        root = Path(directory)
        make_private_dir(root)
        for number in range(shards):
            shard = root / f"{number:03d}"
            make_private_dir(shard)
            create_private_file(shard / "cache.db")  # an empty file is a new SQLite database
        params = {**params, "SHARDS": shards}
        params["OPTIONS"] = {"disk_min_file_size": 2**31, **params.get("OPTIONS", {})}
        super().__init__(directory, params)
        fanout = self._cache
        fanout._hash = _grouped(fanout._hash)

    def close(self, **kwargs: Any) -> None:
        """Keep the connections: Django closes every cache at the end of each request, and diskcache's backend
        would close its SQLite connections then. Reopened on the next request, each reads the shard's settings
        and sets its pragmas again, and the last connection of a shard to close checkpoints and removes the WAL:
        0.75 ms per shard touched against 0.012 ms (docs/decisions/0014). A sync worker serves
        one request at a time, so its connections (one per shard, per thread) stay open for the process's life,
        as its database connection does (CONN_MAX_AGE)."""

    def _rows(
        self, data: dict[str, Any], timeout: Any, version: Any, retry: bool, now: float
    ) -> dict[int, list[tuple[Any, ...]]]:
        """`data`'s rows as `_UPSERT` writes them, by shard (a value that would go to a file of its own, never with
        disk_min_file_size above, is stored by diskcache's own `set` instead)."""
        fanout = self._cache
        expire = self.get_backend_timeout(timeout)
        expire_time = None if expire is None else now + expire
        shards: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
        for name, value in data.items():
            made = self.make_key(name, version=version)
            index = fanout._hash(made) % fanout._count
            disk = fanout._shards[index]._disk
            db_key, raw = disk.put(made)
            size, mode, filename, db_value = disk.store(value, False, key=made)
            if filename is not None:
                fanout._shards[index].set(made, value, expire=expire, retry=retry)
                continue
            shards[index].append((db_key, raw, now, expire_time, now, size, mode, db_value))
        return shards

    def set_many(self, data: dict[str, Any], timeout: Any = DEFAULT_TIMEOUT, version: Any = None, retry: bool = True):
        """Many values (a page's rows or sections) in one statement and one transaction per shard: a value's row is
        inserted, or updated when the key is there (an upsert on diskcache's own unique key), with the columns
        and triggers diskcache's `set` writes, and the shard is culled once for all of them (as many rows as that
        many sets would cull). 40 rows cost 0.8 ms instead of 1.5 as one `set` each in a transaction, and 7-9
        as one transaction each (each commit writes the shard's WAL). A shard that stays locked past the timeout
        keeps none of its values, as a single `set` would (they are built again on the next miss)."""
        now = time.time()
        for index, rows in self._rows(data, timeout, version, retry, now).items():
            shard = self._cache._shards[index]
            try:
                with shard._transact(retry) as (sql, cleanup):
                    shard._con.executemany(_UPSERT, rows)
                    shard._cull(now, sql, cleanup, shard.cull_limit * len(rows))
            except Timeout:
                continue
        return []

    def set_and_delete(
        self, key: str, value: Any, delete: str, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> None:
        """`set(key, value)` and `delete(delete)` in one transaction when both keys are in one shard (a body and
        its builder's mark: page_cache.cached names the mark so), else one after the other: a build stores its
        body and lifts its mark with one commit instead of two (each commit writes the shard's WAL)."""
        fanout = self._cache
        gone = self.make_key(delete, version=version)
        index = fanout._hash(gone) % fanout._count
        if fanout._hash(self.make_key(key, version=version)) % fanout._count != index:
            self.set(key, value, timeout, version=version)
            self.delete(delete, version=version)
            return
        now = time.time()
        rows = self._rows({key: value}, timeout, version, True, now).get(index, [])
        shard = fanout._shards[index]
        db_key, raw = shard._disk.put(gone)
        with shard._transact(True) as (sql, cleanup):
            shard._con.executemany(_UPSERT, rows)
            for rowid, filename in sql(
                "SELECT rowid, filename FROM Cache WHERE key = ? AND raw = ?", (db_key, raw)
            ).fetchall():
                sql("DELETE FROM Cache WHERE rowid = ?", (rowid,))
                cleanup(filename)
            shard._cull(now, sql, cleanup)

    def get_many(self, keys: Any, version: Any = None) -> dict[str, Any]:
        """Many values in one query per shard instead of one `get` each (Django's default): 40 rows' keys read in
        0.17 ms instead of 0.33. The same rows `get` reads (not expired), when reading changes nothing in the shard
        (diskcache's default eviction policy, least recently stored, and no statistics); else one `get` each."""
        fanout = self._cache
        wanted: dict[int, dict[tuple[Any, bool], str]] = defaultdict(dict)
        for name in keys:
            made = self.make_key(name, version=version)
            index = fanout._hash(made) % fanout._count
            wanted[index][fanout._shards[index]._disk.put(made)] = name
        found: dict[str, Any] = {}
        now = time.time()
        for index, names in wanted.items():
            shard = fanout._shards[index]
            if shard.statistics or EVICTION_POLICY[shard.eviction_policy]["get"] is not None:
                for name in names.values():
                    value = self.get(name, version=version)
                    if value is not None:
                        found[name] = value
                continue
            pairs = list(names)
            for start in range(0, len(pairs), _KEYS_PER_READ):
                chunk = [db_key for db_key, _raw in pairs[start : start + _KEYS_PER_READ]]
                marks = ", ".join("?" * len(chunk))  # only placeholders go into the text: every key is a parameter
                select = f"SELECT key, raw, mode, filename, value FROM Cache WHERE key IN ({marks})"  # noqa: S608
                select += " AND (expire_time IS NULL OR expire_time > ?)"
                for db_key, raw, mode, filename, db_value in shard._sql(select, (*chunk, now)).fetchall():
                    name = names.get((db_key, bool(raw)))
                    if name is None:
                        continue
                    try:
                        found[name] = shard._disk.fetch(mode, filename, db_value, False)
                    except OSError:  # deleted between the read and the fetch (a value kept in a file)
                        continue
        return found
