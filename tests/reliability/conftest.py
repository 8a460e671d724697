"""The reliability suite: canary crawl, XSS corpus, CSRF, fuzzed imports, conflicts, backup and restore.

Routes come from the URL configuration (accord.testing.routes), so a new page is crawled as soon as it exists;
a route whose parameter has no value in VALUES fails the crawl with its name.
"""

from __future__ import annotations

import datetime as dt

import pytest

from accord.audit.actors import SYSTEM
from accord.events import actions as event_actions
from accord.events.models import ItemEvent
from accord.imports import jobs as import_actions
from accord.network import actions as net_actions
from accord.network.models import ChairTerm, Membership, MembershipRole, NetworkRole, Role
from accord.plans import actions as plan_actions
from accord.testing import factories as f

CANARY = "zq7canary"


def canary(tag: str) -> str:
    return f"{CANARY}-{tag}"


@pytest.fixture
def vault(db, settings):
    """A private network whose every record carries a canary, a public network beside it, and who is where."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    vault = f.make_network(
        f"Vault {canary('network-name')}",
        slug="vault",
        short_name=canary("short"),
        description=canary("network-description"),
    )
    public = f.make_network("Open Alliance", slug="open", is_public=True)
    hidden_org = f.make_organisation("HIDDEN", full_name=canary("org-full-name"), aliases=[canary("org-alias")])
    shared = f.make_organisation("SHARED", full_name="Shared Institute")
    public_org = f.make_organisation("PUBORG", full_name="Public Organisation")
    net_actions.do_add_membership(SYSTEM, vault, hidden_org, role=MembershipRole.MEMBER, since=dt.date(2025, 1, 1))
    net_actions.do_add_membership(SYSTEM, vault, shared, role=MembershipRole.MEMBER, since=dt.date(2025, 1, 1))
    net_actions.do_add_membership(SYSTEM, public, shared, role=MembershipRole.MEMBER, since=dt.date(2025, 1, 1))
    net_actions.do_add_membership(SYSTEM, public, public_org, role=MembershipRole.MEMBER, since=dt.date(2025, 1, 1))
    person = net_actions.do_create_person(
        SYSTEM, name=canary("person"), organisation=hidden_org, title=canary("person-title"), network=vault
    )
    # People belong to their organisation, not to a network: a person of an organisation that is a member of both
    # networks is one of each network's people (docs/permissions.md), so their name is no canary.
    net_actions.do_create_person(SYSTEM, name="Shared Person", organisation=shared, network=vault)
    group = net_actions.do_create_group(SYSTEM, vault, name=canary("group"), aliases=[canary("group-alias")])
    net_actions.do_add_chair_term(SYSTEM, vault, hidden_org, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    plan = f.make_plan(
        vault,
        title=f"Glacierwatch {canary('plan-title')}",
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 12, 31),
        theme=canary("theme"),
    )
    section = f.make_section(plan, f"Glacierwatch {canary('section')}", narrative=canary("narrative"))
    item = f.make_item(
        section,
        what=f"Glacierwatch {canary('item-what')}",
        details=canary("details"),
        owners=[hidden_org, shared, group, canary("owner-text")],
        progress_note=canary("progress"),
        when_text="March 2026",
        start=dt.date(2026, 3, 1),
        end=dt.date(2026, 3, 31),
    )
    open_call = f.make_item(
        section, what=f"Glacierwatch {canary('open-call')}", open_call=True, who_text="Any volunteers?"
    )
    secretariat = f.make_user("vault-secretariat")
    f.grant(secretariat, vault, NetworkRole.SECRETARIAT)
    plan_actions.do_add_comment(secretariat, item, f"Glacierwatch {canary('comment')}")
    event = event_actions.do_create_event(
        SYSTEM,
        vault,
        title=f"Glacierwatch {canary('event')}",
        description=canary("event-description"),
        place=canary("place"),
        start=dt.date(2026, 3, 10),
        end=dt.date(2026, 3, 10),
        precision="day",
    )
    job = import_actions.do_create_import_job(
        SYSTEM,
        vault,
        file_name=f"{canary('file-name')}.txt",
        data=f"Glacierwatch {canary('upload')}".encode(),
        checksum="c",
    )
    public_plan = f.make_plan(
        public, title="Open programme", is_public=True, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31)
    )
    public_section = f.make_section(public_plan, "Open priority")
    public_item = f.make_item(public_section, what="Open item", owners=[shared, public_org])
    outsider = f.make_user("outsider")
    f.grant(outsider, public, NetworkRole.ADMIN)
    # Feed tokens: the vault's own (its id for the revoke route) and the outsider's, for the public network.
    vault_token, _secret = event_actions.do_create_feed_token(secretariat, vault, label=canary("token-label"))
    _token, outsider_secret = event_actions.do_create_feed_token(outsider, public)
    return {
        "vault_token": vault_token,
        "outsider_secret": outsider_secret,
        "vault": vault,
        "public": public,
        "hidden_org": hidden_org,
        "shared": shared,
        "person": person,
        "group": group,
        "plan": plan,
        "section": section,
        "item": item,
        "open_call": open_call,
        "event": event,
        "job": job,
        "public_plan": public_plan,
        "public_item": public_item,
        "secretariat": secretariat,
        "outsider": outsider,
    }


def values(world) -> dict[str, list]:
    """Candidate values per URL parameter name: the vault's objects, through both networks' URLs."""
    org_slugs = [world["hidden_org"].slug, world["shared"].slug]
    return {
        "network": ["vault", "open"],
        "plan_id": [world["plan"].pk],
        "item_id": [world["item"].pk, world["open_call"].pk],
        "job_id": [world["job"].pk],
        "event_id": [world["event"].pk],
        "section_id": [world["section"].pk],
        "person_id": [world["person"].pk],
        "group_id": [world["group"].pk],
        "slug": org_slugs,
        "org": org_slugs,
        "organisation": org_slugs,
        "org_slug": org_slugs,
        "uidb64": ["MQ"],
        # A password-reset token that is not one, the outsider's own feed token, and one that is nobody's.
        "token": ["set-password", world["outsider_secret"], "not-a-feed-token"],
        "token_id": [world["vault_token"].pk],
        "fmt": export_formats(),
        # The vault's own rows behind the management and event routes (a missing one is crawled as 404 too).
        "membership_id": _pks(Membership, world["vault"]),
        "role_id": _pks(Role, world["vault"]),
        "term_id": _pks(ChairTerm, world["vault"]),
        "link_id": list(ItemEvent.objects.filter(event__network=world["vault"]).values_list("pk", flat=True)[:2])
        or [1],
    }


def _pks(model, network) -> list[int]:
    return list(model.objects.filter(network=network).values_list("pk", flat=True)[:2]) or [1]


def export_formats() -> list[str]:
    try:
        from accord.reports.exports import FORMATS
    except ImportError:
        return ["csv"]
    return list(FORMATS)
