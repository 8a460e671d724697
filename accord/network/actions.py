"""Every write to networks, organisations, people, memberships, groups, chair terms and roles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from accord.audit import log
from accord.network import permissions
from accord.network.models import (
    ChairTerm,
    Group,
    GroupKind,
    Membership,
    MembershipRole,
    Network,
    NetworkRole,
    Organisation,
    OrganisationType,
    Person,
    Role,
)
from accord.network.permissions import require


def unique_slug(model: type, base: str, field: str = "slug", max_length: int = 60) -> str:
    root = (slugify(base) or "x")[: max_length - 4]
    slug, n = root, 2
    while model.objects.filter(**{field: slug}).exists():
        slug = f"{root}-{n}"
        n += 1
    return slug


NETWORK_FIELDS = ("name", "short_name", "description", "time_zone", "is_public", "slug")
ORGANISATION_FIELDS = ("short_name", "full_name", "aliases", "country", "type", "website", "slug")
GROUP_FIELDS = ("name", "kind", "aliases", "description")
CHAIR_TERM_FIELDS = ("organisation", "label", "start", "end")


def _check_fields(values: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")


def clean_aliases(aliases: Any) -> list[str]:
    """Aliases as a list of distinct, non-empty names (whitespace tidied), in the order given."""
    if not isinstance(aliases, list | tuple):
        raise ValidationError({"aliases": "Aliases must be a list of names."})
    out: list[str] = []
    for alias in aliases:
        name = " ".join(str(alias).split())
        if name and name.casefold() not in {a.casefold() for a in out}:
            out.append(name[:200])
    return out


@transaction.atomic
def do_create_network(
    actor: Any,
    *,
    name: str,
    slug: str = "",
    short_name: str = "",
    is_public: bool = False,
    description: str = "",
    time_zone: str = "",
) -> Network:
    require(actor, permissions.can_create_network(actor))
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "A network needs a name."})
    if slug and Network.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": f"The address “{slug}” is taken by another network."})
    network = Network(
        name=name,
        slug=slug or unique_slug(Network, short_name or name),
        short_name=short_name.strip(),
        is_public=is_public,
        description=description,
        **({"time_zone": time_zone} if time_zone else {}),
    )
    network.full_clean()
    network.save()
    log.record_create(actor, network, ["name", "slug", "short_name", "is_public"])
    if not permissions.is_system(actor):
        role = Role.objects.create(network=network, user=actor, role=NetworkRole.ADMIN)
        log.record_create(actor, role, ["user", "role"])
    return network


@transaction.atomic
def do_create_organisation(
    actor: Any,
    *,
    short_name: str,
    full_name: str = "",
    aliases: list[str] | None = None,
    country: str = "",
    type: str = OrganisationType.OTHER,
    website: str = "",
    slug: str = "",
    network: Network | None = None,
) -> Organisation:
    """Create an organisation; organisations are shared, so anyone who edits a network's content may add one."""
    if network is not None:
        require(actor, permissions.can_edit_network_content(actor, network))
    else:
        require(actor, permissions.can_edit_shared_records(actor))
    short_name = short_name.strip()
    if not short_name:
        raise ValidationError({"short_name": "An organisation needs a short name."})
    org = Organisation(
        short_name=short_name,
        full_name=full_name,
        aliases=list(aliases) if isinstance(aliases, list | tuple) else (aliases or []),
        country=country,
        type=type,
        website=website,
        slug=slug or unique_slug(Organisation, short_name, max_length=80),
    )
    org.full_clean()
    org.save()
    log.record_create(
        actor,
        org,
        ["short_name", "full_name", "aliases", "country", "type", "website"],
        network_id=network.pk if network else None,
    )
    return org


@transaction.atomic
def do_update_network(actor: Any, network: Network, **values: Any) -> dict[str, Any]:
    require(actor, permissions.can_manage_network(actor, network))
    _check_fields(values, NETWORK_FIELDS)
    if "name" in values and not str(values["name"]).strip():
        raise ValidationError({"name": "A network needs a name."})
    return log.apply_changes(actor, network, values)


