"""The cache every gunicorn worker shares: SQLite files under ACCORD_HOME (diskcache), no service to run.

`PrivateDiskCache` is diskcache's Django backend with the files made private before diskcache opens them: the
folder and each shard's folder 0700, each shard's database 0600 (SQLite gives its -wal and -shm files the
database file's mode), and every value kept inside the databases (diskcache would write a value over 32 KB to a
file of its own with the process's umask), so a cached page, which shows what its reader may see, is readable by
Accord's user alone, like the rest of ACCORD_HOME. See docs/decisions/0014-shared-page-cache.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from diskcache.djangocache import DjangoCache

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
