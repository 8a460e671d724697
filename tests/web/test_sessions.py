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


def test_the_persons_roles_come_with_their_row_on_postgresql_and_when_needed_on_sqlite(network, viewer):
    """accord.accounts.backends.read_with_user: on PostgreSQL the roles are sent in the same pipeline as the
    person's row, and the page reads them no more; on SQLite nothing is read ahead of need."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accord.accounts.backends import AccountBackend
    from accord.network.permissions import roles_of

    user = AccountBackend().get_user(viewer.pk)
    if connection.vendor == "postgresql":
        assert "_accord_roles" in user.__dict__
        with CaptureQueriesContext(connection) as q:
            assert [r.network_id for r in roles_of(user)] == [network.pk]
        assert len(q) == 0
    else:
        assert "_accord_roles" not in user.__dict__
        with CaptureQueriesContext(connection) as q:
            assert [r.network_id for r in roles_of(user)] == [network.pk]
        assert len(q) == 1
    # The same roles either way, with their networks and organisations read with them.
    fresh = AccountBackend().get_user(viewer.pk)
    fresh.__dict__.pop("_accord_roles", None)
    assert [(r.pk, r.network.slug, r.organisation_id) for r in roles_of(user)] == [
        (r.pk, r.network.slug, r.organisation_id) for r in roles_of(fresh)
    ]


def test_a_network_page_on_postgresql_reads_the_person_and_their_roles_in_one_pipeline(
    client, network, viewer, settings
):
    import pytest
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no round trips")
    from psycopg.pq import PipelineStatus

    settings.ACCORD_BAKED_CHECK = False  # its own reads are sent alone

    client.force_login(viewer)
    seen: list[tuple[str, object]] = []

    def status(execute, sql, params, many, context):
        seen.append((sql, connection.connection.info.pipeline_status))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(status):
        assert client.get(reverse("workspace:network", args=[network.slug])).status_code == 200
    user_reads = [s for sql, s in seen if 'FROM "auth_user"' in sql]
    role_reads = [s for sql, s in seen if 'FROM "network_role"' in sql and '"network_role"."user_id" =' in sql]
    assert user_reads and role_reads
    assert set(user_reads) == set(role_reads) == {PipelineStatus.ON}
    assert len(role_reads) == len(user_reads) == 1
