"""{% site_links as site %} and {% network_links network as links %}: the top bar's links, reversed once per URL
configuration, script prefix and network and kept (accord.web.links.kept_links), not by a {% url %} each on every
request."""

from __future__ import annotations

from typing import Any

from django import template

from accord.web.links import NETWORK_LINKS, SITE_LINKS, kept_links

register = template.Library()


@register.simple_tag
def site_links() -> dict[str, str]:
    return kept_links(SITE_LINKS)


@register.simple_tag
def network_links(network: Any) -> dict[str, str]:
    return kept_links(NETWORK_LINKS, network.slug)
