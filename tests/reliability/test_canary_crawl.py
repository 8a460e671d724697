"""Canary crawl: every route of the URL configuration, as an anonymous visitor and as another network's admin,
with the private network's objects in the URL, as pages and as htmx fragments: no canary ever appears."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.test import Client

from accord.testing.routes import all_routes
from tests.reliability.conftest import CANARY, export_formats, values

VARIANTS = ("", "?row=1", "?q=Glacierwatch&n=vault", "?format=csv")


def visible_text(response) -> str:
    """What a response says, also inside a Word or Excel file (zip entries) or a PDF (its text)."""
    body = b"".join(response) if response.streaming else response.content
    if body.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    if body.startswith(b"%PDF-"):
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    return body.decode("utf-8", "replace")


def crawl(client: Client, world, *, only: set[str] | None = None, skip: set[str] = frozenset()):
    choices = values(world)
    fetched, leaks = 0, []
    for route in all_routes():
        if (only is not None and route.name not in only) or route.name in skip:
            continue
        missing = [p for p in route.params if p not in choices]
        assert not missing, f"{route.name or route.pattern}: no crawl value for {missing} (add to VALUES)"
        for path in route.paths(choices):
            for variant in VARIANTS:
                for headers in ({}, {"HX-Request": "true"}):
                    response = client.get(path + variant, headers=headers)
                    fetched += 1
                    seen = visible_text(response).lower().count(CANARY)
                    seen += str(response.get("Location", "")).lower().count(CANARY)
                    if seen:
                        leaks.append(f"{path}{variant} {headers or ''} -> {response.status_code}: {seen} canaries")
    return fetched, leaks


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_no_private_record_reaches_anyone_outside_its_network(vault, who):
    client = Client()
    if who == "outsider":
        client.force_login(vault["outsider"])
    fetched, leaks = crawl(client, vault)
    assert fetched > 200
    assert not leaks, "\n".join(leaks[:40])


def test_the_canaries_are_there_for_the_network_itself(vault):
    """The crawl would see them if they leaked: the vault's own secretariat sees each kind of record."""
    client = Client()
    client.force_login(vault["secretariat"])
    pages = [
        f"/n/vault/plans/{vault['plan'].pk}/",
        f"/n/vault/items/{vault['item'].pk}/",
        "/n/vault/calendar/",
        "/n/vault/import/",
        f"/n/vault/organisations/{vault['hidden_org'].slug}/",
    ]
    pages += [
        f"/n/vault/plans/{vault['plan'].pk}/export/{fmt}/"
        for fmt in ("csv", "docx", "xlsx", "pdf")
        if fmt in export_formats()
    ]
    for page in pages:
        assert CANARY in visible_text(client.get(page)).lower(), page
