"""`accord demo` builds a usable workspace from examples/ through the importer, and running it again changes nothing."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from accord.audit.models import AuditEntry
from accord.events.models import Event
from accord.network.models import Network
from accord.plans.models import Item, Plan


@pytest.mark.django_db
def test_demo_builds_the_example_network_and_is_idempotent(client):
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert "sign in as demo / accord-demo" in out.getvalue()
    network = Network.objects.get(slug="northern-lights")
    plans = Plan.objects.filter(network=network)
    assert plans.count() == 3  # the three example documents, imported
    assert all(p.source_document is not None for p in plans)
    assert Item.objects.filter(plan__network=network).count() > 20
    assert Event.objects.filter(network=network).count() >= 5
    assert Item.objects.filter(plan__network=network, status__in=["done", "in_progress"]).exists()
    assert authenticate(username="demo", password="accord-demo") is not None

    counts = (Plan.objects.count(), Item.objects.count(), Event.objects.count(), AuditEntry.objects.count())
    call_command("demo", stdout=io.StringIO())
    assert (Plan.objects.count(), Item.objects.count(), Event.objects.count(), AuditEntry.objects.count()) == counts

    client.login(username="demo", password="accord-demo")
    assert client.get("/").status_code == 200
    assert client.get(f"/n/{network.slug}/calendar/").status_code == 200
