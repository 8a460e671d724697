"""Starting the next chair's plan: carry-over links, statuses, review flags, chair defaults, the page, and a
refusal that leaves the database as it was."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accord.audit.actors import SYSTEM
from accord.audit.models import AuditEntry
from accord.network import actions as net_actions
from accord.network.models import NetworkRole
from accord.plans import actions as plan_actions
from accord.plans import queries as plan_queries
from accord.plans.models import Item, ItemStatus, Plan, Section
from accord.testing import factories as f


@pytest.fixture
def work(plan, section, orgs):
    second = f.make_section(plan, "Communication", number="2", narrative="Tell the members.")
    return {
        "report": f.make_item(
            section,
            what="Annual report",
            owners=[orgs["ZSI"]],
            when_text="October 2021",
            start=dt.date(2021, 10, 1),
            end=dt.date(2021, 10, 31),
            precision="month",
        ),
        "mapping": f.make_item(section, what="Stakeholder mapping", open_call=True, who_text="Any volunteers?"),
        "assembly": f.make_item(
            section,
            what="General Assembly",
            owners=[orgs["CNRS"]],
            status=ItemStatus.DONE,
            when_text="November 2021",
            start=dt.date(2021, 11, 1),
            end=dt.date(2021, 11, 30),
        ),
        "newsletter": f.make_item(
            second,
            what="Newsletter",
            owners=[orgs["VUB"], "Trio"],
            when_text="Ongoing",
            start=dt.date(2021, 7, 1),
            end=dt.date(2022, 3, 31),
            recurrence="ongoing",
            status=ItemStatus.IN_PROGRESS,
        ),
        "dropped": f.make_item(second, what="Podcast", status=ItemStatus.DROPPED),
    }


def start(actor, plan, items, **kw):
    values = {
        "title": "Work Programme 2022",
        "period_start": dt.date(2022, 1, 1),
        "period_end": dt.date(2022, 6, 30),
        "carry": items,
        **kw,
    }
    return plan_actions.do_start_next_plan(actor, plan, **values)


def test_carried_items_link_both_ways_and_old_ones_become_carried_over(secretariat, plan, work, orgs):
    new = start(
        secretariat, plan, [work["report"], work["newsletter"], work["mapping"]], chair=orgs["VUB"], chair_text="VUB"
    )
    assert new.previous == plan and new.status == "draft" and new.chair == orgs["VUB"]
    carried = {i.what: i for i in Item.objects.filter(plan=new).select_related("predecessor", "section")}
    assert set(carried) == {"Annual report", "Newsletter", "Stakeholder mapping"}
    for item in carried.values():
        old = item.predecessor
        assert old.plan_id == plan.pk and old.what == item.what
        old.refresh_from_db()
        assert old.status == ItemStatus.CARRIED_OVER
        assert list(old.successors.all()) == [item]
    # status, owners, open call and time as written travel with the item
    assert carried["Newsletter"].status == ItemStatus.IN_PROGRESS
    assert [o.name for o in carried["Newsletter"].owners.all()] == ["VUB", "Trio"]
    assert carried["Stakeholder mapping"].open_call and carried["Stakeholder mapping"].who_text == "Any volunteers?"
    assert carried["Annual report"].when_text == "October 2021"
    # sections are copied with their number and narrative, in the old order
    sections = list(Section.objects.filter(plan=new).order_by("order"))
    assert [(s.number, s.title) for s in sections] == [("1", "Awareness-raising"), ("2", "Communication")]
    assert sections[1].narrative == "Tell the members."
    # what was not chosen stays as it was
    for key, status in (("assembly", ItemStatus.DONE), ("dropped", ItemStatus.DROPPED)):
        work[key].refresh_from_db()
        assert work[key].status == status


def test_times_over_before_the_new_period_are_flagged_for_review(secretariat, plan, work):
    new = start(secretariat, plan, [work["report"], work["newsletter"], work["mapping"]])
    flags = dict(Item.objects.filter(plan=new).values_list("what", "when_review"))
    assert flags == {"Annual report": True, "Newsletter": False, "Stakeholder mapping": False}


def test_editing_the_when_answers_the_review(secretariat, plan, work):
    new = start(secretariat, plan, [work["report"]])
    item = Item.objects.get(plan=new)
    plan_actions.do_update_item(secretariat, item, progress_note="still on")
    item.refresh_from_db()
    assert item.when_review
    plan_actions.do_update_item(
        secretariat, item, when_text="March 2022", start=dt.date(2022, 3, 1), end=dt.date(2022, 3, 31)
    )
    item.refresh_from_db()
    assert not item.when_review


def test_only_the_secretariat_starts_a_plan_and_a_refusal_changes_nothing(make_member, plan, work, orgs):
    refused = [make_member(NetworkRole.VIEWER), make_member(NetworkRole.MEMBER_EDITOR, orgs["ZSI"]), f.make_user()]
    before = (
        Plan.objects.count(),
        Item.objects.count(),
        AuditEntry.objects.count(),
        list(Item.objects.order_by("pk").values_list("status", flat=True)),
    )
    for user in refused:
        with pytest.raises(PermissionDenied):
            start(user, plan, [work["report"]])
    after = (
        Plan.objects.count(),
        Item.objects.count(),
        AuditEntry.objects.count(),
        list(Item.objects.order_by("pk").values_list("status", flat=True)),
    )
    assert after == before


def test_a_finished_item_or_another_plans_item_is_refused_whole(secretariat, plan, work, network):
    other = f.make_section(f.make_plan(network, title="Other"), "X")
    stranger = f.make_item(other, what="Elsewhere")
    count = Plan.objects.count()
    for bad in ([work["report"], work["assembly"]], [work["report"], stranger]):
        with pytest.raises(ValidationError):
            start(secretariat, plan, bad)
    assert Plan.objects.count() == count
    work["report"].refresh_from_db()
    assert work["report"].status == ItemStatus.PLANNED


def test_the_new_period_starts_after_the_old_one(secretariat, plan, work):
    with pytest.raises(ValidationError):
        start(secretariat, plan, [], period_start=dt.date(2021, 12, 1))


def test_every_write_is_audited(secretariat, plan, work):
    count = AuditEntry.objects.count()
    new = start(secretariat, plan, [work["report"]])
    entries = AuditEntry.objects.filter(pk__gt=0).order_by("-id")[: AuditEntry.objects.count() - count]
    reprs = [e.object_repr for e in entries]
    assert str(new) in reprs and "Annual report" in reprs
    assert any(e.note.startswith("carried over to") for e in entries)
    assert all(e.actor_id == secretariat.pk for e in entries)


def test_defaults_come_from_the_next_chair_term(plan, network, orgs):
    net_actions.do_add_chair_term(
        SYSTEM, network, orgs["FECYT"], start=dt.date(2022, 1, 1), end=dt.date(2022, 6, 30), label="FECYT (Spain)"
    )
    defaults = plan_queries.next_plan_defaults(plan)
    assert (defaults.period_start, defaults.period_end) == (dt.date(2022, 1, 1), dt.date(2022, 6, 30))
    assert defaults.chair == orgs["FECYT"] and defaults.chair_text == "FECYT (Spain)"


def test_without_a_chair_term_the_period_is_as_long_as_this_one(plan):
    defaults = plan_queries.next_plan_defaults(plan)
    assert (defaults.period_start, defaults.period_end) == (dt.date(2022, 1, 1), dt.date(2022, 6, 30))
    assert defaults.chair is None


# The page ------------------------------------------------------------------------------------------------------


def page(network, plan):
    return reverse("plans:plan_next", args=[network.slug, plan.pk])


def test_the_page_lists_unfinished_items_all_ticked(client, secretariat, network, plan, work):
    client.force_login(secretariat)
    html = client.get(page(network, plan)).content.decode()
    for key in ("report", "mapping", "newsletter"):
        assert f'value="{work[key].pk}" checked' in html
    assert "General Assembly" not in html and "Podcast" not in html


def test_posting_the_form_carries_what_stays_ticked(client, secretariat, network, plan, work):
    client.force_login(secretariat)
    response = client.post(
        page(network, plan),
        {
            "title": "WP 2022",
            "period_start": "2022-01-01",
            "period_end": "2022-06-30",
            "chair": "",
            "chair_text": "",
            "carry": [work["report"].pk, work["newsletter"].pk],
        },
    )
    new = Plan.objects.get(title="WP 2022")
    assert response.status_code == 302 and response["Location"] == new.get_absolute_url()
    assert set(Item.objects.filter(plan=new).values_list("what", flat=True)) == {"Annual report", "Newsletter"}
    work["mapping"].refresh_from_db()
    assert work["mapping"].status == ItemStatus.PLANNED
    # both item pages show the link
    carried = Item.objects.get(plan=new, what="Annual report")
    new_page = client.get(reverse("plans:item", args=[network.slug, carried.pk])).content.decode()
    old_page = client.get(reverse("plans:item", args=[network.slug, work["report"].pk])).content.decode()
    assert "Carried over from" in new_page and "time to review" in new_page
    assert "Carried over to" in old_page and "carried over" in old_page
    link = reverse("plans:item", args=[network.slug, carried.pk])
    assert f'<a href="{link}">Annual report</a> <span class="muted">(WP 2022)</span>' in old_page
    # what the page reads of the items it was carried to costs no query per item
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def cold_queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("plans:item", args=[network.slug, work["report"].pk])).status_code == 200
        return len(queries)

    one = cold_queries()
    Item.objects.filter(plan=new, what="Newsletter").update(predecessor=work["report"])
    assert cold_queries() == one


def test_a_bad_form_says_what_and_writes_nothing(client, secretariat, network, plan, work):
    client.force_login(secretariat)
    count = Plan.objects.count()
    response = client.post(
        page(network, plan),
        {"title": "", "period_start": "2022-02-01", "period_end": "2022-01-01", "carry": [work["report"].pk]},
    )
    assert response.status_code == 400
    assert "cannot end before it starts" in response.content.decode()
    assert Plan.objects.count() == count


def test_the_page_refuses_members_and_hides_from_strangers(client, make_member, network, plan, work, orgs):
    client.force_login(make_member(NetworkRole.MEMBER_EDITOR, orgs["ZSI"]))
    assert client.get(page(network, plan)).status_code == 403
    assert client.post(page(network, plan), {"title": "x"}).status_code == 403
    client.force_login(f.make_user())
    assert client.get(page(network, plan)).status_code == 404


def test_the_plan_page_offers_it_to_the_secretariat_only(client, secretariat, viewer, network, plan, work):
    client.force_login(secretariat)
    assert page(network, plan) in client.get(plan.get_absolute_url()).content.decode()
    client.force_login(viewer)
    html = client.get(plan.get_absolute_url()).content.decode()
    assert page(network, plan) not in html
    assert reverse("reports:handover", args=[network.slug, plan.pk]) in html


@pytest.mark.parametrize("n", [10, 60])
def test_the_page_costs_the_same_queries_for_few_or_many_items(client, secretariat, network, plan, section, n):
    for i in range(n):
        f.make_item(section, what=f"Task {i}", owners=[f"Owner {i}"])
    client.force_login(secretariat)
    client.get(page(network, plan))
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(page(network, plan)).status_code == 200
    assert len(ctx.captured_queries) <= 12, [q["sql"][:120] for q in ctx.captured_queries]


def test_the_item_page_lets_an_owner_keep_a_carried_time(client, make_member, network, plan, work, orgs):
    new = start(SYSTEM, plan, [work["report"]])
    item = Item.objects.get(plan=new)
    editor = make_member(NetworkRole.MEMBER_EDITOR, orgs["ZSI"])
    client.force_login(editor)
    page = reverse("plans:item", args=[network.slug, item.pk])
    assert "This time still holds" in client.get(page).content.decode()
    response = client.post(
        page,
        {
            "version": item.version,
            "status": item.status,
            "when_text": item.when_text,
            "progress_note": "",
            "keep_when": "on",
        },
    )
    assert response.status_code in (200, 302)
    item.refresh_from_db()
    assert not item.when_review and item.when_text == "October 2021"
    assert "This time still holds" not in client.get(page).content.decode()
