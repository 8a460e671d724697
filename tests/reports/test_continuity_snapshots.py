"""Snapshots of what the chair circulates: the digest and reminder emails, the hand-over brief and the progress
report as Word text. Run with ACCORD_UPDATE_SNAPSHOTS=1 to rewrite them after a deliberate change, and read
the diff."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse

from accord.audit.actors import SYSTEM
from accord.network.models import NetworkRole
from accord.plans import actions as plan_actions
from accord.plans.models import ItemStatus
from accord.reports import actions
from accord.testing import factories as f
from tests.reports.story import story_fixture  # noqa: F401  (the `story` fixture)
from tests.reports.test_briefs import docx_text

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
TODAY = dt.date(2021, 12, 15)


def normalised(text: str) -> str:
    """Ids and the moments of changes differ between runs and databases; the rest must not."""
    text = re.sub(r"/(items|plans)/\d+/", r"/\1/N/", text)
    text = re.sub(r"^- \d{1,2} \w{3} (system|[\w.-]+) ", r"- DAY \1 ", text, flags=re.M)
    return text


def assert_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("ACCORD_UPDATE_SNAPSHOTS") or not path.exists():
        path.write_text(text, encoding="utf-8")
        if not os.environ.get("ACCORD_UPDATE_SNAPSHOTS"):
            pytest.fail(f"wrote the missing snapshot {name}: read it, then run again")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its snapshot"


@pytest.fixture
def chair(network, orgs):
    user = f.make_user("amelie", first_name="Amélie", last_name="Laurent")
    f.grant(user, network, NetworkRole.MEMBER_EDITOR, orgs["ZSI"])
    return user


def test_digest_and_reminder_emails(chair, plan, story, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ACCORD_SITE_URL = "https://accord.example.org"
    settings.ACCORD_REMINDER_DAYS = 20
    plan_actions.do_update_item(SYSTEM, story["items"]["newsletter"], status=ItemStatus.DONE)
    with django_capture_on_commit_callbacks(execute=True):
        actions.send_due(TODAY)
    digest, reminder = sorted(mail.outbox, key=lambda m: " soon" in m.subject)
    assert_snapshot("digest-email.txt", f"Subject: {digest.subject}\n\n" + normalised(digest.body))
    assert_snapshot("reminder-email.txt", f"Subject: {reminder.subject}\n\n" + normalised(reminder.body))


@pytest.mark.parametrize("name", ["handover", "progress"])
def test_brief_and_report_as_word_text(client, chair, network, plan, story, name):
    client.force_login(chair)
    content = client.get(reverse(f"reports:{name}_docx", args=[network.slug, plan.pk]) + "?on=2021-12-15").content
    assert_snapshot(f"{name}.docx.txt", docx_text(content) + "\n")
