import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from accord.audit.actors import SYSTEM
from accord.network import actions
from accord.network.models import ChairTerm, Membership, trio_for
from accord.testing import factories as f

D = dt.date


@pytest.fixture
def rotation(network, orgs):
    actions.do_add_chair_term(SYSTEM, network, orgs["DLR-PT"], start=D(2021, 7, 1), end=D(2021, 12, 31))
    actions.do_add_chair_term(
        SYSTEM, network, orgs["CNRS"], start=D(2022, 1, 1), end=D(2022, 6, 30), label="CNRS/Sorbonne Université"
    )
    actions.do_add_chair_term(SYSTEM, network, orgs["VUB"], start=D(2022, 7, 1), end=D(2022, 12, 31))
    return network


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2022, 3, 1), ("DLR-PT", "CNRS", "VUB")),
        (D(2021, 7, 1), (None, "DLR-PT", "CNRS")),
        (D(2021, 12, 31), (None, "DLR-PT", "CNRS")),
        (D(2022, 1, 1), ("DLR-PT", "CNRS", "VUB")),
        (D(2022, 9, 1), ("CNRS", "VUB", None)),
        (D(2023, 2, 1), ("VUB", None, None)),
        (D(2020, 1, 1), (None, None, "DLR-PT")),
    ],
)
def test_trio_for_any_date(rotation, day, expected):
    trio = trio_for(rotation, day)
    names = tuple(t.organisation.short_name if t else None for t in (trio.previous, trio.current, trio.next))
    assert names == expected


def test_trio_of_one_network_ignores_another(rotation, other_network, orgs):
    actions.do_add_chair_term(SYSTEM, other_network, orgs["ZSI"], start=D(2022, 1, 1), end=D(2022, 12, 31))
    assert trio_for(rotation, D(2022, 3, 1)).current.organisation.short_name == "CNRS"


def test_chair_terms_cannot_overlap(rotation, orgs):
    with pytest.raises(Exception, match="already has a chair"):
        actions.do_add_chair_term(SYSTEM, rotation, orgs["ZSI"], start=D(2021, 12, 1), end=D(2022, 2, 1))


def test_chair_term_end_before_start_is_refused(network, orgs):
    with pytest.raises(Exception, match="cannot end before"):
        actions.do_add_chair_term(SYSTEM, network, orgs["ZSI"], start=D(2022, 2, 1), end=D(2022, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        ChairTerm.objects.create(network=network, organisation=orgs["ZSI"], start=D(2022, 2, 1), end=D(2022, 1, 1))


def test_organisation_short_names_are_unique(db):
    f.make_organisation("ZSI")
    with pytest.raises(Exception):  # noqa: B017 - full_clean's ValidationError or the database's IntegrityError
        f.make_organisation("ZSI")


def test_organisation_aliases_must_be_names(db):
    with pytest.raises(Exception, match="Aliases"):
        f.make_organisation("DLR-PT", aliases="DLR")


def test_organisation_names_include_aliases(db):
    org = f.make_organisation("DLR-PT", full_name="DLR Projektträger", aliases=["DLR", "DLR-PT Brussels Office"])
    assert org.names == ["DLR-PT", "DLR Projektträger", "DLR", "DLR-PT Brussels Office"]


def test_membership_until_must_follow_since(network, orgs):
    with pytest.raises(Exception):  # noqa: B017
        actions.do_add_membership(SYSTEM, network, orgs["ZSI"], since=D(2022, 1, 1), until=D(2021, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(network=network, organisation=orgs["ZSI"], since=D(2022, 1, 1), until=D(2021, 1, 1))


def test_role_is_one_per_network_and_grants_nothing_elsewhere(network, other_network):
    from accord.network.permissions import can_see_private

    user = f.make_user()
    f.grant(user, network, "viewer")
    f.grant(user, network, "secretariat")  # replaces, not adds
    assert user.network_roles.count() == 1
    assert can_see_private(user, network)
    assert not can_see_private(user, other_network)
