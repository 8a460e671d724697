"""`accord generate-demo`: a large generated network, here at a small scale."""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from accord.events.models import Event
from accord.network.models import Membership, Network, Person, Role
from accord.plans.models import Item, Plan, PlanStatus
from accord.testing.demo import DEMO_PASSWORD, DEMO_USER


def generate(scale: float) -> str:
    out = StringIO()
    call_command("generate_demo", scale=scale, stdout=out)
    return out.getvalue()


def test_generates_a_network_of_the_asked_size_with_a_working_login(client, db):
    output = generate(0.02)
    net = Network.objects.get(slug="generated")
    assert Plan.objects.filter(network=net).count() == 2  # never fewer than two
    assert Item.objects.filter(plan__network=net).count() == 200
    assert Event.objects.filter(network=net).count() == 40
    assert Membership.objects.filter(network=net).count() == 6
    assert Plan.objects.filter(network=net, status=PlanStatus.ADOPTED).count() == 1
    assert f"{DEMO_USER} / {DEMO_PASSWORD}" in output
    assert client.login(username=DEMO_USER, password=DEMO_PASSWORD)
    assert Role.objects.get(user__username=DEMO_USER, network=net).organisation is not None
    for url in (
        reverse("workspace:home"),
        reverse("workspace:network", args=[net.slug]),
        reverse("workspace:calendar", args=[net.slug]),
        reverse("workspace:workload", args=[net.slug]),
    ):
        assert client.get(url).status_code == 200
    assert "Recent changes" in client.get(reverse("workspace:home")).content.decode()


def test_running_it_again_replaces_the_generated_network(db):
    generate(0.01)
    first = set(Item.objects.values_list("what", flat=True))
    generate(0.01)
    assert Network.objects.filter(slug="generated").count() == 1
    assert Item.objects.count() == 100 and set(Item.objects.values_list("what", flat=True)) == first
    people = Person.objects.count()
    generate(0.01)
    assert Person.objects.count() == people  # its invented people replaced too, not added to the last run's


def test_the_generated_network_leaves_planner_statistics(db):
    """The database's planner has statistics of the tables just filled (SQLite keeps none until ANALYZE)."""
    from django.db import connection

    generate(0.01)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'plans_item'")
        else:
            cursor.execute("SELECT COUNT(*) FROM pg_class WHERE relname = 'plans_item' AND reltuples > 0")
        assert cursor.fetchone()[0] > 0
