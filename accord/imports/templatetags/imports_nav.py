"""{% can_import_into network as flag %}: whether to show the Import link (the roles are cached per request)."""

from __future__ import annotations

from typing import Any

from django import template

from accord.imports.permissions import can_import

register = template.Library()


@register.simple_tag(takes_context=True)
def can_import_into(context: Any, network: Any) -> bool:
    request = context.get("request")
    if network is None or request is None or not getattr(network, "pk", None):
        return False
    return can_import(request.user, network)
