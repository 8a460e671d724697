"""The rules for events: seeing (predicate and queryset agree for every role) and managing, role by role."""

from __future__ import annotations

import pytest

from accord.events.models import Event
from accord.events.permissions import can_manage_event, can_view_event, visible_events
from accord.testing import factories as f
from tests.conftest import ROLES
from tests.network.test_permissions import disagreements


@pytest.fixture(params=["private", "public"])
def network(db, request):
    """The network where the roles are held, once private and once public."""
    return f.make_network("Northern Lights", slug="northern-lights", is_public=request.param == "public")


@pytest.mark.parametrize("role", ROLES)
def test_events_predicate_and_queryset_agree(shared_world, role):
    user = shared_world["users"][role]
    events = list(Event.objects.select_related("network"))
    wrong = disagreements(lambda e: can_view_event(user, e), visible_events(user), events)
    for net in shared_world["networks"].values():
        wrong += disagreements(
            lambda e, net=net: e.network_id == net.pk and can_view_event(user, e), visible_events(user, net), events
        )
    assert not wrong, "\n".join(wrong)


def test_who_sees_and_manages_which_event(shared_world):
    users, events = shared_world["users"], shared_world["events"]
    public = shared_world["networks"]["network"].is_public
    members = {"viewer", "zsi_editor", "secretariat", "network_admin", "superuser"}

    def sees(key: str) -> set[str]:
        return {role for role, user in users.items() if can_view_event(user, events[key])}

    assert sees("public") == (set(ROLES) if public else members)
    assert sees("private") == members
    assert sees("other") == {"outsider", "superuser"}
    assert sees("open public") == set(ROLES)
    assert sees("open private") == {"superuser"}
    assert {role for role, user in users.items() if can_manage_event(user, events["private"])} == {
        "secretariat",
        "network_admin",
        "superuser",
    }
