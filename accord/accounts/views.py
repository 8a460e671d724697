"""Sign-in, sign-out, sessions and password reset: Django's own views with Accord's throttling and templates."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accord.accounts.forms import ThrottledAuthenticationForm, ThrottledPasswordResetForm
from accord.accounts.models import SignedInSession
from accord.web.middleware import client_address

security_log = logging.getLogger("accord.security")


class SignInView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """Sign out, and ask the browser to drop what it kept of this site's pages: signed-in pages with an ETag are
    kept by the browser to revalidate (accord.web.page_cache.page), so a shared computer's history shows none of
    them after sign-out (where the browser honours Clear-Site-Data)."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache"'
        return response


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ThrottledPasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("password_reset_complete")
    # Every other session of the account ends with the new password (Django's session hash changes with it).
    post_reset_login = False

    def form_valid(self, form):
        response = super().form_valid(form)
        end_other_sessions(form.user, None)
        security_log.info(
            "password reset done user=%s:%s address=%s",
            form.user.pk,
            form.user.get_username(),
            client_address(self.request),
        )
        return response


def end_other_sessions(user, keep: str | None) -> int:
    """End every session of `user` except `keep` (the one asking); the number ended."""
    store: type[SessionBase] = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    others = SignedInSession.objects.filter(user=user).exclude(session_key=keep or "")
    keys = list(others.values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    others.delete()
    return len(keys)


@login_required
@require_http_methods(["GET", "POST"])
def sessions(request: HttpRequest) -> HttpResponse:
    """The sessions someone has open, and "sign out everywhere else"."""
    if request.method == "POST":
        ended = end_other_sessions(request.user, request.session.session_key)
        security_log.info(
            "sign-out everywhere user=%s:%s address=%s ended=%d",
            request.user.pk,
            request.user.get_username(),
            client_address(request),
            ended,
        )
        messages.success(request, _("Signed out everywhere else: %(n)d other session(s) ended.") % {"n": ended})
        return HttpResponseRedirect(reverse("sessions"))
    rows = SignedInSession.objects.filter(user=request.user)
    return render(request, "registration/sessions.html", {"sessions": rows, "current": request.session.session_key})
