"""A fresh clone's first run: the demo prints every account, imports say when no worker runs, the favicon, the
package metadata."""

from __future__ import annotations

import datetime as dt
import io
import tomllib
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from accord.imports.models import WORKER_WAIT_SECONDS, ImportJob, ImportStatus
from accord.network.models import NetworkRole
from accord.plans.models import Item
from accord.plans.permissions import can_take_open_call

ROOT = Path(__file__).resolve().parents[2]


def test_favicon_is_served_and_linked(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    body = b"".join(response.streaming_content)
    assert body[:4] == b"\x00\x00\x01\x00"  # an ICO header
    page = client.get("/accounts/login/").content.decode()
    assert 'rel="icon"' in page and "favicon.ico" in page


def test_pyproject_licence_is_an_spdx_string():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert project["project"]["license"] == "AGPL-3.0-or-later"
    assert any(r.startswith("setuptools>=77") for r in project["build-system"]["requires"])


@pytest.mark.django_db
def test_demo_prints_every_account_and_the_secretariat_can_take_open_calls(client):
    out = io.StringIO()
    call_command("demo", stdout=out)
    printed = out.getvalue()
    for username in ("demo", "secretariat", "member", "viewer"):
        assert f"  {username} " in printed
    from accord.network.models import Network

    network = Network.objects.get(slug="northern-lights")
    roles = {
        r.user.username: (r.role, r.organisation.short_name if r.organisation else None)
        for r in network.roles.select_related("user", "organisation")
    }
    assert roles["secretariat"] == (NetworkRole.SECRETARIAT, "ASO")
    assert roles["member"] == (NetworkRole.MEMBER_EDITOR, "NKI")
    assert roles["viewer"] == (NetworkRole.VIEWER, None)
    call = Item.objects.filter(plan__network=network, open_call=True).first()
    assert call is not None
    from django.contrib.auth import get_user_model

    secretariat = get_user_model().objects.get(username="secretariat")
    assert can_take_open_call(secretariat, call)
    assert client.login(username="secretariat", password="accord-demo")
    assert "take it" in client.get("/").content.decode()


def _queued(network, seconds_ago: int) -> ImportJob:
    job = ImportJob.objects.create(network=network, file_name="wp.txt", status=ImportStatus.QUEUED)
    ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - dt.timedelta(seconds=seconds_ago))
    job.refresh_from_db()
    return job


def test_upload_page_says_when_no_worker_picks_up_a_file(client, network, secretariat, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(secretariat)
    fresh = _queued(network, 1)
    assert not fresh.waiting_for_worker
    page = client.get(f"/n/{network.slug}/import/").content.decode()
    assert "no background worker is running" not in page
    stale = _queued(network, WORKER_WAIT_SECONDS + 5)
    assert stale.waiting_for_worker
    page = client.get(f"/n/{network.slug}/import/").content.decode()
    assert "no background worker is running" in page and "accord db_worker" in page
    row = client.get(f"/n/{network.slug}/import/{stale.pk}/status/?row=1").content.decode()
    assert "worker-missing" in row


def test_no_warning_when_tasks_run_at_once(network, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert not _queued(network, 600).waiting_for_worker


def test_make_demo_starts_the_worker_beside_the_server():
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    assert "db_worker" in recipe and "trap" in recipe and "serve" in recipe
