"""Production start and secrets: a clean production start, real deployment checks, keys judged by entropy,
no demo accounts in production, private files from creation, DEBUG off unless asked for."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from accord.keys import estimated_bits, key_problem
from accord.settings import create_private_file, make_private_dir
from accord.web.checks import check_deployment, missing_static_references
from tests.test_settings import STRONG_KEY, run_accord

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "ACCORD_PRODUCTION": "1",
    "SECRET_KEY": STRONG_KEY,
    "ALLOWED_HOSTS": "accord.example.org",
    "ACCORD_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
}


def test_collectstatic_with_hashed_names_works_from_the_repository(tmp_path):
    result = run_accord(["collectstatic", "--noinput", "-v0"], PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    manifest = tmp_path / "static" / "staticfiles.json"
    assert manifest.is_file() and "vendor/chart.js/chart.umd.min.js" in manifest.read_text()


def test_no_served_static_file_names_a_missing_file():
    assert missing_static_references() == []


def test_check_deploy_reports_a_static_file_that_would_fail_collectstatic(tmp_path, settings):
    (tmp_path / "broken.min.js").write_text("var x=1;\n//# sourceMappingURL=broken.min.js.map\n")
    with override_settings(STATICFILES_DIRS=[str(tmp_path)]):
        ids = [m.id for m in check_deployment(None)]
    assert "accord.E001" in ids


def test_check_deploy_reports_loose_home_and_unsent_mail(tmp_path, settings):
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    settings.ACCORD_HOME = home
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    ids = {m.id for m in check_deployment(None)}
    assert {"accord.W001", "accord.W003"} <= ids
    home.chmod(0o700)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    ids = {m.id for m in check_deployment(None)}
    assert not ids & {"accord.W001", "accord.W003"}


@pytest.mark.parametrize(
    "key",
    [
        "abcde" * 10,
        "changeme" * 7,
        "password" * 7,
        "0123456789" * 6,
        "Ab1!" * 20,
        "x" * 200,
        "qwertyuiopasdfghjklzxcvbnm" * 3,
    ],
)
def test_repetitive_or_narrow_keys_are_refused(key):
    assert key_problem(key, 256), f"{key!r} scored {estimated_bits(key):.0f} bits"


@pytest.mark.parametrize(
    "key",
    [
        STRONG_KEY,
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "j%8v(s)2@q!x_4m#z+w&0b=k^r6c*h-t9e1$yg3n7d5fp(u)l8o@a!i#s2w%",
    ],
)
def test_random_keys_pass(key):
    assert key_problem(key, 256) == ""


def test_a_repetitive_key_stops_production_start(tmp_path):
    result = run_accord(["check"], {**PRODUCTION, "SECRET_KEY": "abcde" * 10}, tmp_path)
    assert result.returncode != 0 and "bits of randomness" in result.stderr


@pytest.mark.parametrize("command", ["demo", "generate_demo"])
def test_demo_data_is_refused_in_production_mode(tmp_path, command):
    result = run_accord([command], PRODUCTION, tmp_path)
    assert result.returncode != 0
    assert "does not run in production mode" in result.stderr
    assert "Demo ready" not in result.stdout


def test_home_key_and_database_are_private_from_creation(tmp_path):
    home = tmp_path / "home"
    # A permissive umask must not matter: the modes are given at creation, not fixed afterwards.
    code = (
        "import os; os.umask(0); import django; django.setup(); "
        "from django.db import connection; connection.ensure_connection()"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ACCORD_PRODUCTION", "DATABASE_URL"}}
    env.update({"ACCORD_HOME": str(home), "DJANGO_SETTINGS_MODULE": "accord.settings"})
    subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True)
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "secret_key").stat().st_mode) == 0o600
    assert stat.S_IMODE((home / "accord.sqlite3").stat().st_mode) == 0o600


def test_private_file_is_never_readable_by_others_even_for_a_moment(tmp_path, monkeypatch):
    seen = []
    real_fdopen = os.fdopen

    def spy(fd, *args, **kwargs):
        seen.append(stat.S_IMODE(os.fstat(fd).st_mode))  # the mode when the first byte is about to be written
        return real_fdopen(fd, *args, **kwargs)

    monkeypatch.setattr(os, "fdopen", spy)
    old = os.umask(0)
    try:
        make_private_dir(tmp_path / "d")
        assert create_private_file(tmp_path / "d" / "f", b"secret")
    finally:
        os.umask(old)
    assert seen == [0o600]
    assert not create_private_file(tmp_path / "d" / "f", b"other")  # never overwrites
    assert (tmp_path / "d" / "f").read_bytes() == b"secret"


def test_debug_is_off_unless_asked_for(tmp_path):
    code = "from django.conf import settings; print(settings.DEBUG)"
    assert run_accord(["shell", "-c", code], {}, tmp_path).stdout.strip().endswith("False")
    assert run_accord(["shell", "-c", code], {"ACCORD_DEBUG": "1"}, tmp_path).stdout.strip().endswith("True")
    refused = run_accord(["check"], {**PRODUCTION, "ACCORD_DEBUG": "1"}, tmp_path)
    assert refused.returncode != 0 and "ACCORD_DEBUG cannot be on in production" in refused.stderr


def test_make_demo_sets_nothing_that_shows_internals():
    makefile = (ROOT / "Makefile").read_text()
    demo = makefile.split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    assert "DEBUG" not in demo


@pytest.mark.django_db
def test_a_missing_page_does_not_show_the_url_configuration(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "URLconf" not in body and "n/&lt;slug:network&gt;" not in body and "admin/" not in body
