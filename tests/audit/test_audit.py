import datetime as dt

import pytest

from accord.audit.actors import SYSTEM
from accord.audit.models import AuditEntry
from accord.events import actions as event_actions
from accord.network import actions as net_actions
from accord.plans import actions as plan_actions
from accord.testing import factories as f


def entries_for(obj):
    return list(AuditEntry.objects.for_object(obj).order_by("id"))


def test_create_update_delete_of_an_item_are_logged_with_actor_and_fields(network, section, orgs):
    editor = f.make_user("secretary")
    f.grant(editor, network, "secretariat")
    item = plan_actions.do_create_item(editor, section, what="Stakeholder mapping", when_text="Fall 2021")
    plan_actions.do_update_item(editor, item, status="in_progress", when_text="November 2021")
    plan_actions.do_set_item_owners(editor, item, [orgs["ZSI"], "Symlog"])
    item_pk = item.pk
    plan_actions.do_delete_item(editor, item)

    log = list(AuditEntry.objects.filter(object_id=str(item_pk), content_type__model="item").order_by("id"))
    assert [e.action for e in log] == ["create", "update", "update", "delete"]
    assert all(e.actor == editor and e.actor_name == "secretary" for e in log)
    assert all(e.network_id == network.pk for e in log)
    assert log[0].changes["what"] == [None, "Stakeholder mapping"]
    assert log[1].changes == {"status": ["planned", "in_progress"], "when_text": ["Fall 2021", "November 2021"]}
    assert log[2].changes == {"owners": [[], ["ZSI", "Symlog"]]}
    assert log[3].changes["what"] == ["Stakeholder mapping", None]


def test_an_update_that_changes_nothing_writes_nothing(section):
    item = f.make_item(section, what="x")
    before = AuditEntry.objects.count()
    assert plan_actions.do_update_item(SYSTEM, item, what="x") == {}
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize(
    "kind", ["network", "organisation", "plan", "section", "chair_term", "group", "event", "role", "membership"]
)
def test_every_kind_of_write_is_logged(kind, network, plan, section, orgs):
    user = f.make_user()
    d = dt.date
    makers = {
        "network": lambda: f.make_network("Logged"),
        "organisation": lambda: f.make_organisation("NEWORG"),
        "plan": lambda: plan_actions.do_update_plan(SYSTEM, plan, status="adopted") and plan,
        "section": lambda: plan_actions.do_update_section(SYSTEM, section, narrative="Why") and section,
        "chair_term": lambda: net_actions.do_add_chair_term(
            SYSTEM, network, orgs["ZSI"], start=d(2023, 1, 1), end=d(2023, 6, 30)
        ),
        "group": lambda: net_actions.do_create_group(SYSTEM, network, name="Space Diplomacy WG"),
        "event": lambda: event_actions.do_create_event(SYSTEM, network, title="General Assembly"),
        "role": lambda: net_actions.do_set_role(SYSTEM, network, user, "viewer"),
        "membership": lambda: net_actions.do_add_membership(SYSTEM, network, orgs["VUB"]),
    }
    obj = makers[kind]()
    assert entries_for(obj), f"no audit entry for {kind}"


def test_audit_entries_are_never_edited_or_deleted(section):
    item = f.make_item(section)
    entry = AuditEntry.objects.for_object(item).get()
    entry.note = "tampered"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
