"""Links made in a loop: the toolkit's stand-in for reverse() per row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse


def url_maker(name: str, *args: Any) -> Callable[[Any], str]:
    """A fast stand-in for reverse() in a loop: reverse once with a placeholder, then fill in each key."""
    placeholder = "0000000000"
    head, tail = reverse(name, args=[*args, placeholder]).rsplit(placeholder, 1)
    return lambda key: f"{head}{key}{tail}"


# The top bar's links (web/base.html): the same on every page of a network, made by eleven reverse() calls on every
# request (0.5 ms) until they were kept.
SITE_LINKS = {
    "home": "workspace:home",
    "search": "search:search",
    "sessions": "sessions",
    "logout": "logout",
    "login": "login",
}
NETWORK_LINKS = {
    "home": "workspace:network",
    "plans": "plans:plans",
    "calendar": "workspace:calendar",
    "workload": "workspace:workload",
    "import": "imports:upload",
    "events": "events:list",
    "manage": "network:settings",
}
_KEPT_LINKS = 1024
_kept: dict[tuple[Any, ...], tuple[Any, dict[str, str]]] = {}


def kept_links(names: dict[str, str | tuple[str, ...]], *args: Any) -> dict[str, str]:
    """reverse() of each of `names` (a key -> a URL name, or a URL name and the arguments it takes after `args`)
    with `args`, kept: a URL depends on the URL configuration the request uses, its script prefix and the
    arguments, which are the key, and on the configuration's resolver, which a test's or a reload's change of the
    URLs replaces (a kept set made with another resolver is made again)."""
    urlconf = get_urlconf()
    resolver = get_resolver(urlconf)
    key = (id(names), urlconf, get_script_prefix(), args)
    found = _kept.get(key)
    if found is not None and found[0] is resolver:
        return found[1]
    made = {}
    for short, name in names.items():
        url, *extra = (name,) if isinstance(name, str) else name
        made[short] = reverse(url, args=[*args, *extra] or None, urlconf=urlconf)
    if len(_kept) >= _KEPT_LINKS:  # many networks' slugs (or a crawler's made-up ones): start again
        _kept.clear()
    _kept[key] = (resolver, made)
    return made
