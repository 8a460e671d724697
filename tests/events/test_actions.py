"""Events are changed only through their actions: permission checked, audited, kept within one network."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from accord.audit.actors import SYSTEM
from accord.audit.models import AuditEntry
from accord.events import actions
from accord.events.models import Event, ItemEvent
from accord.plans.models import Item
from accord.testing import factories as f
from tests.chokepoints import EDITORS, actors, check_action


@pytest.fixture
def assembly(network):
    return actions.do_create_event(SYSTEM, network, title="General Assembly", when_text="5 December 2026")


def test_secretariat_updates_links_and_deletes_an_event_with_an_audit_entry_each(
    network, section, assembly, secretariat
):
    item = f.make_item(section, what="Prepare the General Assembly")
    actions.do_update_event(secretariat, assembly, place="Online")
    link = actions.do_link_item_event(secretariat, item, assembly)
    assert actions.do_link_item_event(secretariat, item, assembly) == link  # linking twice changes nothing
    pk = assembly.pk
    actions.do_delete_event(secretariat, assembly)

    entries = AuditEntry.objects.filter(actor=secretariat).order_by("id")
    assert [(e.content_type.model, e.action) for e in entries] == [
        ("event", "update"),
        ("itemevent", "create"),
        ("event", "delete"),
    ]
    assert entries[0].changes == {"place": ["", "Online"]}
    assert not Event.objects.filter(pk=pk).exists() and not ItemEvent.objects.exists()


def test_a_viewer_or_member_editor_cannot_change_events(assembly, viewer, zsi_editor):
    for user in (viewer, zsi_editor):
        with pytest.raises(PermissionDenied):
            actions.do_update_event(user, assembly, place="Elsewhere")
        with pytest.raises(PermissionDenied):
            actions.do_delete_event(user, assembly)
    assembly.refresh_from_db()
    assert assembly.place == "" and AuditEntry.objects.filter(action="update").count() == 0


def test_an_item_links_only_to_events_of_its_own_network(other_network, section, secretariat):
    elsewhere = actions.do_create_event(SYSTEM, other_network, title="Someone else's meeting")
    item = f.make_item(section)
    with pytest.raises(PermissionDenied):
        actions.do_link_item_event(SYSTEM, item, elsewhere)
    assert not ItemEvent.objects.exists()


ACTIONS = {
    "create event": lambda u, w: actions.do_create_event(u, w["network"], title="Board meeting"),
    "update event": lambda u, w: actions.do_update_event(u, Event.objects.get(pk=w["event"].pk), place="Vienna"),
    "delete event": lambda u, w: actions.do_delete_event(u, Event.objects.get(pk=w["event"].pk)),
    "link an item": lambda u, w: actions.do_link_item_event(
        u, Item.objects.select_related("plan").get(pk=w["item"].pk), Event.objects.get(pk=w["event"].pk)
    ),
    "change a link": lambda u, w: actions.do_link_item_event(
        u, Item.objects.select_related("plan").get(pk=w["linked"].pk), Event.objects.get(pk=w["event"].pk), "follows"
    ),
    "unlink an item": lambda u, w: actions.do_unlink_item_event(u, ItemEvent.objects.get(pk=w["link"].pk)),
}


@pytest.mark.parametrize("name", ACTIONS)
def test_each_events_action_as_every_role(network, section, assembly, every_role, name):
    linked = f.make_item(section, what="Prepare the assembly")
    world = {
        "network": network,
        "event": assembly,
        "item": f.make_item(section),
        "linked": linked,
        "link": actions.do_link_item_event(SYSTEM, linked, assembly),
    }
    wrong = check_action(actors(every_role), EDITORS, lambda user: ACTIONS[name](user, world))
    assert not wrong, "\n".join(wrong)