@transaction.atomic
def do_delete_network(actor: Any, network: Network) -> None:
    """Delete a network with everything in it (its audit entries stay)."""
    require(actor, permissions.can_create_network(actor))
    log.record_delete(actor, network, ["name", "slug"])
    network.delete()


@transaction.atomic
def do_update_organisation(
    actor: Any, org: Organisation, *, network: Network | None = None, **values: Any
) -> dict[str, Any]:
    require(actor, permissions.can_edit_organisation(actor, org, network))
    _check_fields(values, ORGANISATION_FIELDS)
    if "aliases" in values:
        values["aliases"] = clean_aliases(values["aliases"])
    if "short_name" in values:
        values["short_name"] = values["short_name"].strip()
        if not values["short_name"]:
            raise ValidationError({"short_name": "An organisation needs a short name."})
        if Organisation.objects.filter(short_name__iexact=values["short_name"]).exclude(pk=org.pk).exists():
            raise ValidationError({"short_name": f"Another organisation is called “{values['short_name']}”."})
    org = Organisation.objects.select_for_update().get(pk=org.pk)
    changes = {name: (getattr(org, name), value) for name, value in values.items() if getattr(org, name) != value}
    if not changes:
        return {}
    for name, (_old, new) in changes.items():
        setattr(org, name, new)
    org.full_clean()
    org.save(update_fields=[*changes, "updated_at"])
    # Organisations are shared: the entry belongs to the network whose page made the change.
    log.record(actor, log.AuditAction.UPDATE, org, changes, network_id=network.pk if network else None)
    return changes


@transaction.atomic
def do_delete_organisation(actor: Any, org: Organisation) -> None:
    """Delete an organisation everywhere (organisations are shared: the system and superusers only)."""
    require(actor, permissions.can_edit_shared_records(actor))
    log.record_delete(actor, org, ["short_name", "full_name"])
    org.delete()


@transaction.atomic
def do_add_alias(actor: Any, org: Organisation, alias: str, *, network: Network | None = None) -> None:
    """Remember another name for an organisation (learned when a person confirms a match)."""
    require(
        actor,
        permissions.can_edit_shared_records(actor)
        or (network is not None and permissions.can_edit_network_content(actor, network)),
    )
    alias = alias.strip()
    if alias and alias not in org.names:
        log.apply_changes(actor, org, {"aliases": [*org.aliases, alias]})


@transaction.atomic
def do_create_person(
    actor: Any,
    *,
    name: str,
    organisation: Organisation | None = None,
    email: str = "",
    user: Any = None,
    title: str = "",
    network: Network | None = None,
) -> Person:
    require(
        actor,
        permissions.can_edit_shared_records(actor)
        or (network is not None and permissions.can_manage_network(actor, network)),
    )
    person = Person.objects.create(name=name, organisation=organisation, email=email, user=user, title=title)
    log.record_create(
        actor, person, ["name", "organisation", "email", "title"], network_id=network.pk if network else None
    )
    return person


PERSON_FIELDS = ("name", "email", "organisation", "user", "title")


@transaction.atomic
def do_update_person(actor: Any, person: Person, **values: Any) -> dict[str, Any]:
    require(actor, permissions.can_edit_shared_records(actor))
    _check_fields(values, PERSON_FIELDS)
    return log.apply_changes(actor, person, values)


@transaction.atomic
def do_delete_person(actor: Any, person: Person) -> None:
    require(actor, permissions.can_edit_shared_records(actor))
    log.record_delete(actor, person, ["name", "organisation"])
    person.delete()


