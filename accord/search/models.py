"""No models: the index lives in FTS5 tables (SQLite) or GIN indexes (PostgreSQL), see accord.search.schema.

This module exists so Django sends this app's post_migrate signal (it skips apps without a models module),
which puts back SQLite triggers that a table rebuild dropped.
"""
