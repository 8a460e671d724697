"""Sign-in bookkeeping: failed attempts (for throttling) and the sessions each person has open."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AttemptKind(models.TextChoices):
    SIGN_IN = "sign_in", _("failed sign-in")
    RESET = "reset", _("password reset requested")


class SignInAttempt(models.Model):
    """One failed sign-in, or one password-reset request, counted against its account and its address.

    Rows older than the throttling window are no longer counted and are deleted as new ones arrive.
    """

    kind = models.CharField(max_length=8, choices=AttemptKind.choices, default=AttemptKind.SIGN_IN)
    username = models.CharField(max_length=150, blank=True, help_text=_("as typed, case-folded"))
    address = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "username", "at"]), models.Index(fields=["kind", "address", "at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.username or '-'} from {self.address} at {self.at:%Y-%m-%d %H:%M}"


class SignedInSession(models.Model):
    """A session someone signed in with, so that "sign out everywhere" can end the others."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signed_in_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    address = models.CharField(max_length=64, blank=True)
    user_agent = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user_id} since {self.created_at:%Y-%m-%d %H:%M}"