@transaction.atomic
def do_add_membership(
    actor: Any,
    network: Network,
    organisation: Organisation,
    *,
    role: str = MembershipRole.MEMBER,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Membership:
    require(actor, permissions.can_manage_memberships(actor, network))
    if since and until and until < since:
        raise ValidationError({"until": "A membership cannot end before it begins."})
    if network.memberships.filter(organisation=organisation, role=role, until__isnull=True).exists() and not until:
        raise ValidationError(
            {"organisation": f"{organisation} is already a {MembershipRole(role).label} of {network}."}
        )
    membership = Membership(network=network, organisation=organisation, role=role, since=since, until=until)
    membership.full_clean()
    membership.save()
    log.record_create(actor, membership, ["organisation", "role", "since", "until"])
    return membership


@transaction.atomic
def do_update_membership(actor: Any, membership: Membership, **values: Any) -> dict[str, Any]:
    require(actor, permissions.can_manage_memberships(actor, membership.network_id))
    _check_fields(values, ("role", "since", "until"))
    since, until = values.get("since", membership.since), values.get("until", membership.until)
    if since and until and until < since:
        raise ValidationError({"until": "A membership cannot end before it begins."})
    return log.apply_changes(actor, membership, values)


@transaction.atomic
def do_remove_membership(actor: Any, membership: Membership) -> None:
    """Forget a membership recorded by mistake (an organisation that leaves gets an end date instead)."""
    require(actor, permissions.can_manage_memberships(actor, membership.network_id))
    log.record_delete(actor, membership, ["organisation", "role", "since", "until"])
    membership.delete()


def _check_chair_term(network: Network, start: dt.date, end: dt.date, exclude: int | None = None) -> None:
    if end < start:
        raise ValidationError({"end": "A chair term cannot end before it starts."})
    overlapping = ChairTerm.objects.filter(network=network, start__lte=end, end__gte=start).exclude(pk=exclude)
    if overlapping.exists():
        raise ValidationError(
            f"{network} already has a chair between {start:%-d %b %Y} and {end:%-d %b %Y}: {overlapping.first()}."
        )


@transaction.atomic
def do_add_chair_term(
    actor: Any, network: Network, organisation: Organisation, *, start: dt.date, end: dt.date, label: str = ""
) -> ChairTerm:
    require(actor, permissions.can_manage_chair_terms(actor, network))
    _check_chair_term(network, start, end)
    term = ChairTerm.objects.create(network=network, organisation=organisation, start=start, end=end, label=label)
    log.record_create(actor, term, ["organisation", "label", "start", "end"])
    return term


@transaction.atomic
def do_update_chair_term(actor: Any, term: ChairTerm, **values: Any) -> dict[str, Any]:
    require(actor, permissions.can_manage_chair_terms(actor, term.network_id))
    _check_fields(values, CHAIR_TERM_FIELDS)
    _check_chair_term(term.network, values.get("start", term.start), values.get("end", term.end), exclude=term.pk)
    return log.apply_changes(actor, term, values)


@transaction.atomic
def do_delete_chair_term(actor: Any, term: ChairTerm) -> None:
    require(actor, permissions.can_manage_chair_terms(actor, term.network_id))
    log.record_delete(actor, term, ["organisation", "label", "start", "end"])
    term.delete()


def _check_group_name(network: Network, name: str, exclude: int | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "A group needs a name."})
    if Group.objects.filter(network=network, name__iexact=name).exclude(pk=exclude).exists():
        raise ValidationError({"name": f"{network} already has a group called “{name}”."})
    return name


@transaction.atomic
def do_create_group(
    actor: Any,
    network: Network,
    *,
    name: str,
    kind: str = GroupKind.WORKING_GROUP,
    aliases: list[str] | None = None,
    organisations: list[Organisation] | None = None,
    description: str = "",
) -> Group:
    require(actor, permissions.can_manage_groups(actor, network))
    name = _check_group_name(network, name)
    group = Group.objects.create(
        network=network, name=name, kind=kind, aliases=clean_aliases(aliases or []), description=description
    )
    if organisations:
        group.member_organisations.set(organisations)
    log.record_create(actor, group, ["name", "kind", "aliases", "description"])
    return group


@transaction.atomic
def do_update_group(actor: Any, group: Group, **values: Any) -> dict[str, Any]:
    require(actor, permissions.can_manage_groups(actor, group.network_id))
    _check_fields(values, GROUP_FIELDS)
    if "name" in values:
        values["name"] = _check_group_name(group.network, values["name"], exclude=group.pk)
    if "aliases" in values:
        values["aliases"] = clean_aliases(values["aliases"])
    return log.apply_changes(actor, group, values)


