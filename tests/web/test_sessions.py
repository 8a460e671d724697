"""Sessions are shared by every worker: signing out in one ends the session in all of them."""

from __future__ import annotations

from django.contrib.sessions.backends.cache import KEY_PREFIX
from django.core.cache import cache
from django.test import Client
from django.urls import reverse


def test_a_signed_out_session_is_refused_even_where_a_worker_still_holds_a_copy(network, viewer):
    browser = Client()
    browser.force_login(viewer)
    home = reverse("workspace:network", args=[network.slug])
    assert browser.get(home).status_code == 200
    cookie = browser.cookies["sessionid"].value
    # What a per-process session cache in another worker would still hold after the sign-out below.
    copy = {key: cache.get(key) for key in (KEY_PREFIX + cookie, "django.contrib.sessions.cached_db" + cookie)}
    assert browser.post(reverse("logout")).status_code in (200, 302)
    for key, value in copy.items():
        if value is not None:
            cache.set(key, value)
    other_worker = Client()
    other_worker.cookies["sessionid"] = cookie
    response = other_worker.get(reverse("workspace:home"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_an_expired_session_or_a_deactivated_person_is_signed_out(network, viewer):
    """The session and the person are read through baked reads (the moment and the key bound anew each time)."""
    import datetime as dt

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    browser = Client()
    browser.force_login(viewer)
    assert browser.get(reverse("workspace:home")).status_code == 200
    assert browser.get(reverse("workspace:home")).status_code == 200  # the same reads again, baked
    Session.objects.filter(session_key=browser.cookies["sessionid"].value).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    response = browser.get(reverse("workspace:home"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    again = Client()
    again.force_login(viewer)
    assert again.get(reverse("workspace:home")).status_code == 200
    type(viewer).objects.filter(pk=viewer.pk).update(is_active=False)
    response = again.get(reverse("workspace:home"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
