"""url_maker: reverse() once per page, the same address for every key."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.urls import reverse

from accord.web.links import url_maker


def test_url_maker_gives_what_reverse_gives():
    item_url = url_maker("plans:item", "northern-lights")
    for pk in (1, 42, 1234567):
        assert item_url(pk) == reverse("plans:item", args=["northern-lights", pk])
    assert url_maker("network:organisation", "nl")("aso") == reverse("network:organisation", args=["nl", "aso"])


@pytest.fixture
def made(monkeypatch) -> list[str]:
    """The URL names kept_links reverses from now on (none kept yet)."""
    from accord.web import links

    names: list[str] = []
    original = links.reverse

    def counting(name, *args, **kwargs):
        names.append(name)
        return original(name, *args, **kwargs)

    monkeypatch.setattr(links, "reverse", counting)
    monkeypatch.setattr(links, "_kept", {})
    return names


def test_the_top_bars_links_are_reversed_once_and_kept(made):
    from accord.web import links

    first = links.kept_links(links.NETWORK_LINKS, "northern-lights")
    assert first == {short: reverse(name, args=["northern-lights"]) for short, name in links.NETWORK_LINKS.items()}
    assert links.kept_links(links.NETWORK_LINKS, "northern-lights") is first
    assert len(made) == len(links.NETWORK_LINKS)  # the second call reversed nothing
    other = links.kept_links(links.NETWORK_LINKS, "baltic")
    assert other["plans"] == reverse("plans:plans", args=["baltic"])
    assert links.kept_links(links.SITE_LINKS)["search"] == reverse("search:search")


def test_kept_links_follow_the_script_prefix_and_the_url_configuration(monkeypatch):
    from django.urls import clear_url_caches, get_script_prefix, set_script_prefix

    from accord.web import links

    monkeypatch.setattr(links, "_kept", {})
    at_root = links.kept_links(links.SITE_LINKS)["search"]
    prefix = get_script_prefix()
    set_script_prefix("/accord/")
    try:
        assert links.kept_links(links.SITE_LINKS)["search"] == "/accord" + at_root
    finally:
        set_script_prefix(prefix)
    assert links.kept_links(links.SITE_LINKS)["search"] == at_root
    kept = links.kept_links(links.SITE_LINKS)
    clear_url_caches()  # what a change of the URL configuration does: a new resolver, the links made again
    assert links.kept_links(links.SITE_LINKS) is not kept
    assert links.kept_links(links.SITE_LINKS) == kept


def test_the_top_bar_links_to_the_network_pages(client, network, secretariat):
    client.force_login(secretariat)
    html = client.get(reverse("plans:plans", args=[network.slug])).content.decode()
    for name in ("workspace:network", "plans:plans", "workspace:calendar", "workspace:workload", "events:list"):
        assert f'<a href="{reverse(name, args=[network.slug])}"' in html
    assert f'<a href="{reverse("network:settings", args=[network.slug])}"' in html  # Manage, for the secretariat
    assert f'action="{reverse("search:search")}"' in html and f'action="{reverse("logout")}"' in html


def test_a_plans_links_are_kept_per_plan_with_the_arguments_each_name_adds(made):
    from accord.plans.templatetags.plan_links import EXPORT_FORMATS, PLAN_LINKS, plan_links

    network, plan, other = SimpleNamespace(slug="nl"), SimpleNamespace(pk=7), SimpleNamespace(pk=8)
    kept = plan_links(network, plan)
    assert kept["table"] == reverse("plans:plan_table", args=["nl", 7])
    assert kept["revise"] == reverse("reports:revise", args=["nl", 7])
    for fmt in EXPORT_FORMATS:
        assert kept[fmt] == reverse("reports:export", args=["nl", 7, fmt])
    assert len(made) == len(PLAN_LINKS)
    assert plan_links(network, plan) is kept and len(made) == len(PLAN_LINKS)  # kept: no reverse() again
    assert plan_links(network, other)["document"] == reverse("plans:plan", args=["nl", 8])  # another plan's own


def test_every_tab_of_a_plan_links_to_the_other_tabs_and_the_exports(client, secretariat, plan):
    from accord.plans.templatetags.plan_links import EXPORT_FORMATS

    client.force_login(secretariat)
    net = plan.network.slug
    for name in ("plans:plan", "plans:plan_table", "plans:plan_timeline", "plans:plan_changes"):
        html = client.get(reverse(name, args=[net, plan.pk])).content.decode()
        for tab in ("plans:plan", "plans:plan_table", "plans:plan_timeline", "plans:plan_changes"):
            assert f'href="{reverse(tab, args=[net, plan.pk])}"' in html, (name, tab)
        for fmt in EXPORT_FORMATS:
            assert f'href="{reverse("reports:export", args=[net, plan.pk, fmt])}"' in html, (name, fmt)
        assert f'href="{reverse("reports:revise", args=[net, plan.pk])}"' in html  # the secretariat may edit
        assert f'href="{reverse("plans:plan_settings", args=[net, plan.pk])}"' in html  # and manage the plan
    document = client.get(reverse("plans:plan", args=[net, plan.pk])).content.decode()
    for name in ("reports:handover", "reports:progress", "plans:plan_next"):
        assert f'href="{reverse(name, args=[net, plan.pk])}"' in document, name
