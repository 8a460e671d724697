"""The cache every gunicorn worker shares: SQLite files under ACCORD_HOME (diskcache), no service to run.

`PrivateDiskCache` is diskcache's Django backend with the files made private before diskcache opens them: the
folder and each shard's folder 0700, each shard's database 0600 (SQLite gives its -wal and -shm files the
database file's mode), and every value kept inside the databases (diskcache would write a value over 32 KB to a
file of its own with the process's umask), so a cached page, which shows what its reader may see, is readable by
Accord's user alone, like the rest of ACCORD_HOME. See docs/decisions/0014-shared-page-cache.md.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from diskcache import Timeout
from diskcache.djangocache import DEFAULT_TIMEOUT, DjangoCache

SHARDS = 8


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

    def close(self, **kwargs: Any) -> None:
        """Keep the connections: Django closes every cache at the end of each request, and diskcache's backend
        would close its SQLite connections then. Reopened on the next request, each reads the shard's settings
        and sets its pragmas again, and the last connection of a shard to close checkpoints and removes the WAL:
        0.75 ms per shard touched against 0.012 ms (docs/decisions/0014). A sync worker serves
        one request at a time, so its connections (one per shard, per thread) stay open for the process's life,
        as its database connection does (CONN_MAX_AGE)."""

    def set_many(self, data: dict[str, Any], timeout: Any = DEFAULT_TIMEOUT, version: Any = None, retry: bool = True):
        """Many values (a page's rows or sections) in one transaction per shard instead of one per value: 40 rows
        cost 1.5 ms instead of 7-9 (each commit writes the shard's WAL). A shard that stays locked past the
        timeout keeps none of its values, as a single `set` would (they are built again on the next miss)."""
        fanout = self._cache
        expire = self.get_backend_timeout(timeout)
        shards: dict[int, list[tuple[str, Any]]] = defaultdict(list)
        for name, value in data.items():
            made = self.make_key(name, version=version)
            self.validate_key(made)
            shards[fanout._hash(made) % fanout._count].append((made, value))
        for index, rows in shards.items():
            shard = fanout._shards[index]
            try:
                with shard.transact(retry):
                    for made, value in rows:
                        shard.set(made, value, expire=expire, retry=retry)
            except Timeout:
                continue
        return []
