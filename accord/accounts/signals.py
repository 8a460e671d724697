"""Sign-in events: logged (accord.security), counted for throttling, and sessions remembered for "sign out
everywhere"."""

from __future__ import annotations

import logging
import time

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from accord.accounts import throttle
from accord.accounts.models import SignedInSession
from accord.web.middleware import client_address

security_log = logging.getLogger("accord.security")


@receiver(user_logged_in)
def signed_in(sender, request, user, **kwargs):
    if request is None:
        return
    address = client_address(request)
    security_log.info("sign-in ok user=%s:%s address=%s", user.pk, user.get_username(), address)
    throttle.clear_account(user.get_username())
    request.session["_seen"] = int(time.time())
    if not request.session.session_key:
        request.session.save()
    SignedInSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={"user": user, "address": address[:64], "user_agent": request.META.get("HTTP_USER_AGENT", "")[:200]},
    )


@receiver(user_logged_out)
def signed_out(sender, request, user, **kwargs):
    if request is None:
        return
    if user is not None:
        security_log.info("sign-out user=%s:%s address=%s", user.pk, user.get_username(), client_address(request))
    if request.session.session_key:
        SignedInSession.objects.filter(session_key=request.session.session_key).delete()


@receiver(user_login_failed)
def sign_in_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))
    address = client_address(request) if request is not None else "-"
    security_log.warning("sign-in failed username=%r address=%s", username[:150], address)
    if request is not None:
        throttle.record_failure(username, address)
