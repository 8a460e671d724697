"""The full-text index behind accord.search, one per database vendor.

SQLite: an FTS5 table per searchable model, with the model's table as external content, kept in sync by
triggers (so bulk_create, raw updates and deletes are indexed too). PostgreSQL: GIN expression indexes on the
same `to_tsvector('simple', ...)` that search() filters on, so no extra table needs keeping in sync.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Tokens lower-cased, accents folded ("Société" finds "societe"), split on anything not a letter or digit.
FTS5_TOKENIZE = "unicode61 remove_diacritics 2"


@dataclass(frozen=True)
class Indexed:
    kind: str
    app_label: str
    model_name: str
    table: str
    fields: tuple[str, ...]

    @property
    def fts_table(self) -> str:
        return f"search_{self.kind}_fts"

    @property
    def gin_index(self) -> str:
        return f"search_{self.kind}_gin"


INDEXED = (
    Indexed("plan", "plans", "Plan", "plans_plan", ("title", "theme", "chair_text", "version_label")),
    Indexed("item", "plans", "Item", "plans_item", ("what", "who_text", "details", "when_text")),
    Indexed("organisation", "network", "Organisation", "network_organisation", ("short_name", "full_name", "aliases")),
    Indexed("person", "network", "Person", "network_person", ("name", "title")),
)
BY_KIND = {spec.kind: spec for spec in INDEXED}


# SQLite ---------------------------------------------------------------------------------------------------------


def _trigger_names(spec: Indexed) -> list[str]:
    return [f"{spec.fts_table}_ai", f"{spec.fts_table}_ad", f"{spec.fts_table}_au"]


def sqlite_create_statements(spec: Indexed) -> list[str]:
    cols = ", ".join(spec.fields)
    new = ", ".join(f"new.{f}" for f in spec.fields)
    old = ", ".join(f"old.{f}" for f in spec.fields)
    fts = spec.fts_table
    ai, ad, au = _trigger_names(spec)
    # Names and columns come from INDEXED above, never from input.
    delete = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old});"  # noqa: S608
    insert = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new});"  # noqa: S608
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({cols}, content='{spec.table}', "
        f"content_rowid='id', tokenize='{FTS5_TOKENIZE}')",
        f"CREATE TRIGGER IF NOT EXISTS {ai} AFTER INSERT ON {spec.table} BEGIN {insert} END",
        f"CREATE TRIGGER IF NOT EXISTS {ad} AFTER DELETE ON {spec.table} BEGIN {delete} END",
        f"CREATE TRIGGER IF NOT EXISTS {au} AFTER UPDATE OF {cols} ON {spec.table} BEGIN {delete} {insert} END",
    ]


def sqlite_drop_statements(spec: Indexed) -> list[str]:
    return [
        *(f"DROP TRIGGER IF EXISTS {name}" for name in _trigger_names(spec)),
        f"DROP TABLE IF EXISTS {spec.fts_table}",
    ]


def sqlite_rebuild(cursor: Any, spec: Indexed) -> None:
    cursor.execute(f"INSERT INTO {spec.fts_table}({spec.fts_table}) VALUES ('rebuild')")  # noqa: S608 - fixed names


def _sqlite_missing(cursor: Any, spec: Indexed) -> bool:
    names = [spec.fts_table, *_trigger_names(spec)]
    cursor.execute(
        f"SELECT COUNT(*) FROM sqlite_master WHERE name IN ({', '.join('%s' for _ in names)})",  # noqa: S608
        names,
    )
    return cursor.fetchone()[0] < len(names)


# PostgreSQL -----------------------------------------------------------------------------------------------------


def vector(fields: tuple[str, ...]) -> Any:
    from django.contrib.postgres.search import SearchVector

    return SearchVector(*fields, config="simple")


def postgres_indexes(apps: Any) -> list[tuple[Any, Any]]:
    """The GIN indexes, without GIN's pending list (`fastupdate`): with it, rows written since the last vacuum
    wait in an unordered list that every search reads through (after an import or a generated network, ~10 ms a
    search until autovacuum merges them); without it, each write updates the index itself."""
    from django.contrib.postgres.indexes import GinIndex

    return [
        (
            apps.get_model(spec.app_label, spec.model_name),
            GinIndex(vector(spec.fields), name=spec.gin_index, fastupdate=False),
        )
        for spec in INDEXED
    ]


def postgres_fastupdate(on: bool) -> Any:
    """A migration step turning the GIN indexes' pending list on or off; turned off, what waits in it is merged
    into the index now."""

    def step(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            for spec in INDEXED:
                # Fixed index names from INDEXED, never input.
                cursor.execute(f"ALTER INDEX {spec.gin_index} SET (fastupdate = {'on' if on else 'off'})")
                if not on:
                    cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [spec.gin_index])

    return step


# Both -----------------------------------------------------------------------------------------------------------


def create_index(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            for spec in INDEXED:
                for sql in sqlite_create_statements(spec):
                    cursor.execute(sql)
                sqlite_rebuild(cursor, spec)
    elif vendor == "postgresql":
        for model, index in postgres_indexes(apps):
            schema_editor.add_index(model, index)


def drop_index(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            for spec in INDEXED:
                for sql in sqlite_drop_statements(spec):
                    cursor.execute(sql)
    elif vendor == "postgresql":
        for model, index in postgres_indexes(apps):
            schema_editor.remove_index(model, index)


def ensure_index(sender: Any = None, using: str = "default", **kwargs: Any) -> None:
    """Recreate the SQLite index and triggers if a table rebuild dropped them, and re-read the rows then."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    if not MigrationRecorder(connection).migration_qs.filter(app="search", name="0001_full_text_index").exists():
        return  # migrating backwards, or not yet migrated
    with connection.cursor() as cursor:
        for spec in INDEXED:
            if _sqlite_missing(cursor, spec):
                for sql in sqlite_create_statements(spec):
                    cursor.execute(sql)
                sqlite_rebuild(cursor, spec)
