"""`accord demo` builds a usable workspace from examples/ through the importer, and running it again changes nothing."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.utils import timezone

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
    # An event page has something to show: sessions under their conference, an audience, items preparing it.
    side = Event.objects.filter(network=network, parent__isnull=True, children__isnull=False).distinct().get()
    assert side.children.count() == 2 and side.audience
    today = timezone.localdate()
    current = Plan.objects.filter(network=network, period_start__lte=today, period_end__gte=today).first()
    if current is not None and current.items.filter(what__icontains="Arctic Circle").exists():
        assert side.item_links.exists()
    assert Item.objects.filter(plan__network=network, status__in=["done", "in_progress"]).exists()
    assert authenticate(username="demo", password="accord-demo") is not None

    counts = (Plan.objects.count(), Item.objects.count(), Event.objects.count(), AuditEntry.objects.count())
    call_command("demo", stdout=io.StringIO())
    assert (Plan.objects.count(), Item.objects.count(), Event.objects.count(), AuditEntry.objects.count()) == counts

    client.login(username="demo", password="accord-demo")
    assert client.get("/").status_code == 200
    assert client.get(f"/n/{network.slug}/calendar/").status_code == 200
