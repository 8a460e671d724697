"""Organisation page: what one member owns, its load per period, its people."""

import re

from django.urls import reverse

from accord.audit.actors import SYSTEM
from accord.network.actions import do_add_membership, do_create_person
from accord.network.models import NetworkRole
from accord.testing import factories as f
from tests.pipelines import sent_statements
from tests.workload_world import chart_data


def test_organisation_page_shows_everything_it_owns_across_periods(client, network, members, plans, make_member):
    client.force_login(make_member(NetworkRole.VIEWER))
    html = client.get(reverse("network:organisation", args=[network.slug, members["ZSI"].slug])).content.decode()
    for what in ("Old mapping", "Old newsletter", "New assembly", "New website"):
        assert what in html
    assert "CNRS report" not in html and "Trio statement" not in html
    owns = html[html.index("What it owns") :]
    assert owns.index("Work Programme 2022") < owns.index("Work Programme 2021")  # newest period first


def test_organisation_load_chart_and_table_hold_the_same_numbers(client, network, members, plans, make_member):
    client.force_login(make_member(NetworkRole.VIEWER))
    html = client.get(reverse("network:organisation", args=[network.slug, members["ZSI"].slug])).content.decode()
    data = chart_data(html, "org-load")
    by_status = {d["status"]: d["data"] for d in data["datasets"]}
    assert data["labels"] == ["July–December 2021", "January–June 2022"]
    assert by_status["done"] == [1, 0] and by_status["dropped"] == [1, 0]
    assert by_status["in_progress"] == [0, 1] and by_status["planned"] == [0, 1]
    assert "vendor/chart.js/chart.umd.min.js" in html
    table = html[html.index('aria-labelledby="load-h"') :]
    body = table[table.index("<tbody>") :]
    first_row = body[: body.index("</tr>")]
    assert "Work Programme 2021" in first_row
    # planned, in progress, done, dropped, carried over
    assert re.findall(r"<td[^>]*>(\d+)</td>", first_row) == ["0", "0", "1", "1", "0"]


def test_organisation_people_are_shown_to_members_only(client, db, members):
    net = f.make_network("Open Alliance", is_public=True)
    do_add_membership(SYSTEM, net, members["ZSI"])
    do_create_person(SYSTEM, name="Ada Example", organisation=members["ZSI"], email="ada@example.org")
    url = reverse("network:organisation", args=[net.slug, members["ZSI"].slug])
    assert "Ada Example" not in client.get(url).content.decode()
    viewer = f.make_user()
    f.grant(viewer, net, NetworkRole.VIEWER)
    client.force_login(viewer)
    html = client.get(url).content.decode()
    assert "Ada Example" in html and "ada@example.org" not in html


def test_private_plans_stay_hidden_on_a_public_networks_organisation_page(client, db, members):
    net = f.make_network("Open Alliance", is_public=True)
    public = f.make_section(f.make_plan(net, title="Public programme", is_public=True))
    private = f.make_section(f.make_plan(net, title="Internal programme"))
    f.make_item(public, what="Public task", owners=[members["ZSI"]])
    f.make_item(private, what="Internal task", owners=[members["ZSI"]])
    html = client.get(reverse("network:organisation", args=[net.slug, members["ZSI"].slug])).content.decode()
    assert "Public task" in html and "Internal task" not in html and "Internal programme" not in html


def test_each_item_names_its_other_owners_as_written_and_not_the_organisation_itself(
    client, network, members, make_member
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accord.network.actions import do_create_group

    plan = f.make_plan(network, title="Programme with partners")
    section = f.make_section(plan)
    team = do_create_group(SYSTEM, network, name="Ocean <team>")
    f.make_item(section, what="Joint call", owners=[members["ZSI"], members["CNRS"], team, "a national agency"])
    f.make_item(section, what="Alone", owners=[members["ZSI"]])
    f.make_item(section, what="Someone else's", owners=[members["CNRS"]])
    client.force_login(make_member(NetworkRole.VIEWER))
    url = reverse("network:organisation", args=[network.slug, members["ZSI"].slug])
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    owns = html[html.index("What it owns") :]
    joint = owns[owns.index("Joint call") :].split("</td>", 1)[0]
    assert "with CNRS, Ocean &lt;team&gt;, a national agency" in joint and "ZSI" not in joint
    alone = owns[owns.index("Alone") :].split("</td>", 1)[0]
    assert "with" not in alone
    assert "Someone else" not in owns
    assert owns.count("Programme with partners") == 1  # one heading for the plan's items
    # Twice as many items and owners: the same queries.
    f.make_item(section, what="Another joint one", owners=[members["ZSI"], members["CNRS"], "the ministry"])
    f.make_item(section, what="Alone again", owners=[members["ZSI"]])
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as more:
        html = client.get(url).content.decode()
    assert "with CNRS, the ministry" in html
    assert len(more) == len(queries)


def test_the_organisation_and_its_memberships_are_read_together_once(client, network, members, plans, make_member):
    """Who may see the organisation asks first whether it is a member of the network: its memberships come with its
    own row (one round trip on PostgreSQL), are read once, and are the ones the page lists."""
    from django.db import connection

    client.force_login(make_member(NetworkRole.VIEWER))
    with sent_statements() as sent:
        html = client.get(reverse("network:organisation", args=[network.slug, members["ZSI"].slug])).content.decode()
    assert "ZSI" in html
    memberships = [on for sql, on in sent if sql.startswith('SELECT "network_membership"."id"')]
    organisation = [on for sql, on in sent if sql.startswith('SELECT "network_organisation"."id"')]
    assert memberships and organisation  # (the tests' check of baked reads reads each again, alone)
    pipelined = connection.vendor == "postgresql"
    assert memberships[0] is pipelined and organisation[0] is pipelined
    from django.test.utils import CaptureQueriesContext

    from accord.web import page_cache

    page_cache.cache.clear()
    with CaptureQueriesContext(connection) as counted:  # (the check's own reads are not counted)
        client.get(reverse("network:organisation", args=[network.slug, members["ZSI"].slug]))
    assert len([q for q in counted if q["sql"].startswith('SELECT "network_membership"."id"')]) == 1
    missing = reverse("network:organisation", args=[network.slug, "no-such-organisation"])
    assert client.get(missing).status_code == 404
