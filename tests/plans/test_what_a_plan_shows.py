"""What a plan shows: open calls closed by owners, owners as written, removed items, human words."""

from __future__ import annotations

from accord.plans import actions as plan_actions
from accord.plans.models import Item
from accord.testing import factories as f


# Assigning owners answers the open call --------------------------------------------------------------------------

def test_assigning_owners_closes_the_open_call(section, orgs, secretariat):
    item = f.make_item(section, what="Find a host for the workshop", open_call=True)
    plan_actions.do_set_item_owners(secretariat, item, [orgs["ZSI"], orgs["CNRS"]])
    item.refresh_from_db()
    assert item.open_call is False
    assert not Item.objects.filter(pk=item.pk, open_call=True).exists()


def test_an_edit_form_that_left_the_box_as_loaded_closes_the_call(section, orgs, secretariat):
    item = f.make_item(section, what="Find a host for the workshop", open_call=True)
    plan_actions.do_edit_item(secretariat, item, expected_version=item.version, open_call=True,
                              owners=[orgs["ZSI"]])
    item.refresh_from_db()
    assert item.open_call is False


def test_asking_for_more_owners_explicitly_keeps_the_call(section, orgs, secretariat):
    item = f.make_item(section, what="Find a host for the workshop", owners=[orgs["ZSI"]])
    plan_actions.do_edit_item(secretariat, item, expected_version=item.version, open_call=True,
                              owners=[orgs["ZSI"], orgs["CNRS"]])
    item.refresh_from_db()
    assert item.open_call is True


# Human words -------------------------------------------------------------------------------------------------------

def test_history_and_changes_speak_in_words_not_field_names(client, network, plan, section, orgs, secretariat):
    from django.urls import reverse

    item = f.make_item(section, what="Mapping of stakeholders", who_text="ZSI")
    plan_actions.do_update_item(secretariat, item, who_text="ASO", status="in_progress", when_text="May 2021",
                                precision="month")
    plan_actions.do_set_item_owners(secretariat, item, ["ASO"])
    client.force_login(secretariat)
    for url in (reverse("plans:item", args=[network.slug, item.pk]),
                reverse("plans:plan_changes", args=[network.slug, plan.pk])):
        html = client.get(url).content.decode()
        html = html[html.index('id="history-h"'):] if 'id="history-h"' in html else html[html.index("changes-h"):]
        for raw in ("who_text", "when_text", "in_progress", "['ASO']", "owners "):
            assert raw not in html, (url, raw)
        assert "Who" in html and "In progress" in html and "Owners" in html and "Date precision" in html
        assert "Month" in html and html.count("precision") == html.count("Date precision")


def test_recent_changes_link_to_what_changed(client, network, section, secretariat):
    from django.urls import reverse

    item = f.make_item(section, what="Mapping of stakeholders")
    plan_actions.do_update_item(secretariat, item, status="in_progress")
    client.force_login(secretariat)
    html = client.get(reverse("workspace:home")).content.decode()
    changes = html[html.index('id="changes-h"'):]
    assert f'href="{reverse("plans:item", args=[network.slug, item.pk])}"' in changes


def test_my_work_says_truthfully_what_its_lists_hold(client, network, other_network, orgs, make_member):
    from django.urls import reverse

    from accord.network.models import NetworkRole

    user = make_member(NetworkRole.MEMBER_EDITOR, orgs["ZSI"])
    f.grant(user, other_network, NetworkRole.VIEWER)
    client.force_login(user)
    html = client.get(reverse("workspace:home")).content.decode()
    assert "what your organisation owns;" not in html
    assert "every item of" in html and other_network.name in html
