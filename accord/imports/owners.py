"""The owners a draft names: resolved to organisations, groups and people (made when new), and the chair."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from accord.imports.drafts import owner_names
from accord.imports.report import ImportReport
from accord.imports.resolve import Action, OwnerResolver, Resolution
from accord.network import actions as net_actions
from accord.network.models import Group, GroupKind, Network, Organisation
from accord.text.draft import Draft
from accord.text.who import parse_who


def _dedupe(values: list[Any]) -> list[Any]:
    out: list[Any] = []
    for v in values:
        if v not in out:
            out.append(v)
    return out


class DraftOwners:
    """Turns resolutions into records, creating new organisations and groups once each, inside the transaction."""

    def __init__(
        self,
        actor: Any,
        network: Network,
        resolutions: dict[str, Resolution],
        report: ImportReport,
        *,
        learn_aliases: bool,
    ) -> None:
        self.actor, self.network, self.resolutions, self.report = actor, network, resolutions, report
        self.learn_aliases = learn_aliases
        self._made: dict[tuple[str, str], Organisation | Group] = {}
        org_ids = [r.id for r in resolutions.values() if r.action == Action.ORGANISATION and r.id]
        group_ids = [r.id for r in resolutions.values() if r.action == Action.GROUP and r.id]
        self._orgs = Organisation.objects.in_bulk(org_ids)
        self._groups = Group.objects.filter(network=network).in_bulk(group_ids)
        self._cache: dict[str, Organisation | Group | str] = {}

    def label(self, name: str) -> str:
        res = self.resolutions.get(name)
        if res is None or res.action == Action.TEXT:
            return name
        if res.action == Action.ORGANISATION and res.id in self._orgs:
            return self._orgs[res.id].short_name
        if res.action == Action.GROUP and res.id in self._groups:
            return self._groups[res.id].name
        return res.label or name

    def labels(self, names: list[str]) -> list[str]:
        return _dedupe([self.label(n) for n in names])

    def target(self, name: str) -> Organisation | Group | str:
        if name not in self._cache:
            self._cache[name] = self._target(name)
        return self._cache[name]

    def targets(self, names: list[str]) -> list[Organisation | Group | str]:
        return _dedupe([self.target(n) for n in names])

    def _target(self, name: str) -> Organisation | Group | str:
        res = self.resolutions.get(name) or Resolution(name=name, action=str(Action.TEXT), label=name)
        label = (res.label or name).strip()
        if res.action == Action.ORGANISATION and res.id in self._orgs:
            org = self._orgs[res.id]
            self._matched(name, org.short_name, res)
            if self.learn_aliases and name not in org.names:
                net_actions.do_add_alias(self.actor, org, name, network=self.network)
            return org
        if res.action == Action.GROUP and res.id in self._groups:
            group = self._groups[res.id]
            self._matched(name, group.name, res)
            return group
        if res.action == Action.NEW_GROUP:
            key = ("group", label.casefold())
            if key not in self._made:
                existing = Group.objects.filter(network=self.network, name__iexact=label).first()
                if existing is not None:
                    self._made[key] = existing
                    self._matched(name, existing.name, res)
                else:
                    kind = res.group_kind if res.group_kind in GroupKind.values else GroupKind.WORKING_GROUP
                    self._made[key] = net_actions.do_create_group(self.actor, self.network, name=label[:200], kind=kind)
                    self.report.owners_new.append(label)
            return self._made[key]
        if res.action in (Action.NEW_ORGANISATION, Action.ORGANISATION):
            # An organisation chosen by id that no longer exists falls back to its name.
            key = ("org", label.casefold())
            if key not in self._made:
                existing = Organisation.objects.filter(short_name__iexact=label[:80]).first()
                if existing is not None:
                    self._made[key] = existing
                    self._matched(name, existing.short_name, res)
                else:
                    self._made[key] = net_actions.do_create_organisation(
                        self.actor, short_name=label[:80], network=self.network
                    )
                    self.report.owners_new.append(label)
            return self._made[key]
        return name[:200]

    def _matched(self, name: str, label: str, res: Resolution) -> None:
        if label not in self.report.owners_matched:
            self.report.owners_matched.append(label)
        if res.is_similar:
            note = f"{name} → {label}"
            if note not in self.report.similar:
                self.report.similar.append(note)


def resolve_names(
    draft: Draft, resolver: OwnerResolver, resolutions: Mapping[str, Any] | None = None
) -> dict[str, Resolution]:
    """A resolution for every owner name of the draft: the person's choice where given, else the resolver's."""
    out: dict[str, Resolution] = {}
    for name in owner_names(draft):
        given = (resolutions or {}).get(name)
        if isinstance(given, Resolution):
            res = given
        elif isinstance(given, Mapping):
            res = Resolution.from_json({"name": name, **given})
        else:
            res = resolver.resolve(name)
        resolver.learn(res)
        out[name] = res
    return out


def canonicalise(draft: Draft, resolutions: dict[str, Resolution]) -> Draft:
    """Rewrite each item's owners as the names they resolve to ("DLR" -> "DLR-PT"), for previews and JSON."""
    for item in draft.items():
        names = []
        for n in item.owners:
            res = resolutions.get(n)
            names.append(n if res is None or res.action == Action.TEXT else (res.label or n))
        item.owners = _dedupe(names)
    return draft


def resolve_chair(chair: str, owners: DraftOwners) -> Organisation | None:
    candidates = [chair, *parse_who(chair).owners]
    resolver = OwnerResolver(owners.network)
    for made in owners._made.values():
        if isinstance(made, Organisation):
            resolver.learn(
                Resolution(name=made.short_name, action=str(Action.ORGANISATION), id=made.pk, label=made.short_name)
            )
    for name in candidates:
        res = resolver.resolve(name)
        if res.action == Action.ORGANISATION and res.id:
            return Organisation.objects.filter(pk=res.id).first()
    return None
