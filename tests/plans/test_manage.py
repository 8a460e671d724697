"""Creating and running a plan: actions, permissions (a refusal changes nothing), the management page, and
closed plans leaving My work's Overdue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accord.audit.actors import SYSTEM
from accord.audit.models import AuditEntry
from accord.network import actions as net_actions
from accord.network.models import NetworkRole
from accord.plans import actions
from accord.plans.models import Plan, PlanStatus, Section
from accord.testing import factories as f
from accord.workspace.queries import my_work

D = dt.date


def state() -> tuple:
    return (
        list(Plan.objects.order_by("pk").values_list("title", "status", "period_start", "theme")),
        list(Section.objects.order_by("pk").values_list("title", "order")),
        AuditEntry.objects.count(),
    )


@pytest.mark.parametrize("role", [NetworkRole.VIEWER, NetworkRole.MEMBER_EDITOR])
def test_only_the_secretariat_and_admin_create_and_run_plans(role, network, plan, section, make_member, orgs):
    actor = make_member(role, orgs["ZSI"] if role == NetworkRole.MEMBER_EDITOR else None)
    f.make_section(plan, "Second")
    before = state()
    writes = [
        lambda: actions.do_create_plan(actor, network, title="Mine"),
        lambda: actions.do_update_plan(actor, plan, title="Renamed"),
        lambda: actions.do_set_plan_status(actor, plan, PlanStatus.ADOPTED),
        lambda: actions.do_create_section(actor, plan, title="Third"),
        lambda: actions.do_reorder_sections(actor, plan, list(reversed(plan.sections.values_list("pk", flat=True)))),
    ]
    for write in writes:
        with pytest.raises(PermissionDenied):
            write()
    assert state() == before


def test_status_moves_draft_adopted_closed_and_back_with_an_entry_each(network, plan, secretariat):
    assert plan.status == PlanStatus.DRAFT
    with pytest.raises(ValidationError, match="cannot become"):
        actions.do_set_plan_status(secretariat, plan, PlanStatus.CLOSED)
    for status in (PlanStatus.ADOPTED, PlanStatus.CLOSED, PlanStatus.ADOPTED):
        actions.do_set_plan_status(secretariat, plan, status)
        plan.refresh_from_db()
        assert plan.status == status
    entries = AuditEntry.objects.filter(object_id=str(plan.pk), changes__has_key="status")
    assert entries.count() == 3


def test_a_plan_without_a_period_cannot_be_adopted(network, secretariat):
    plan = actions.do_create_plan(secretariat, network, title="Undated")
    with pytest.raises(ValidationError, match="period"):
        actions.do_set_plan_status(secretariat, plan, PlanStatus.ADOPTED)


def test_plan_values_are_checked(network, plan, secretariat):
    with pytest.raises(ValidationError, match="needs a title"):
        actions.do_create_plan(secretariat, network, title="  ")
    with pytest.raises(ValidationError, match="cannot end before"):
        actions.do_update_plan(secretariat, plan, period_end=D(2021, 1, 1))
    plan.refresh_from_db()
    assert plan.period_end == D(2021, 12, 31)


def test_reordering_sections_keeps_every_section_once(network, plan, secretariat):
    a, b, c = (f.make_section(plan, t) for t in ("A", "B", "C"))
    actions.do_move_section(secretariat, c, -1)
    assert list(plan.sections.order_by("order").values_list("title", flat=True)) == ["A", "C", "B"]
    actions.do_move_section(secretariat, a, -1)  # already first: nothing moves
    assert list(plan.sections.order_by("order").values_list("title", flat=True)) == ["A", "C", "B"]
    before = state()
    with pytest.raises(ValidationError, match="every section"):
        actions.do_reorder_sections(secretariat, plan, [a.pk, b.pk])
    assert state() == before
    entry = AuditEntry.objects.filter(object_id=str(plan.pk), note="sections reordered").get()
    assert entry.changes["sections"][1] == ["A", "C", "B"]


def test_closing_a_plan_takes_its_late_items_out_of_overdue(network, secretariat, orgs):
    today = timezone.localdate()
    plan = f.make_plan(network, start=today - dt.timedelta(days=200), end=today - dt.timedelta(days=20))
    actions.do_set_plan_status(secretariat, plan, PlanStatus.ADOPTED)
    f.make_item(
        f.make_section(plan),
        what="Late report",
        start=today - dt.timedelta(days=60),
        end=today - dt.timedelta(days=30),
        when_text="last month",
    )
    assert [i.what for i in my_work(secretariat, [network], today).overdue] == ["Late report"]
    actions.do_set_plan_status(secretariat, plan, PlanStatus.CLOSED)
    work = my_work(secretariat, [network], today)
    assert work.overdue == [] and work.counts["overdue"] == 0


def test_new_plan_page_creates_a_draft_and_shows_clear_errors(client, network, secretariat, orgs):
    net_actions.do_add_membership(SYSTEM, network, orgs["ZSI"])
    client.force_login(secretariat)
    url = f"/n/{network.slug}/plans/new/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"title": "", "kind": "work_programme", "period_start": "2027-07-01", "period_end": "2027-01-01"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "This field is required" in page and "cannot end before it starts" in page
    assert not Plan.objects.filter(network=network).exists()
    response = client.post(
        url,
        {
            "title": "Work Programme 2027",
            "kind": "work_programme",
            "period_start": "2027-01-01",
            "period_end": "2027-06-30",
            "theme": "Bridges",
            "chair": orgs["ZSI"].pk,
        },
    )
    plan = Plan.objects.get(network=network)
    assert response.status_code == 302 and response["Location"] == f"/n/{network.slug}/plans/{plan.pk}/settings/"
    assert (plan.status, plan.chair, plan.theme) == (PlanStatus.DRAFT, orgs["ZSI"], "Bridges")


def test_settings_page_edits_adopts_closes_and_orders_sections(client, network, plan, secretariat):
    client.force_login(secretariat)
    base = f"/n/{network.slug}/plans/{plan.pk}"
    client.post(f"{base}/sections/", {"new-number": "1", "new-title": "Awareness"})
    client.post(f"{base}/sections/", {"new-number": "2", "new-title": "Capacity"})
    first, second = plan.sections.order_by("order")
    client.post(f"{base}/sections/{second.pk}/", {"move": "up"})
    assert list(plan.sections.order_by("order").values_list("title", flat=True)) == ["Capacity", "Awareness"]
    client.post(f"{base}/sections/{first.pk}/", {f"s{first.pk}-number": "1", f"s{first.pk}-title": "Outreach"})
    first.refresh_from_db()
    assert first.title == "Outreach"
    response = client.post(
        f"{base}/settings/",
        {
            "title": "Renamed programme",
            "kind": "work_programme",
            "period_start": "2021-07-01",
            "period_end": "2021-12-31",
            "theme": "A theme",
        },
    )
    assert response.status_code == 302
    client.post(f"{base}/status/", {"status": "adopted"})
    client.post(f"{base}/status/", {"status": "closed"})
    plan.refresh_from_db()
    assert (plan.title, plan.theme, plan.status) == ("Renamed programme", "A theme", PlanStatus.CLOSED)
    response = client.post(f"{base}/status/", {"status": "draft"}, follow=True)
    assert "cannot become" in response.content.decode()


def test_htmx_move_returns_the_sections_list(client, network, plan, secretariat):
    f.make_section(plan, "A")
    b = f.make_section(plan, "B")
    client.force_login(secretariat)
    response = client.post(
        f"/n/{network.slug}/plans/{plan.pk}/sections/{b.pk}/", {"move": "up"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200 and html.strip().startswith('<ol class="sections-manage"')
    assert html.index('value="B"') < html.index('value="A"')


def test_viewers_cannot_open_the_management_pages(client, network, plan, viewer):
    client.force_login(viewer)
    assert client.get(f"/n/{network.slug}/plans/new/").status_code == 403
    assert client.get(f"/n/{network.slug}/plans/{plan.pk}/settings/").status_code == 403
    before = state()
    assert client.post(f"/n/{network.slug}/plans/{plan.pk}/status/", {"status": "adopted"}).status_code == 403
    assert state() == before


def test_settings_page_queries_do_not_grow_with_sections(client, network, plan, secretariat):
    client.force_login(secretariat)
    url = f"/n/{network.slug}/plans/{plan.pk}/settings/"

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    for i in range(2):
        f.make_item(f.make_section(plan, f"S{i}"))
    small = count()
    for i in range(10):
        f.make_item(f.make_section(plan, f"T{i}"))
    assert count() == small <= 14


def test_saving_a_plan_keeps_a_chair_that_is_not_a_member(client, network, secretariat, orgs):
    plan = f.make_plan(network, chair=orgs["CNRS"])
    client.force_login(secretariat)
    page = client.get(f"/n/{network.slug}/plans/{plan.pk}/settings/").content.decode()
    assert f'<option value="{orgs["CNRS"].pk}" selected>CNRS</option>' in page
    client.post(
        f"/n/{network.slug}/plans/{plan.pk}/settings/",
        {
            "title": "Renamed",
            "kind": "work_programme",
            "period_start": "2021-07-01",
            "period_end": "2021-12-31",
            "chair": orgs["CNRS"].pk,
        },
    )
    plan.refresh_from_db()
    assert (plan.title, plan.chair) == ("Renamed", orgs["CNRS"])
