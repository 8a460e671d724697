"""Sign-in throttling per account and per address, counted in the database so every server process agrees.

After ACCORD_SIGNIN_MAX_FAILURES failed sign-ins for one account, or ACCORD_SIGNIN_ADDRESS_MAX_FAILURES from one
address, within ACCORD_SIGNIN_WINDOW_MINUTES, further attempts are refused without checking the password (so the
right password does not work either) until the oldest counted failure leaves the window. A successful sign-in
clears its account's count. See docs/decisions/0004-sign-in-throttling.md.
"""

from __future__ import annotations

import datetime as dt
import math

from django.conf import settings
from django.utils import timezone

from accord.accounts.models import AttemptKind, SignInAttempt


def _window() -> dt.timedelta:
    return dt.timedelta(minutes=settings.ACCORD_SIGNIN_WINDOW_MINUTES)


def normalise(username: str) -> str:
    return (username or "").strip().casefold()[:150]


def retry_after(username: str, address: str, kind: str = AttemptKind.SIGN_IN) -> int:
    """Seconds until an attempt for this account from this address is allowed again; 0 when it is allowed now."""
    since = timezone.now() - _window()
    recent = SignInAttempt.objects.filter(kind=kind, at__gte=since)
    waits = []
    for field, value, limit in (
        ("username", normalise(username), settings.ACCORD_SIGNIN_MAX_FAILURES),
        ("address", address, settings.ACCORD_SIGNIN_ADDRESS_MAX_FAILURES),
    ):
        if not value or limit <= 0:
            continue
        times = list(recent.filter(**{field: value}).order_by("-at").values_list("at", flat=True)[:limit])
        if len(times) >= limit:
            # Allowed again when the limit-th newest failure leaves the window.
            waits.append((times[-1] + _window() - timezone.now()).total_seconds())
    return max(0, math.ceil(max(waits))) if waits else 0


def record_failure(username: str, address: str, kind: str = AttemptKind.SIGN_IN) -> None:
    SignInAttempt.objects.filter(at__lt=timezone.now() - _window()).delete()
    SignInAttempt.objects.create(kind=kind, username=normalise(username), address=address[:64])


def clear_account(username: str) -> None:
    SignInAttempt.objects.filter(kind=AttemptKind.SIGN_IN, username=normalise(username)).delete()
