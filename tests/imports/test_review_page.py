"""The review page before saving: long When phrases whole in their fields, nothing to save when nothing was read."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from accord.imports.models import ImportJob, ImportStatus
from tests.imports.test_pages import IMMEDIATE, upload

LONG_WHEN = "Last week of November or the first days of December, after the consultation closes (tbc)"
PROGRAMME = (
    "Work Programme of the Review Network 2023\n\n"
    "Priority 1: Outreach\n\n"
    "What?\tWho?\tWhen?\n"
    f"Hold a briefing for the members\tZSI\t{LONG_WHEN}\n"
    "Publish the newsletter\tCNRS\tMay 2023\n"
)


@override_settings(TASKS=IMMEDIATE)
def test_a_long_when_is_whole_in_its_field(client, network, secretariat, django_capture_on_commit_callbacks):
    client.force_login(secretariat)
    upload(
        client,
        network,
        SimpleUploadedFile("wp.txt", PROGRAMME.encode(), content_type="text/plain"),
        run=django_capture_on_commit_callbacks,
    )
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.REVIEW
    page = client.get(reverse("imports:job", args=[network.slug, job.pk])).content.decode()
    field = page[page.index('name="when-0-0"') :]
    field = field[: field.index("</textarea>")]
    assert LONG_WHEN.replace("(tbc)", "") in field and 'rows="3"' in field
    assert "Save as a plan" in page


@override_settings(TASKS=IMMEDIATE)
def test_nothing_found_offers_nothing_to_save(client, network, secretariat, django_capture_on_commit_callbacks):
    client.force_login(secretariat)
    upload(
        client,
        network,
        SimpleUploadedFile("notes.txt", b"Just a sentence of notes, nothing planned.\n", content_type="text/plain"),
        run=django_capture_on_commit_callbacks,
    )
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.REVIEW
    page = client.get(reverse("imports:job", args=[network.slug, job.pk])).content.decode()
    assert "No sections or items were found" in page
    assert "Save as a plan" not in page and "nothing to save" in page
