"""Framework-free matching of the names documents use to the organisations a network knows.

"DLR" and "DLR-PT Brussels Office" are DLR-PT; "CNRS" is not "CNR" and "VUB" is not "VU". Acronyms that
differ by one letter are different institutions, so short names never match fuzzily; longer names match
with rapidfuzz when one candidate is clearly best. When in doubt the answer is None with a reason, and a
person decides: merging two organisations silently is worse than asking.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process, utils

from accord.text.draft import Draft

__all__ = ["Match", "NameMatcher", "resolve_draft_owners"]

FUZZY_THRESHOLD = 90.0
AMBIGUITY_MARGIN = 3.0


@dataclass(frozen=True, slots=True)
class Match:
    canonical: str | None
    score: float
    reason: str

    def __iter__(self):  # type: ignore[no-untyped-def]
        # So callers can unpack: canonical, score, reason = matcher.match(name)
        return iter((self.canonical, self.score, self.reason))


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def _squash(name: str) -> str:
    """Letters and digits only: "DLR PT" = "DLR-PT" = "dlr/pt"."""
    return re.sub(r"[\W_]+", "", name.casefold())


def _is_acronym(name: str) -> bool:
    token = name.strip()
    return bool(re.fullmatch(r"[A-Z0-9][A-Z0-9&\-./]{1,11}", token)) and sum(c.isalpha() for c in token) >= 2


@dataclass
class NameMatcher:
    """Canonical names with their aliases. `learn` adds a name proposed by an earlier file of a run."""

    known: dict[str, list[str]] = field(default_factory=dict)
    threshold: float = FUZZY_THRESHOLD

    def __init__(
        self, known: Mapping[str, Iterable[str]] | Iterable[str] = (), *, threshold: float = FUZZY_THRESHOLD
    ) -> None:
        self.known = {}
        self.threshold = threshold
        if isinstance(known, Mapping):
            for canonical, aliases in known.items():
                self.learn(canonical, aliases)
        else:
            for canonical in known:
                self.learn(canonical)

    def learn(self, canonical: str, aliases: Iterable[str] = ()) -> None:
        entry = self.known.setdefault(canonical, [])
        for alias in aliases:
            if alias and alias != canonical and alias not in entry:
                entry.append(alias)

    def names(self) -> list[str]:
        return list(self.known)

    def _all(self) -> list[tuple[str, str]]:
        return [(c, n) for c, aliases in self.known.items() for n in (c, *aliases)]

    def match(self, name: str) -> Match:
        name = " ".join(name.split())
        if not name:
            return Match(None, 0.0, "empty name")
        if name in self.known:
            return Match(name, 100.0, "exact")
        for canonical, aliases in self.known.items():
            if name in aliases:
                return Match(canonical, 100.0, f"alias of {canonical}")
        folded = _fold(name)
        hits = {c for c, n in self._all() if _fold(n) == folded}
        if len(hits) == 1:
            return Match(hits.pop(), 99.0, "same name, other case")
        squashed = _squash(name)
        hits = {c for c, n in self._all() if _squash(n) == squashed and squashed}
        if len(hits) == 1:
            return Match(hits.pop(), 98.0, "same name, other punctuation")
        if len(hits) > 1:
            return Match(None, 0.0, f"ambiguous: {', '.join(sorted(hits))}")
        # Acronym prefix: "DLR" is the leading part of "DLR-PT"; "DLR-PT Brussels Office" starts with "DLR-PT".
        prefix_hits: set[str] = set()
        for canonical, n in self._all():
            short_of_known = _is_acronym(name) and re.match(re.escape(name) + r"[-/ ]\S", n)
            known_leads = _is_acronym(n) and not _is_acronym(name) and re.match(re.escape(n) + r"[- ]+\S", name)
            if short_of_known or known_leads:
                prefix_hits.add(canonical)
        if len(prefix_hits) == 1:
            canonical = prefix_hits.pop()
            return Match(canonical, 95.0, f"acronym prefix of {canonical}")
        if len(prefix_hits) > 1:
            return Match(None, 0.0, f"ambiguous acronym: {', '.join(sorted(prefix_hits))}")
        if _is_acronym(name) or len(squashed) <= 5:
            # CNRS / CNR, VUB / VU: one letter is another institution.
            return Match(None, 0.0, "no exact match for a short name or acronym; short names never match approximately")
        choices = {f"{i}": n for i, (_, n) in enumerate(self._all())}
        owners = [c for c, _ in self._all()]
        candidates = [
            (s, int(k))
            for (_, s, k) in process.extract(
                name, choices, scorer=fuzz.WRatio, processor=utils.default_process, limit=5
            )
            if not _is_acronym(choices[k])
        ]
        if not candidates:
            return Match(None, 0.0, "no similar name")
        best_score, best_index = candidates[0]
        best = owners[best_index]
        if best_score < self.threshold:
            return Match(None, float(best_score), f"closest is {best} ({best_score:.0f} < {self.threshold:.0f})")
        rivals = {owners[i] for s, i in candidates if owners[i] != best and s >= best_score - AMBIGUITY_MARGIN}
        if rivals:
            return Match(None, float(best_score), f"ambiguous: {best} or {', '.join(sorted(rivals))}")
        if _different_numbers(name, choices[str(best_index)]):
            return Match(None, float(best_score), f"close to {best} but the numbers differ")
        return Match(best, float(best_score), f"similar to {best} ({best_score:.0f})")


def _different_numbers(a: str, b: str) -> bool:
    """ "Working Group 1" and "Working Group 2" are different groups however similar the words."""
    return re.findall(r"\d+", a) != re.findall(r"\d+", b)


_SEPARATORS = re.compile(r"[/,;+&]|\s(?:and|or|und|et|y)\s")


def _rejoin_known(owners: list[str], who_raw: str | None, matcher: NameMatcher) -> list[str]:
    """Put back together a known name the owner cell split at its own separator: with "VDI/VDE-IT" known,
    "FIO / VDI/VDE-IT" is FIO and VDI/VDE-IT, not FIO, VDI and VDE-IT."""
    if not who_raw or len(owners) < 2:
        return owners
    from accord.text.who import parse_who

    names = [n for _c, n in matcher._all() if _SEPARATORS.search(n)]
    if not names or not any(_fold(n) in _fold(who_raw) for n in names):
        return owners
    reparsed = parse_who(who_raw, names).owners
    return reparsed if reparsed else owners


def resolve_draft_owners(draft: Draft, matcher: NameMatcher, *, learn: bool = True) -> list[str]:
    """Rewrite each item's owners to canonical names; return the names nobody knew.

    With `learn`, a new name becomes known at once, so later items and later files of the same run resolve
    to it ("DLR-PT" in one programme makes "DLR" in the next one DLR-PT).
    """
    new_names: list[str] = []
    for item in draft.items():
        item.owners = _rejoin_known(item.owners, item.who_raw, matcher)
        resolved: list[str] = []
        for owner in item.owners:
            canonical, _score, _reason = matcher.match(owner)
            if canonical is None:
                canonical = owner
                if owner not in new_names:
                    new_names.append(owner)
                if learn:
                    matcher.learn(owner)
            if canonical not in resolved:
                resolved.append(canonical)
        item.owners = resolved
    return new_names
