"""Owner names -> records: the network's organisations and groups, by name, alias and similarity.

A name resolves to one of: an existing organisation, an existing group, a new organisation, a new group, or
text kept as written. Similar names ("DLR" for "DLR-PT") are matched by accord.text.matching.NameMatcher
against the organisations the network knows (members, owners of its items, its chairs) and the names seen
earlier in the same run; exact names and aliases also match organisations of other networks (organisations are
shared). A similarity match is always reported, never applied silently, and the matcher refuses to pick
between two close candidates, so two different organisations are never merged without a person seeing it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from django.db.models import Q

from accord.network.models import Group, GroupKind, Network, Organisation


class Action(StrEnum):
    ORGANISATION = "organisation"
    GROUP = "group"
    NEW_ORGANISATION = "new_organisation"
    NEW_GROUP = "new_group"
    TEXT = "text"


@dataclass(slots=True)
class Resolution:
    """What one owner name becomes. `label` is the record's name (existing or to be created)."""

    name: str
    action: str
    id: int | None = None
    label: str = ""
    reason: str = ""
    score: float = 100.0
    group_kind: str = ""

    @property
    def is_new(self) -> bool:
        return self.action in (Action.NEW_ORGANISATION, Action.NEW_GROUP)

    @property
    def is_similar(self) -> bool:
        """Matched by similarity rather than by its exact name or an alias: a person should confirm it."""
        return self.reason.startswith("similar")

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Resolution:
        return cls(
            name=str(data.get("name", "")),
            action=str(data.get("action", Action.TEXT)),
            id=data.get("id"),
            label=str(data.get("label") or data.get("name") or ""),
            reason=str(data.get("reason", "")),
            score=float(data.get("score", 100.0)),
            group_kind=str(data.get("group_kind", "")),
        )


# Names that are bodies of the network rather than institutions: proposed as new groups.
_GROUP_WORDS = [
    (re.compile(r"\btrio\b", re.I), GroupKind.TRIO),
    (re.compile(r"\b(?:board|bureau|committee|council|steering)\b", re.I), GroupKind.BOARD),
    (re.compile(r"\b(?:general\s+)?assembly\b|\bplenary\b", re.I), GroupKind.ASSEMBLY),
    (re.compile(r"^sections?$|\bsections\b", re.I), GroupKind.SECTION),
    (re.compile(r"\b(?:working\s+group|wg|task\s*force|group|secretariat|team)\b", re.I), GroupKind.WORKING_GROUP),
]


_PAREN = re.compile(r"^(.+?)\s*\(([^()]+)\)$")


def group_kind_for(name: str) -> str | None:
    for pattern, kind in _GROUP_WORDS:
        if pattern.search(name):
            return str(kind)
    return None


def _key(name: str) -> str:
    """Letters and digits only, case folded: "DLR PT", "dlr-pt" and "Alpha Inst." name what they spell."""
    return re.sub(r"[\W_]+", "", name.casefold()) or " ".join(name.casefold().split())


def _name_matcher(known: dict[str, list[str]]) -> Any:
    try:
        from accord.text.matching import NameMatcher
    except ImportError:  # the text core's matcher not installed yet: exact names and aliases only
        return None
    return NameMatcher(known)


