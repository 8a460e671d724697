"""Request and response handling shared by every page: sign-in redirects, size limits, security headers, and
the log of refused requests."""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from accord.web.access import LoginRequired, login_redirect
from accord.web.uploads import max_file_bytes, max_request_bytes

security_log = logging.getLogger("accord.security")


def client_address(request: HttpRequest) -> str:
    """The address a request came from: REMOTE_ADDR, or behind ACCORD_PROXY_COUNT proxies of our own the address
    the outermost of them saw (X-Forwarded-For, counted from the right: the left part is the client's to write)."""
    hops = int(getattr(settings, "ACCORD_PROXY_COUNT", 0))
    if hops > 0:
        chain = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(chain) >= hops:
            return chain[-hops][:64]
    return request.META.get("REMOTE_ADDR", "") or "-"


def _who(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user={user.pk}:{user.get_username()}"
    return "user=anonymous"


class LoginRequiredMiddleware:
    """Turns LoginRequired raised by access helpers into a redirect to the sign-in page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, LoginRequired):
            security_log.warning(
                "refused status=login-required %s address=%s method=%s path=%s",
                _who(request),
                client_address(request),
                request.method,
                request.path,
            )
            return login_redirect(request)
        return None


class RequestSizeLimitMiddleware:
    """Refuse a request body over ACCORD_MAX_REQUEST_MB from its Content-Length, before anything reads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > max_request_bytes():
            security_log.warning(
                "refused status=413 address=%s method=%s path=%s length=%d",
                client_address(request),
                request.method,
                request.path,
                length,
            )
            message = _(
                "The upload is %(size).1f MB; at most %(total)d MB can be sent at once, and each file can "
                "be at most %(file)d MB."
            ) % {"size": length / 1048576, "total": max_request_bytes() // 1048576, "file": max_file_bytes() // 1048576}
            response = render(
                request, "web/error.html", {"status": 413, "title": _("Too large"), "message": message}, status=413
            )
            response["Connection"] = "close"
            return response
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response; signed-in pages are never stored by a shared cache (a proxy), and by
    the browser only when they carry an ETag to revalidate (otherwise no-store); a page's
    own Content-Security-Policy addition (set by a template tag on the request) handed to django-csp."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        response: HttpResponse = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.ACCORD_PERMISSIONS_POLICY)
        update = getattr(request, "accord_csp_update", None)
        if update and not hasattr(response, "_csp_update"):
            response._csp_update = update  # read by django-csp's middleware, which runs after this one
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or settings.SESSION_COOKIE_NAME in response.cookies:
            if response.has_header("ETag"):
                # A page answered with an ETag (accord.web.page_cache.page): kept by the browser alone and
                # revalidated on every use; never by a shared cache.
                patch_cache_control(response, private=True, no_cache=True)
            else:
                patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ["Cookie"])
        return response


class RefusalLogMiddleware:
    """Every refused authorisation in the log: a 403 or a 404 answered to a request, with who asked and from where.

    Another network's objects answer 404 by design (docs/permissions.md), so a 404 is logged as a refusal too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        response = self.get_response(request)
        if response.status_code in (403, 404):
            security_log.warning(
                "refused status=%d %s address=%s method=%s path=%s",
                response.status_code,
                _who(request),
                client_address(request),
                request.method,
                request.path,
            )
        return response
