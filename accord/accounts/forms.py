from __future__ import annotations

import logging

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import ngettext

from accord.accounts import throttle
from accord.accounts.models import AttemptKind
from accord.web.middleware import client_address

security_log = logging.getLogger("accord.security")


def _wait_message(seconds: int) -> str:
    minutes = max(1, (seconds + 59) // 60)
    return ngettext(
        "Too many attempts. Try again in %(n)d minute.", "Too many attempts. Try again in %(n)d minutes.", minutes
    ) % {"n": minutes}


class ThrottleMixin:
    """Refuse without checking the password while the account or the address is throttled."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        address = client_address(self.request) if self.request is not None else "-"
        wait = throttle.retry_after(username, address)
        if wait:
            security_log.warning(
                "sign-in throttled username=%r address=%s retry_after=%ds", username[:150], address, wait
            )
            raise forms.ValidationError(_wait_message(wait), code="throttled")
        return super().clean()


class ThrottledAuthenticationForm(ThrottleMixin, AuthenticationForm):
    pass


class ThrottledAdminAuthenticationForm(ThrottleMixin, AdminAuthenticationForm):
    pass


class ThrottledPasswordResetForm(PasswordResetForm):
    """Django's reset form; requests from one address count like failed sign-ins, so it cannot flood a mailbox."""

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        address = client_address(self.request) if self.request is not None else "-"
        wait = throttle.retry_after("", address, kind=AttemptKind.RESET)
        if wait:
            security_log.warning("password reset throttled address=%s", address)
            raise forms.ValidationError(_wait_message(wait), code="throttled")
        throttle.record_failure("", address, kind=AttemptKind.RESET)
        security_log.info("password reset requested address=%s", address)
        return cleaned