class OwnerResolver:
    """Resolves owner names for one network; shared by all files of one run so they learn from each other."""

    def __init__(self, network: Network | None) -> None:
        self.network = network
        # canonical name -> (action, id, group kind); id None for names proposed as new in this run
        self.targets: dict[str, tuple[str, int | None, str]] = {}
        self.known: dict[str, list[str]] = {}
        self._exact: dict[str, str] = {}
        self._global: dict[str, tuple[int, str]] | None = None
        self._matcher: Any = None
        self._matcher_stale = True
        if network is not None:
            self._load(network)

    # --- what the network knows -------------------------------------------------------------------------------
    def _load(self, network: Network) -> None:
        orgs = (
            Organisation.objects.filter(
                Q(memberships__network=network)
                | Q(owned_items__item__plan__network=network)
                | Q(chair_terms__network=network)
                | Q(chaired_plans__network=network)
            )
            .distinct()
            .only("id", "short_name", "full_name", "aliases")
        )
        for org in orgs:
            self._add(org.short_name, [n for n in org.names[1:] if n], (str(Action.ORGANISATION), org.pk, ""))
        for group in Group.objects.filter(network=network).only("id", "name", "aliases", "kind"):
            if _key(group.name) in self._exact:
                continue  # an organisation of that name wins; the group keeps its aliases only
            self._add(group.name, list(group.aliases or []), (str(Action.GROUP), group.pk, group.kind))

    def _add(self, canonical: str, aliases: list[str], target: tuple[str, int | None, str]) -> None:
        self.targets[canonical] = target
        self.known.setdefault(canonical, [])
        for alias in aliases:
            if alias and alias not in self.known[canonical]:
                self.known[canonical].append(alias)
        for name in (canonical, *aliases):
            self._exact.setdefault(_key(name), canonical)
        self._matcher_stale = True

    def _global_exact(self, name: str) -> tuple[int, str] | None:
        """Any organisation, of any network, whose name or alias is exactly this (one query, then cached)."""
        if self._global is None:
            self._global = {}
            for pk, short, full, aliases in Organisation.objects.values_list(
                "id", "short_name", "full_name", "aliases"
            ):
                for n in (short, full, *(aliases or [])):
                    if n:
                        self._global.setdefault(_key(n), (pk, short))
        return self._global.get(_key(name))

    def matcher(self) -> Any:
        if self._matcher_stale:
            self._matcher = _name_matcher(self.known) if self.known else None
            self._matcher_stale = False
        return self._matcher

    # --- resolving --------------------------------------------------------------------------------------------
    def resolve(self, name: str) -> Resolution:
        name = " ".join(name.split())
        canonical = self._exact.get(_key(name))
        if canonical is not None:
            return self._resolution(name, canonical, "exact" if _key(canonical) == _key(name) else "alias", 100.0)
        paren = _PAREN.match(name)
        if paren:
            # "Aurora Science Office (ASO)": either part may be the name the network knows.
            for part in (paren.group(2), paren.group(1)):
                canonical = self._exact.get(_key(part))
                if canonical is not None:
                    return self._resolution(name, canonical, "alias", 100.0)
        found = self._global_exact(name)
        if found is not None:
            pk, short = found
            self._add(short, [name] if _key(short) != _key(name) else [], (str(Action.ORGANISATION), pk, ""))
            return self._resolution(name, short, "exact" if _key(short) == _key(name) else "alias", 100.0)
        matcher = self.matcher()
        if matcher is not None:
            canonical, score, reason = matcher.match(name)
            if canonical is not None and canonical in self.targets:
                exact = _key(canonical) == _key(name)
                label = "exact" if exact else f"similar ({reason})" if reason else "similar"
                return self._resolution(name, canonical, label, float(score))
        kind = group_kind_for(name)
        if kind:
            return Resolution(name=name, action=str(Action.NEW_GROUP), label=name, reason="new", group_kind=kind)
        return Resolution(name=name, action=str(Action.NEW_ORGANISATION), label=name, reason="new")

    def _resolution(self, name: str, canonical: str, reason: str, score: float) -> Resolution:
        action, pk, kind = self.targets[canonical]
        return Resolution(name=name, action=action, id=pk, label=canonical, reason=reason, score=score, group_kind=kind)

    def learn(self, resolution: Resolution) -> None:
        """Remember a resolved name so later names and files of the same run match it."""
        label = resolution.label or resolution.name
        if resolution.action == Action.TEXT:
            return
        if label not in self.targets:
            self._add(label, [], (resolution.action, resolution.id, resolution.group_kind))
        if _key(resolution.name) != _key(label) and _key(resolution.name) not in self._exact:
            self.known[label].append(resolution.name)
            self._exact[_key(resolution.name)] = label
            self._matcher_stale = True
