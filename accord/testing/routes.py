"""Every route of the URL configuration, found from the resolver, for the reliability suite (tests/reliability).

New pages are covered as soon as they are in a urls.py: a test fills each route's parameters from a table of
values by parameter name, and fails, naming the route, when a parameter has no value yet.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Route:
    pattern: str  # "n/<slug:network>/items/<int:item_id>/"
    name: str  # "plans:item"
    callback: object

    @property
    def params(self) -> list[str]:
        return [m.group("name") for m in PARAM.finditer(self.pattern)]

    def path(self, values: Mapping[str, object]) -> str:
        return "/" + PARAM.sub(lambda m: str(values[m.group("name")]), self.pattern)

    def paths(self, choices: Mapping[str, Iterable[object]]) -> Iterator[str]:
        """One path per combination of the candidate values of its parameters."""
        names = self.params
        for combo in itertools.product(*(list(choices[n]) for n in names)):
            yield self.path(dict(zip(names, combo, strict=True)))


def _walk(patterns: list, prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            yield from _walk(
                entry.url_patterns, prefix + str(entry.pattern), f"{namespace}:{ns}".strip(":") if ns else namespace
            )
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}".strip(":") if entry.name else ""
            yield Route(prefix + str(entry.pattern), name, entry.callback)


def all_routes(*, skip_prefixes: tuple[str, ...] = ("admin/",)) -> list[Route]:
    """The application's routes (Django's admin left out: it has its own tests and staff-only access)."""
    return [
        r
        for r in _walk(get_resolver().url_patterns)
        if not r.pattern.startswith(skip_prefixes) and "(?P<" not in r.pattern and not r.pattern.startswith("^")
    ]
