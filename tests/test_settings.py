"""Settings come from the environment; production mode refuses to start without a real secret."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
# A random key written out (tests must not depend on a generator): 67 characters, four character classes.
STRONG_KEY = "Vq3f_8JkPz1mR4tXw9bLc2nYs7dHg5eKa0uWo6iMj-TrQ8vB3xZl1pNy4hFs9gCdE2k"


def run_accord(args: list[str], env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE must not leak into a deployment check.
    dropped = {"DATABASE_URL", "SECRET_KEY", "ACCORD_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    full_env = {k: v for k, v in os.environ.items() if k not in dropped}
    full_env.update({"ACCORD_HOME": str(tmp_path), **env})
    return subprocess.run(
        [sys.executable, "-m", "accord.cli", *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    "key",
    [
        "",
        "changeme",
        "django-insecure-abc",
        "short",
        "a" * 60,
        "abcde" * 10,
        "changeme" * 7,
        "password" * 7,
        "k3y-" + "x9Qz7" * 12,
    ],
)
def test_production_mode_refuses_a_weak_secret_key(tmp_path, key):
    result = run_accord(
        ["check"], {"ACCORD_PRODUCTION": "1", "SECRET_KEY": key, "ALLOWED_HOSTS": "example.org"}, tmp_path
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production mode" in result.stderr


def test_check_deploy_is_clean_in_production_mode(tmp_path):
    result = run_accord(
        ["check", "--deploy", "--fail-level", "WARNING"],
        {
            "ACCORD_PRODUCTION": "1",
            "SECRET_KEY": STRONG_KEY,
            "ALLOWED_HOSTS": "accord.example.org",
            "ACCORD_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        },
        tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_local_secret_key_is_generated_once_and_kept(tmp_path):
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ACCORD_PRODUCTION"}}
    env.update({"ACCORD_HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "accord.settings"})
    first = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout.strip()
    second = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout.strip()
    assert len(first) >= 50 and first == second
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
        cursor.execute("PRAGMA busy_timeout")
        timeout = cursor.fetchone()[0]
    # The test database lives in memory, where SQLite reports "memory"; a file database reports "wal".
    assert mode in {"wal", "memory"}
    assert timeout >= 20000


def test_sqlite_file_database_uses_wal(tmp_path):
    result = run_accord(
        [
            "shell",
            "-c",
            "from django.db import connection; c = connection.cursor(); "
            "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])",
        ],
        {},
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "wal"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_accord_serve_answers_over_http(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    env["ACCORD_HOME"] = str(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "accord.cli", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        body = b""
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                    body = response.read()
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/accord/accord.css", timeout=2) as css:
                    assert css.status == 200
                break
            except OSError:
                time.sleep(0.3)
        assert body == b'{"ok": true}'
    finally:
        proc.terminate()
        proc.communicate(timeout=15)  # waits, and closes the pipes


def _cache_settings(tmp_path: Path, choice: str | None) -> subprocess.CompletedProcess[str]:
    code = (
        "import django; django.setup(); from django.core.cache import cache, caches; "
        "cache.set('k', 'v', 60); print(type(caches['default']).__name__, cache.get('k'))"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"ACCORD_CACHE", "ACCORD_PRODUCTION"}}
    env.update({"ACCORD_HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "accord.settings"})
    if choice is not None:
        env["ACCORD_CACHE"] = choice
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT)


def test_the_page_cache_is_shared_under_accord_home_and_private(tmp_path):
    done = _cache_settings(tmp_path, None)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["PrivateDiskCache", "v"]
    paths = [tmp_path / "cache", *(tmp_path / "cache").rglob("*")]
    assert len(paths) > 8
    assert all(p.stat().st_mode & 0o077 == 0 for p in paths), [oct(p.stat().st_mode) for p in paths]


def test_another_page_cache_may_be_chosen_and_a_wrong_name_is_refused(tmp_path):
    assert _cache_settings(tmp_path, "locmem").stdout.split() == ["LocMemCache", "v"]
    assert _cache_settings(tmp_path, "file").stdout.split() == ["FileBasedCache", "v"]
    wrong = _cache_settings(tmp_path, "redis")
    assert wrong.returncode != 0 and "ACCORD_CACHE must be one of" in wrong.stderr


def _database_options(env: dict[str, str]) -> dict:
    code = "import json; from accord import settings as s; print(json.dumps(s.DATABASES['default'].get('OPTIONS', {})))"
    ours = {"DATABASE_URL", "ACCORD_PG_PREPARE", "ACCORD_PG_RANDOM_PAGE_COST", "ACCORD_PRODUCTION"}
    full = {k: v for k, v in os.environ.items() if k not in ours}
    full.update(env)
    done = subprocess.run([sys.executable, "-c", code], env=full, capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(done.stdout)


def test_postgresql_queries_are_prepared_unless_turned_off(tmp_path):
    url = {"ACCORD_HOME": str(tmp_path), "DATABASE_URL": "postgres://someone@db.example:5432/accord"}
    cost = {"options": "-c random_page_cost=1.1"}
    assert _database_options(url) == {"server_side_binding": True, "prepare_threshold": 2, **cost}
    assert _database_options({**url, "ACCORD_PG_PREPARE": "0"}) == cost
    sqlite = _database_options({"ACCORD_HOME": str(tmp_path)})
    assert "server_side_binding" not in sqlite and "prepare_threshold" not in sqlite and "options" not in sqlite


def test_the_cost_of_a_random_page_is_set_on_postgresql_unless_left_to_the_server(tmp_path):
    url = {"ACCORD_HOME": str(tmp_path), "DATABASE_URL": "postgres://someone@db.example:5432/accord"}
    assert _database_options({**url, "ACCORD_PG_RANDOM_PAGE_COST": "2"})["options"] == "-c random_page_cost=2"
    assert "options" not in _database_options({**url, "ACCORD_PG_RANDOM_PAGE_COST": ""})
    for wrong in ("fast", "0", "-1", "1e9"):
        code = "import accord.settings"
        env = {**os.environ, **url, "ACCORD_PG_RANDOM_PAGE_COST": wrong}
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT)
        assert done.returncode != 0 and "ACCORD_PG_RANDOM_PAGE_COST must be a number" in done.stderr, wrong


@pytest.mark.django_db
def test_a_read_sent_again_is_prepared_on_postgresql(django_user_model):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    from accord.accounts.backends import AccountBackend

    user = django_user_model.objects.create_user("prepared", password="x")
    connection.ensure_connection()
    assert connection.connection.prepare_threshold == 2
    for _ in range(3):
        assert AccountBackend().get_user(user.pk) == user
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('FROM "auth_user"' in text and "$1" in text for text in prepared), prepared


@pytest.mark.django_db
def test_accords_postgresql_connections_count_a_random_page_as_settings_say():
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        (cost,) = cursor.fetchone()
    expected = os.environ.get("ACCORD_PG_RANDOM_PAGE_COST", "1.1").strip()
    if not expected:
        pytest.skip("left to the server")
    assert float(cost) == float(expected)
