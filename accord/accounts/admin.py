"""Sign-in bookkeeping in the admin: read to see what happened. Nothing is changed here: a throttle lifts when its
window has passed, a session ends with "sign out everywhere" or its age."""

from django.contrib import admin

from accord.accounts.models import SignedInSession, SignInAttempt
from accord.audit.admin import ReadOnlyAdmin as ReadOnly


@admin.register(SignInAttempt)
class SignInAttemptAdmin(ReadOnly):
    list_display = ("at", "kind", "username", "address")
    list_filter = ("kind",)
    search_fields = ("username", "address")


@admin.register(SignedInSession)
class SignedInSessionAdmin(ReadOnly):
    list_display = ("created_at", "user", "address", "user_agent")
    search_fields = ("user__username", "address")
    exclude = ("session_key",)
