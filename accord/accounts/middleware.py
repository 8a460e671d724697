"""Sessions end after ACCORD_SESSION_HOURS without a request: a session in use is renewed as it is used.

Renewing on every request would write the session on every page; renewing when the last renewal is more than
five minutes old keeps the inactivity limit within five minutes of exact, with one write per five minutes.
"""

from __future__ import annotations

import time

from django.http import HttpRequest

RENEW_AFTER_SECONDS = 300


class SessionActivityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            if now - int(request.session.get("_seen", 0)) > RENEW_AFTER_SECONDS:
                request.session["_seen"] = now  # marks the session modified: saved with a fresh expiry
        return self.get_response(request)