@transaction.atomic
def do_set_group_members(
    actor: Any,
    group: Group,
    *,
    organisations: list[Organisation] | None = None,
    people: list[Person] | None = None,
    leaders: list[Person] | None = None,
) -> dict[str, Any]:
    """Replace a group's member organisations, member people and leaders (those given), in one audit entry."""
    require(actor, permissions.can_manage_groups(actor, group.network_id))
    changes: dict[str, tuple[Any, Any]] = {}
    for field, new in (("member_organisations", organisations), ("member_people", people), ("leaders", leaders)):
        if new is None:
            continue
        manager = getattr(group, field)
        before = sorted(str(o) for o in manager.all())
        after = sorted(str(o) for o in new)
        if before != after:
            manager.set(new)
            changes[field] = (before, after)
    if changes:
        log.record(actor, log.AuditAction.UPDATE, group, changes)
    return changes


@transaction.atomic
def do_delete_group(actor: Any, group: Group) -> None:
    """Delete a group; items it owned keep the name as written (accord.plans.receivers)."""
    require(actor, permissions.can_manage_groups(actor, group.network_id))
    log.record_delete(actor, group, ["name", "kind"])
    group.delete()


@transaction.atomic
def do_set_role(
    actor: Any, network: Network, user: Any, role: str | None, organisation: Organisation | None = None
) -> Role | None:
    """Give a user a role in a network (or remove it with role=None)."""
    require(actor, permissions.can_manage_people(actor, network))
    if role is not None and role not in NetworkRole.values:
        raise ValidationError({"role": f"“{role}” is not a role."})
    if role is None and user == actor and not permissions.is_system(actor):
        raise ValidationError("You cannot remove your own role; ask another admin.")
    existing = Role.objects.filter(network=network, user=user).first()
    if role is None:
        if existing:
            log.record_delete(actor, existing, ["user", "role", "organisation"])
            existing.delete()
        return None
    if existing:
        log.apply_changes(actor, existing, {"role": role, "organisation": organisation})
        return existing
    created = Role.objects.create(network=network, user=user, role=role, organisation=organisation)
    log.record_create(actor, created, ["user", "role", "organisation"])
    return created


@dataclass
class Invitation:
    person: Person
    user: Any
    set_password_path: str


@transaction.atomic
def do_invite_person(
    actor: Any,
    network: Network,
    *,
    name: str,
    username: str,
    role: str,
    email: str = "",
    organisation: Organisation | None = None,
    title: str = "",
) -> Invitation:
    """A new person with an account and a role in the network. The account has no password yet: the invitation
    carries a one-time link (Django's password-reset token) for the person to choose one."""
    require(actor, permissions.can_manage_people(actor, network))
    from django.contrib.auth import get_user_model
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    User = get_user_model()
    name, username = " ".join(name.split()), username.strip()
    if not name:
        raise ValidationError({"name": "A person needs a name."})
    if not username:
        raise ValidationError({"username": "An account needs a username."})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": f"The username “{username}” is taken."})
    if role not in NetworkRole.values:
        raise ValidationError({"role": f"“{role}” is not a role."})
    if role == NetworkRole.MEMBER_EDITOR and organisation is None:
        raise ValidationError({"organisation": "A member editor acts for an organisation: choose one."})
    first, _, last = name.partition(" ")
    user = User(username=username, email=email, first_name=first[:150], last_name=last[:150])
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    person = Person.objects.create(name=name, email=email, organisation=organisation, user=user, title=title)
    log.record_create(
        actor, person, ["name", "organisation", "email", "title"], network_id=network.pk, note=f"invited as {username}"
    )
    do_set_role(actor, network, user, role, organisation)
    path = reverse(
        "password_reset_confirm",
        args=[urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)],
    )
    return Invitation(person=person, user=user, set_password_path=path)
