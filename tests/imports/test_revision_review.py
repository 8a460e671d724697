"""A revised document uploaded on the import page: the review shows every change it makes to the plan before
anything is written, and saving applies exactly the ticked ones, in one transaction."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from accord.audit.actors import SYSTEM
from accord.audit.models import AuditEntry
from accord.imports import actions
from accord.imports.drafts import read_draft
from accord.imports.models import ImportJob, ImportStatus
from accord.plans import actions as plan_actions
from accord.plans.models import Item, Plan
from tests.imports.conftest import WORK_PROGRAMME, revise

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

REVISED = revise(
    WORK_PROGRAMME,
    ("Set up a mailing list\tALPHA/BETA\tJanuary 2023", "Set up a shared mailing list\tALPHA/BETA\tJanuary 2023"),
    ("Quarterly newsletter\tBETA\tOngoing\n", ""),
    ("Annual meeting of members\tALPHA\tJune 2023", "Annual meeting of members\tALPHA\tMay 2023"),
    ("Online seminar series\tBETA\tsometime soonish", "Online seminar series\tGAMMA\tsometime soonish"),
    ("Summer school on negotiation", "Mentoring pairs\tBETA\tApril 2023\nSummer school on negotiation"),
)


def _upload(client, network, text, run, name="wp-v2.txt"):
    with run(execute=True):
        client.post(
            reverse("imports:upload", args=[network.slug]),
            {"files": [SimpleUploadedFile(name, text.encode(), content_type="text/plain")], "context": ""},
        )
    return ImportJob.objects.filter(file_name=name).latest("pk")


def _form(page: str) -> dict[str, list[str]]:
    """The review form as a browser would post it: inputs with their values, ticked checkboxes only."""
    data: dict[str, list[str]] = {}
    form = page[page.index('class="stack review"') :]
    form = form[: form.index("</form>")]
    for tag in re.findall(r"<input[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or name.group(1) == "csrfmiddlewaretoken":
            continue
        kind = re.search(r'type="([^"]+)"', tag)
        if kind and kind.group(1) == "checkbox" and " checked" not in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        data.setdefault(name.group(1), []).append(value.group(1) if value else "on")
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        data[name] = [body]
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        data[name] = [chosen.group(1) if chosen else "proposal"]
    return data


@pytest.fixture
def first_plan(network):
    report = actions.do_import_draft(SYSTEM, network, read_draft("wp.txt", WORK_PROGRAMME.encode()))
    return Plan.objects.get(pk=report.plan_id)


@override_settings(TASKS=IMMEDIATE)
def test_the_review_of_a_revision_lists_every_change_before_writing(
    client, network, secretariat, first_plan, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    edited = Item.objects.get(plan=first_plan, what="Online seminar series")
    plan_actions.do_set_item_owners(secretariat, edited, ["BETA", "ALPHA"])
    before = sorted(Item.objects.filter(plan=first_plan).values_list("what", "when_text", "removed_from_document"))
    entries = AuditEntry.objects.filter(content_type__model__in=["item", "plan"]).count()
    job = _upload(client, network, REVISED, django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.REVIEW
    page = client.get(reverse("imports:job", args=[network.slug, job.pk])).content.decode()
    for words in ("Reworded", "Re-owned", "Rescheduled", "Added", "Removed from the document"):
        assert f"<legend>{words} (" in page, words
    assert "Set up a shared mailing list" in page and "Mentoring pairs" in page and "Quarterly newsletter" in page
    assert "June 2023" in page and "May 2023" in page
    # The item edited in Accord since the import: its change is shown, unticked.
    row = page[page.index(f'value="reowned:{edited.pk}"') - 200 :][:700]
    assert "edited in Accord" in row and f'name="accept" value="reowned:{edited.pk}" id=' in row
    assert f'value="reowned:{edited.pk}" id="' in row and "checked" not in row.split("</td>")[0]
    assert "Save as a plan" not in page and "Apply the ticked changes to the plan" in page
    # Reading and reviewing wrote nothing to the plan.
    assert sorted(Item.objects.filter(plan=first_plan).values_list("what", "when_text", "removed_from_document")) == (
        before
    )
    assert AuditEntry.objects.filter(content_type__model__in=["item", "plan"]).count() == entries


@override_settings(TASKS=IMMEDIATE)
def test_saving_a_revision_applies_exactly_the_ticked_changes(
    client, network, secretariat, first_plan, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    edited = Item.objects.get(plan=first_plan, what="Online seminar series")
    plan_actions.do_set_item_owners(secretariat, edited, ["BETA", "ALPHA"])
    job = _upload(client, network, REVISED, django_capture_on_commit_callbacks)
    page = client.get(reverse("imports:job", args=[network.slug, job.pk])).content.decode()
    data = _form(page)
    meeting = Item.objects.get(plan=first_plan, what="Annual meeting of members")
    # Leave the rescheduling out; tick the change that undoes the edit made in Accord.
    data["accept"] = [k for k in data["accept"] if k != f"rescheduled:{meeting.pk}"] + [f"reowned:{edited.pk}"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:save", args=[network.slug, job.pk]), data)
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE, job.error
    assert Plan.objects.count() == 1
    items = {i.what: i for i in Item.objects.filter(plan=first_plan).prefetch_related("owners__organisation")}
    assert "Set up a shared mailing list" in items and "Set up a mailing list" not in items
    assert "Mentoring pairs" in items
    assert items["Quarterly newsletter"].removed_from_document  # kept, marked
    assert items["Annual meeting of members"].when_text == "June 2023"  # left, as chosen
    assert [o.name for o in items["Online seminar series"].owners.all()] == ["GAMMA"]
    report = job.result["report"]
    assert report["left"] == ["Annual meeting of members"] and report["removed"] == ["Quarterly newsletter"]
    done = client.get(reverse("imports:job", args=[network.slug, job.pk])).content.decode()
    assert "Changes left out, as you chose" in done


@override_settings(TASKS=IMMEDIATE)
def test_the_revision_is_applied_in_one_transaction(
    client, network, secretariat, first_plan, django_capture_on_commit_callbacks, monkeypatch
):
    client.force_login(secretariat)
    job = _upload(client, network, REVISED, django_capture_on_commit_callbacks)
    data = _form(client.get(reverse("imports:job", args=[network.slug, job.pk])).content.decode())
    before = sorted(Item.objects.filter(plan=first_plan).values_list("what", "when_text", "removed_from_document"))

    def boom(*a, **kw):
        raise RuntimeError("disk full")

    monkeypatch.setattr(plan_actions, "do_mark_removed_from_document", boom)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:save", args=[network.slug, job.pk]), data)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    after = sorted(Item.objects.filter(plan=first_plan).values_list("what", "when_text", "removed_from_document"))
    assert after == before


@override_settings(TASKS=IMMEDIATE)
def test_a_document_without_items_offers_no_save(client, network, secretariat, django_capture_on_commit_callbacks):
    client.force_login(secretariat)
    text = "Minutes of the autumn call\n\n1. Welcome\n\nThe chair opened the call and thanked everyone.\n"
    job = _upload(client, network, text, django_capture_on_commit_callbacks, name="minutes.txt")
    assert job.status == ImportStatus.REVIEW
    page = client.get(reverse("imports:job", args=[network.slug, job.pk])).content.decode()
    assert "No items were found" in page
    assert "Save as a plan" not in page and 'type="submit" class="primary"' not in page
    assert "Discard this import" in page


def test_a_dry_run_lists_what_a_revision_would_change(network, first_plan, tmp_path):
    path = tmp_path / "wp-v2.txt"
    path.write_text(REVISED)
    out = io.StringIO()
    call_command("import", "--dry-run", "--network", network.slug, str(path), stdout=out, stderr=io.StringIO())
    text = out.getvalue()
    assert f"revises plan “{first_plan.title}”" in text
    assert "reworded: Set up a mailing list" in text and "removed from the document: Quarterly newsletter" in text
    assert "rescheduled: Annual meeting of members: June 2023 → May 2023" in text
    assert Item.objects.filter(plan=first_plan, what="Set up a mailing list").exists()  # nothing written


def test_only_the_part_edited_in_accord_is_proposed_unticked(network, secretariat, first_plan):
    """A status set in Accord does not hold back the document's new time for the same item."""
    meeting = Item.objects.get(plan=first_plan, what="Annual meeting of members")
    plan_actions.do_update_item(secretariat, meeting, status="in_progress")
    seminar = Item.objects.get(plan=first_plan, what="Online seminar series")
    plan_actions.do_set_item_owners(secretariat, seminar, ["BETA", "ALPHA"])
    draft = read_draft("wp-v2.txt", REVISED.encode())
    _plan, changes = actions.preview_import(network, draft)
    by_key = {c.key: c for c in changes}
    assert not by_key[f"rescheduled:{meeting.pk}"].edited
    assert by_key[f"reowned:{seminar.pk}"].edited
    report = actions.do_import_draft(SYSTEM, network, draft)
    meeting.refresh_from_db()
    assert meeting.when_text == "May 2023" and meeting.status == "in_progress"
    assert [o.name for o in Item.objects.get(pk=seminar.pk).owners.all()] == ["BETA", "ALPHA"]
    assert report.kept == ["Online seminar series"]
