"""The digest: its content, its email through Django's mail backend (locmem in tests), one per person and
period however often the command runs, preferences, and reminders sent once per item and end date."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accord.audit.actors import SYSTEM
from accord.network.models import NetworkRole
from accord.plans import actions as plan_actions
from accord.plans.models import ItemStatus
from accord.reports import actions
from accord.reports.digest import build_digest, period_key
from accord.reports.models import DigestDelivery, DigestFrequency, DigestPreference, ReminderDelivery
from accord.testing import factories as f
from tests.reports.story import story_fixture  # noqa: F401  (the `story` fixture)

TODAY = dt.date(2021, 12, 15)


@pytest.fixture(autouse=True)
def _locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ACCORD_SITE_URL = "https://accord.example.org"


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """send_due with the mail that leaves on commit actually sent."""

    def run(today=TODAY, **kw):
        with django_capture_on_commit_callbacks(execute=True):
            return actions.send_due(today, **kw)

    return run


def test_period_keys():
    assert period_key(DigestFrequency.WEEKLY, dt.date(2021, 12, 15)) == "2021-W50"
    assert period_key(DigestFrequency.WEEKLY, dt.date(2022, 1, 2)) == "2021-W52"  # ISO week of the year before
    assert period_key(DigestFrequency.MONTHLY, dt.date(2021, 12, 15)) == "2021-12"


def test_the_digest_says_what_was_done_due_open_coming_and_changed(viewer, plan, story):
    plan_actions.do_update_item(SYSTEM, story["items"]["newsletter"], status=ItemStatus.DONE)
    digest = build_digest(viewer, plan.network, TODAY, DigestFrequency.MONTHLY)
    assert [i.what for i in digest.done] == ["Quarterly newsletter"]
    assert [i.what for i in digest.due] == ["New website"]  # the carried copy ends 31 December
    assert [i.what for i in digest.open_calls] == ["Stakeholder mapping"]
    assert [e.title for e in digest.events] == []  # nothing before 19 January
    assert digest.change_count > 0 and digest.changes[0].object_repr == "Quarterly newsletter"
    weekly = build_digest(viewer, plan.network, dt.date(2022, 2, 1), DigestFrequency.WEEKLY)
    assert [e.title for e in weekly.events] == ["Spring board meeting"]


def test_the_email_and_its_links(viewer, plan, story, send):
    summary = send()
    assert summary.digests == 1
    message = next(m for m in mail.outbox if m.to == [viewer.email])
    assert "2021-12" in message.subject and plan.network.short_name in message.subject
    body = message.body
    for text in (
        "WHAT WAS DONE",
        "WHAT IS DUE",
        "New website",
        "OPEN CALLS",
        "Stakeholder mapping",
        "UPCOMING EVENTS",
        "CHANGES SINCE THE LAST DIGEST",
    ):
        assert text in body, text
    call = story["items"]["mapping"]
    assert f"https://accord.example.org/n/{plan.network.slug}/items/{call.pk}/" in body
    html = message.alternatives[0][0]
    assert "<h2" in html and "Stakeholder mapping" in html and "https://accord.example.org/n/" in html


def test_running_twice_in_a_period_sends_once(viewer, plan, story, send):
    send()
    first = len(mail.outbox)
    assert first >= 1
    send()
    send(TODAY + dt.timedelta(days=10))  # same month
    assert len(mail.outbox) == first
    assert DigestDelivery.objects.filter(user=viewer).count() == 1
    send(dt.date(2022, 1, 3))  # a new month: a new digest
    assert DigestDelivery.objects.filter(user=viewer).count() == 2


def test_changes_are_counted_since_the_last_digest(viewer, plan, story, send):
    send()
    plan_actions.do_update_item(SYSTEM, story["items"]["report"], status=ItemStatus.DONE)
    digest = build_digest(viewer, plan.network, dt.date(2022, 1, 3))
    assert digest.change_count == 1 and [i.what for i in digest.done] == ["Annual activity report"]


def test_each_person_chooses_how_often(viewer, make_member, plan, story, send):
    weekly = make_member(NetworkRole.VIEWER)
    never = make_member(NetworkRole.VIEWER)
    actions.do_set_digest_preference(weekly, plan.network, frequency=DigestFrequency.WEEKLY)
    actions.do_set_digest_preference(never, plan.network, frequency=DigestFrequency.NEVER)
    send()
    send(TODAY + dt.timedelta(days=7))
    sent = {u: DigestDelivery.objects.filter(user=u).count() for u in (viewer, weekly, never)}
    assert sent == {viewer: 1, weekly: 2, never: 0}
    assert not any(m.to == [never.email] for m in mail.outbox)


def test_a_person_sets_only_their_own_preference(viewer, secretariat, network, other_network):
    with pytest.raises(PermissionDenied):
        actions.do_set_digest_preference(secretariat, network, user=viewer, frequency=DigestFrequency.NEVER)
    with pytest.raises(PermissionDenied):
        actions.do_set_digest_preference(viewer, other_network, frequency=DigestFrequency.WEEKLY)
    assert not DigestPreference.objects.exists()


def test_the_settings_page(client, viewer, network):
    client.force_login(viewer)
    page = reverse("reports:digest_settings", args=[network.slug])
    assert re.search(r'<input[^>]*value="monthly"[^>]*checked', client.get(page).content.decode())
    response = client.post(page, {"frequency": "weekly"})
    assert response.status_code == 302
    pref = DigestPreference.objects.get(user=viewer, network=network)
    assert pref.frequency == "weekly" and pref.reminders is False  # an unticked box is a no
    assert client.post(page, {"frequency": "daily"}).status_code == 400


def test_the_digest_page_is_for_members_only(client, viewer, network, plan, story):
    page = reverse("reports:digest", args=[network.slug])
    client.force_login(viewer)
    html = client.get(page).content.decode()
    assert "Open calls" in html and "Stakeholder mapping" in html
    client.force_login(f.make_user())
    assert client.get(page).status_code == 404


def test_the_digest_page_costs_the_same_queries_for_10_or_80_items(client, viewer, network, section, orgs):
    counts = []
    for n in (10, 70):
        for i in range(n):
            item = f.make_item(
                section, what=f"Task {n}-{i}", owners=[orgs["ZSI"], "Partner"], start=TODAY, end=TODAY, open_call=True
            )
            plan_actions.do_update_item(SYSTEM, item, status=ItemStatus.DONE if i % 2 else ItemStatus.IN_PROGRESS)
        client.force_login(viewer)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("reports:digest", args=[network.slug])).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] and counts[0] <= 16, counts


# Reminders -----------------------------------------------------------------------------------------------------


def test_reminders_before_an_owned_items_end_date_go_once(zsi_editor, plan, story, send, settings):
    settings.ACCORD_REMINDER_DAYS = 20
    send(digests_on=False)
    reminders = [m for m in mail.outbox if m.to == [zsi_editor.email]]
    assert len(reminders) == 1 and "New website" in reminders[0].body  # ZSI owns it, it ends 31 December
    assert "Stakeholder mapping" not in reminders[0].body  # nobody owns it
    send(digests_on=False)
    send(TODAY + dt.timedelta(days=2), digests_on=False)
    assert len([m for m in mail.outbox if m.to == [zsi_editor.email]]) == 1
    # a new end date is a new reminder
    website = story["next_plan"].items.get()
    plan_actions.do_update_item(SYSTEM, website, end=dt.date(2022, 1, 2))
    send(TODAY + dt.timedelta(days=3), digests_on=False)
    assert ReminderDelivery.objects.filter(user=zsi_editor, item=website).count() == 2


def test_no_reminder_for_someone_who_turned_them_off_or_owns_nothing(zsi_editor, viewer, plan, story, send, settings):
    settings.ACCORD_REMINDER_DAYS = 20
    actions.do_set_digest_preference(zsi_editor, plan.network, frequency=DigestFrequency.NEVER, reminders=False)
    summary = send()
    assert summary.reminders == 0
    assert not any(m.to == [zsi_editor.email] for m in mail.outbox)


def test_the_command_is_idempotent_and_checks_its_arguments(viewer, plan, story, capsys):
    call_command("send_digests", "--date", "2021-12-15")
    call_command("send_digests", "--date", "2021-12-16", "--network", plan.network.slug)
    out = capsys.readouterr().out
    assert "1 digest(s)" in out and "0 digest(s)" in out
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--date"):
        call_command("send_digests", "--date", "15/12/2021")
    with pytest.raises(CommandError, match="--network"):
        call_command("send_digests", "--network", "nowhere")


def test_the_worker_schedule_queues_one_daily_run(db, settings):
    from django_tasks_db.models import DBTaskResult

    from accord.reports.tasks import schedule_daily, send_digests_daily

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    first = schedule_daily()
    schedule_daily()
    queued = DBTaskResult.objects.filter(task_path=send_digests_daily.module_path)
    assert queued.count() == 1 and queued.get().run_after == first
    # a run sends what is due and leaves exactly one next run queued
    assert set(send_digests_daily.call()) == {"digests", "reminders", "people"}
    assert queued.count() == 1


def test_the_network_home_links_the_digest_for_members(client, viewer, network, plan, story):
    client.force_login(viewer)
    html = client.get(reverse("workspace:network", args=[network.slug])).content.decode()
    assert reverse("reports:digest", args=[network.slug]) in html
    assert reverse("reports:digest_settings", args=[network.slug]) in html


def test_scheduling_needs_a_backend_that_runs_tasks_later(db, settings):
    from django.core.management.base import CommandError

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with pytest.raises(CommandError, match="cannot run a task later"):
        call_command("send_digests", "--schedule")
