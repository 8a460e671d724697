"""Sign-in: throttling per account and per address, password reset by mail, session age, sign out everywhere,
and the security log."""

from __future__ import annotations

import logging
import re

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse

from accord.accounts.models import SignedInSession, SignInAttempt
from accord.testing import factories as f

PASSWORD = "pw-for-tests-only"


def sign_in(client: Client, username: str, password: str, address: str = "203.0.113.5"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_an_account_is_throttled_after_repeated_failures_and_the_right_password_then_fails_too(settings):
    settings.ACCORD_SIGNIN_MAX_FAILURES = 5
    user = f.make_user("ada")
    client = Client()
    for i in range(5):
        # Different addresses: the account's own count stops the guessing.
        assert sign_in(client, "ada", "wrong", f"198.51.100.{i}").status_code == 200
    response = sign_in(client, "ADA", PASSWORD, "198.51.100.99")
    assert not signed_in(client)
    assert "Too many attempts" in response.content.decode()
    other = f.make_user("grace")
    assert sign_in(Client(), other.username, PASSWORD, "198.51.100.99").status_code == 302
    assert user.pk


@pytest.mark.django_db
def test_an_address_is_throttled_across_accounts(settings):
    settings.ACCORD_SIGNIN_ADDRESS_MAX_FAILURES = 8
    f.make_user("target")
    client = Client()
    for i in range(8):
        sign_in(client, f"guess{i}", "wrong", "192.0.2.7")
    assert "Too many attempts" in sign_in(client, "target", PASSWORD, "192.0.2.7").content.decode()
    assert sign_in(Client(), "target", PASSWORD, "192.0.2.8").status_code == 302


@pytest.mark.django_db
def test_throttling_ends_with_the_window_and_success_clears_the_account(settings, monkeypatch):
    import datetime as dt

    from django.utils import timezone

    settings.ACCORD_SIGNIN_MAX_FAILURES = 3
    f.make_user("lin")
    for _ in range(2):
        sign_in(Client(), "lin", "wrong")
    assert sign_in(Client(), "lin", PASSWORD).status_code == 302
    assert not SignInAttempt.objects.filter(username="lin").exists()
    for _ in range(3):
        sign_in(Client(), "lin", "wrong")
    assert sign_in(Client(), "lin", PASSWORD).status_code == 200
    later = timezone.now() + dt.timedelta(minutes=settings.ACCORD_SIGNIN_WINDOW_MINUTES, seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert sign_in(Client(), "lin", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_admin_sign_in_is_throttled_too(settings):
    settings.ACCORD_SIGNIN_MAX_FAILURES = 2
    f.make_user("boss", is_staff=True, is_superuser=True)
    client = Client()
    for _ in range(2):
        client.post("/admin/login/", {"username": "boss", "password": "wrong"}, REMOTE_ADDR="192.0.2.9")
    response = client.post("/admin/login/", {"username": "boss", "password": PASSWORD}, REMOTE_ADDR="192.0.2.9")
    assert response.status_code == 200 and "Too many attempts" in response.content.decode()


@pytest.mark.django_db
def test_sign_in_success_failure_and_throttle_are_logged(settings, caplog):
    settings.ACCORD_SIGNIN_MAX_FAILURES = 1
    f.make_user("kim")
    with caplog.at_level(logging.INFO, logger="accord.security"):
        sign_in(Client(), "kim", PASSWORD)
        sign_in(Client(), "kim", "wrong")
        sign_in(Client(), "kim", "wrong")
    text = "\n".join(r.getMessage() for r in caplog.records if r.name == "accord.security")
    assert "sign-in ok" in text and "kim" in text
    assert "sign-in failed username='kim' address=203.0.113.5" in text
    assert "sign-in throttled username='kim'" in text


@pytest.mark.django_db
def test_password_reset_sends_a_link_that_sets_a_new_password_and_ends_other_sessions(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    user = f.make_user("mira")
    elsewhere = Client()
    assert sign_in(elsewhere, "mira", PASSWORD).status_code == 302
    client = Client()
    page = client.get(reverse("password_reset"))
    assert page.status_code == 200 and 'class="signin"' in page.content.decode()
    response = client.post(reverse("password_reset"), {"email": user.email})
    assert response.status_code == 302
    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert unknown.status_code == 302  # the same answer: no way to tell which addresses have accounts
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    new = "a-new-long-passphrase-9x"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    assert elsewhere.get(reverse("sessions")).status_code == 302  # signed out: sent to sign in


@pytest.mark.django_db
def test_sessions_end_after_twelve_hours_without_use_and_with_the_browser(settings):
    assert settings.SESSION_COOKIE_AGE == 12 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    f.make_user("noor")
    client = Client()
    response = sign_in(client, "noor", PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["max-age"] and not cookie["expires"]  # a browser-session cookie
    session = Session.objects.get(session_key=client.session.session_key)
    from django.utils import timezone

    remaining = (session.expire_date - timezone.now()).total_seconds()
    assert 12 * 3600 - 60 < remaining <= 12 * 3600


@pytest.mark.django_db
def test_a_session_in_use_is_renewed(settings, monkeypatch):
    import time

    f.make_user("omar")
    client = Client()
    sign_in(client, "omar", PASSWORD)
    key = client.session.session_key
    first = Session.objects.get(session_key=key).expire_date
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 3600)
    client.get(reverse("sessions"))
    assert Session.objects.get(session_key=key).expire_date > first


@pytest.mark.django_db
def test_sign_out_everywhere_ends_the_other_sessions_only():
    f.make_user("ines")
    phone, laptop, tablet = Client(), Client(), Client()
    for c in (phone, laptop, tablet):
        assert sign_in(c, "ines", PASSWORD).status_code == 302
    assert SignedInSession.objects.filter(user__username="ines").count() == 3
    page = laptop.get(reverse("sessions"))
    assert page.status_code == 200 and "Sign out everywhere else" in page.content.decode()
    assert laptop.post(reverse("sessions")).status_code == 302
    assert laptop.get(reverse("sessions")).status_code == 200
    for c in (phone, tablet):
        assert c.get(reverse("sessions")).status_code == 302
    assert SignedInSession.objects.filter(user__username="ines").count() == 1


@pytest.mark.django_db
def test_signing_out_forgets_the_session():
    f.make_user("ruth")
    client = Client()
    sign_in(client, "ruth", PASSWORD)
    client.post(reverse("logout"))
    assert not SignedInSession.objects.filter(user__username="ruth").exists()


@pytest.mark.django_db
def test_refused_authorisations_are_logged(client, caplog, network, other_network, make_member):
    from accord.network.models import NetworkRole

    user = make_member(NetworkRole.VIEWER, net=other_network)
    client.force_login(user)
    with caplog.at_level(logging.WARNING, logger="accord.security"):
        client.get(reverse("plans:plans", args=[network.slug]))
    messages = [r.getMessage() for r in caplog.records if r.name == "accord.security"]
    assert any(m.startswith("refused status=") and f"user={user.pk}:" in m and network.slug in m for m in messages)


def test_the_address_behind_a_proxy_is_the_one_the_proxy_saw(settings, rf):
    from accord.web.middleware import client_address

    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.20")
    assert client_address(request) == "10.0.0.1"
    settings.ACCORD_PROXY_COUNT = 1
    assert client_address(request) == "198.51.100.20"  # the client's own "6.6.6.6" is not believed
