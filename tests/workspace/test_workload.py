"""The workload page: every member organisation's items per status in one plan."""

import pytest
from django.urls import reverse

from accord.network.models import NetworkRole
from accord.testing import factories as f
from tests.pipelines import sent_statements
from tests.workload_world import chart_data


def test_workload_lists_every_member_and_highlights_those_with_no_task(client, network, members, plans, make_member):
    old, new = plans
    client.force_login(make_member(NetworkRole.VIEWER))
    html = client.get(reverse("workspace:workload", args=[network.slug]), {"plan": new.pk}).content.decode()
    idle = html[html.index('id="idle-h"') : html.index("</section>", html.index('id="idle-h"'))]
    for name in ("DLR-PT", "VUB", "FECYT"):
        assert name in idle
    assert "ZSI" not in idle and "CNRS" not in idle
    data = chart_data(html, "workload")
    assert data["labels"] == ["ZSI", "CNRS"]  # busiest first
    by_status = {d["status"]: d["data"] for d in data["datasets"]}
    assert by_status["planned"] == [1, 1] and by_status["in_progress"] == [1, 0]
    # Another plan, other numbers: in 2021 CNRS had an item, in a plan it has none it is idle.
    html = client.get(reverse("workspace:workload", args=[network.slug]), {"plan": old.pk}).content.decode()
    assert chart_data(html, "workload")["labels"] == ["ZSI", "CNRS"]


def test_workload_of_another_networks_plan_is_not_shown(client, network, other_network, members, plans, make_member):
    theirs = f.make_plan(other_network, title="Their programme")
    f.make_item(f.make_section(theirs), what="Their item", owners=[members["VUB"]])
    client.force_login(make_member(NetworkRole.VIEWER))
    html = client.get(reverse("workspace:workload", args=[network.slug]), {"plan": theirs.pk}).content.decode()
    assert "Their programme" not in html
    assert "VUB" in html[html.index('id="idle-h"') :]  # still shows this network's current plan


@pytest.mark.parametrize("page", ["network:organisation", "workspace:workload"])
def test_query_counts_are_bounded(client, network, members, plans, make_member, page, django_assert_max_num_queries):
    section = f.make_section(plans[1], "More")
    for i in range(40):
        f.make_item(section, what=f"Extra {i}", owners=[members["ZSI"], members["VUB"]])
    client.force_login(make_member(NetworkRole.VIEWER))
    args = [network.slug, members["ZSI"].slug] if page == "network:organisation" else [network.slug]
    # Session, user, roles, then the organisation page's organisation, membership check, items, owners, load,
    # its plans, memberships, people; the workload's plans, current plan, counts, organisations (members and owners).
    with django_assert_max_num_queries(11 if page == "network:organisation" else 7):
        assert client.get(reverse(page, args=args)).status_code == 200


def test_workload_reads_its_plans_and_the_current_one_together(client, network, members, plans, make_member):
    """With no plan chosen, the page shows the current plan: its key is read with the plans to choose from (one round
    trip on PostgreSQL). With a plan chosen, only the plans are read."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    old, new = plans
    client.force_login(make_member(NetworkRole.VIEWER))
    url = reverse("workspace:workload", args=[network.slug])
    with sent_statements() as sent:
        html = client.get(url).content.decode()
    assert f'<option value="{new.pk}" selected' in html  # the current plan
    current = [on for sql, on in sent if "COALESCE" in sql and "network_network" in sql]  # (and the tests' check)
    assert current and any(current) is (connection.vendor == "postgresql")
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url, {"plan": old.pk}).content.decode()
    assert f'<option value="{old.pk}" selected' in html
    assert not [q for q in queries if "COALESCE" in q["sql"] and '"network_network"' in q["sql"]]


def test_workload_rows_escape_names(client, network, plans, make_member):
    odd = f.make_organisation("<i>Odd</i> & Co")
    f.make_item(f.make_section(plans[1], "Odd"), what="Odd task", owners=[odd])
    client.force_login(make_member(NetworkRole.VIEWER))
    html = client.get(reverse("workspace:workload", args=[network.slug]), {"plan": plans[1].pk}).content.decode()
    assert "<i>Odd</i>" not in html and "&lt;i&gt;Odd&lt;/i&gt; &amp; Co" in html
    assert "not a member" in html  # an owner that is not a member is marked


def test_workload_marks_a_heavy_load(client, network, members, plans, make_member):
    section = f.make_section(plans[1], "Busy")
    for i in range(8):
        f.make_item(section, what=f"CNRS task {i}", owners=[members["CNRS"]])
    for name in ("DLR-PT", "VUB", "FECYT"):
        f.make_item(section, what=f"{name} task", owners=[members[name]])
    client.force_login(make_member(NetworkRole.VIEWER))
    html = client.get(reverse("workspace:workload", args=[network.slug]), {"plan": plans[1].pk}).content.decode()
    rows = html[html.index("<tbody>", html.index('id="who-h"')) :]
    cnrs = rows[: rows.index("</tr>")]
    zsi = rows[rows.index("</tr>") + 5 :]
    assert "CNRS" in cnrs and "heavy load" in cnrs
    assert "ZSI" in zsi[: zsi.index("</tr>")] and "heavy load" not in zsi[: zsi.index("</tr>")]
