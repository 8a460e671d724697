"""Loading the objects a URL names, with the access decision made by the app's permissions module.

Another network's objects answer 404 (their existence is not revealed); an anonymous visitor is sent to sign in.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from accord.network.models import Network
from accord.network.permissions import can_view_network, role_network


class LoginRequired(Exception):
    pass


def get_network(request: HttpRequest, slug: str) -> Network:
    network = role_network(request.user, slug) or Network.objects.filter(slug=slug).first()
    if network is None:
        raise Http404("No such network.")
    if not can_view_network(request.user, network):
        if not request.user.is_authenticated:
            raise LoginRequired
        raise Http404("No such network.")
    return network


def require_visible(request: HttpRequest, allowed: bool) -> None:
    if not allowed:
        if not request.user.is_authenticated:
            raise LoginRequired
        raise Http404


def require_allowed(request: HttpRequest, allowed: bool) -> None:
    """Someone who may see an object but not change it gets 403; an anonymous visitor is asked to sign in."""
    if not allowed:
        if not request.user.is_authenticated:
            raise LoginRequired
        raise PermissionDenied


def login_redirect(request: HttpRequest) -> Any:
    return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
