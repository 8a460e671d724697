"""Sign-in bookkeeping in the admin: read to see what happened; deleting a failure lifts its throttle, deleting a
session row forgets it (the session itself ends with "sign out everywhere" or its age)."""

from django.contrib import admin

from accord.accounts.models import SignedInSession, SignInAttempt


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


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
