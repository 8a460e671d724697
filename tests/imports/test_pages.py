"""The upload and review pages through the test client, with the task run at once (django-tasks' immediate backend)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from accord.audit.actors import SYSTEM
from accord.imports import actions, jobs
from accord.imports.drafts import read_draft
from accord.imports.models import ImportJob, ImportStatus
from accord.network.models import NetworkRole, Organisation
from accord.plans.models import Item, Plan
from accord.testing import factories as f
from tests.imports.conftest import WORK_PROGRAMME

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def upload(client, network, *files, context="", headers=None, run=None):
    data = {"files": list(files), "context": context}
    if run is not None:
        with run(execute=True):
            return client.post(reverse("imports:upload", args=[network.slug]), data, headers=headers or {})
    return client.post(reverse("imports:upload", args=[network.slug]), data, headers=headers or {})


def wp(name="wp.txt", text=WORK_PROGRAMME):
    return SimpleUploadedFile(name, text.encode(), content_type="text/plain")


def test_only_secretariat_and_admin_see_the_upload_page_and_its_link(
    client, network, other_network, make_member, secretariat
):
    url = reverse("imports:upload", args=[network.slug])
    assert client.get(url).status_code == 302  # anonymous: sign in
    for role in (NetworkRole.VIEWER, NetworkRole.MEMBER_EDITOR):
        client.force_login(make_member(role))
        assert client.get(url).status_code == 403
        assert url not in client.get(reverse("plans:plans", args=[network.slug])).content.decode()
    client.force_login(make_member(NetworkRole.ADMIN, net=other_network))
    assert client.get(url).status_code == 404
    client.force_login(secretariat)
    assert client.get(url).status_code == 200
    assert f'href="{url}"' in client.get(reverse("plans:plans", args=[network.slug])).content.decode()


def test_a_viewer_cannot_upload(client, network, make_member):
    client.force_login(make_member(NetworkRole.VIEWER))
    assert upload(client, network, wp()).status_code == 403
    assert not ImportJob.objects.exists()


@override_settings(TASKS=IMMEDIATE)
def test_upload_read_review_fix_and_save(client, network, secretariat, django_capture_on_commit_callbacks):
    client.force_login(secretariat)
    empty = SimpleUploadedFile("empty.txt", b"  \n", content_type="text/plain")
    response = upload(client, network, wp(), empty, run=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    good = ImportJob.objects.get(file_name="wp.txt")
    bad = ImportJob.objects.get(file_name="empty.txt")
    assert good.status == ImportStatus.REVIEW and good.counts["items"] == 6
    assert bad.status == ImportStatus.FAILED and bad.error == "the file is empty" and bad.data is None
    listing = client.get(reverse("imports:upload", args=[network.slug])).content.decode()
    assert "the file is empty" in listing and "Check and save" in listing and "<progress" in listing

    page = client.get(reverse("imports:job", args=[network.slug, good.pk])).content.decode()
    assert "Set up a mailing list" in page and "Steering Board" in page
    assert "Time not understood" in page or "time not understood" in page  # the problem list
    assert 'name="when-1-1"' in page and "sometime soonish" in page

    names = sorted(good.result["proposals"])
    choices = {"BETA": "new_org", "GAMMA": "text", "ALPHA": "proposal", "Steering Board": "new_group"}
    data = {
        "title": "Work Programme 2023",
        "add_chair_term": "",
        **{f"owner-{i}": choices[n] for i, n in enumerate(names)},
        **{f"when-{si}-{ii}": "" for si, ii in ((0, 0), (0, 1), (0, 2), (0, 3), (1, 0), (1, 1))},
    }
    data.update(
        {
            "when-0-0": "January 2023",
            "when-0-1": "Ongoing",
            "when-0-2": "June 2023",
            "when-1-0": "May 2023",
            "when-1-1": "March 2023",
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:save", args=[network.slug, good.pk]), data)
    assert response.status_code == 302
    good.refresh_from_db()
    assert good.status == ImportStatus.DONE, good.error
    assert not any("sometime soonish" in p for p in good.problems)  # the fixed time is no longer a problem
    plan = Plan.objects.get(network=network)
    assert good.plan == plan and plan.title == "Work Programme 2023" and good.data is None
    seminar = Item.objects.get(plan=plan, what="Online seminar series")
    assert (seminar.when_text, seminar.start, seminar.end) == ("March 2023", dt.date(2023, 3, 1), dt.date(2023, 3, 31))
    summer = Item.objects.get(plan=plan, what="Summer school on negotiation")
    assert [o.name for o in summer.owners.all()] == ["GAMMA", "Steering Board"]
    assert summer.owners.all()[0].text == "GAMMA" and summer.owners.all()[1].group is not None
    assert Organisation.objects.filter(short_name="BETA").exists()
    assert plan.source_document.uploaded_by == secretariat and seminar.source_location["line"] == 22
    done = client.get(reverse("imports:job", args=[network.slug, good.pk])).content.decode()
    assert "Saved as a new plan" in done and reverse("plans:plan", args=[network.slug, plan.pk]) in done


@override_settings(TASKS=IMMEDIATE)
def test_uploading_a_revision_shows_the_plan_it_updates_and_what_changed(
    client, network, secretariat, django_capture_on_commit_callbacks
):
    actions.do_import_draft(SYSTEM, network, read_draft("wp.txt", WORK_PROGRAMME.encode()))
    client.force_login(secretariat)
    revised = WORK_PROGRAMME.replace("Quarterly newsletter\tBETA\tOngoing\n", "")
    upload(client, network, wp("wp-v2.txt", revised), run=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    page = client.get(reverse("imports:job", args=[network.slug, job.pk])).content.decode()
    assert "This document revises" in page and "Removed from the document" in page
    assert 'name="accept" value="removed:' in page
    names = sorted(job.result["proposals"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("imports:save", args=[network.slug, job.pk]),
            {
                "title": "Work Programme",
                **{f"owner-{i}": "proposal" for i in range(len(names))},
                **{
                    f"when-{k}": v
                    for k, v in (
                        ("0-0", "January 2023"),
                        ("0-1", "June 2023"),
                        ("0-2", ""),
                        ("1-0", "May 2023"),
                        ("1-1", "sometime soonish"),
                    )
                },
            },
        )
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.result["report"]["removed"] == ["Quarterly newsletter"]
    assert Plan.objects.count() == 1
    page = client.get(reverse("imports:job", args=[network.slug, job.pk])).content.decode()
    assert "The plan was updated" in page and "Quarterly newsletter" in page


@override_settings(TASKS=IMMEDIATE)
def test_one_file_per_request_answers_its_row_for_the_script(
    client, network, secretariat, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    response = upload(
        client, network, wp(), headers={"X-Requested-With": "XMLHttpRequest"}, run=django_capture_on_commit_callbacks
    )
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith("<li") and "wp.txt" in html
    assert "<html" not in html


def test_too_large_a_file_fails_with_the_limit_named(
    client, network, secretariat, settings, django_capture_on_commit_callbacks
):
    settings.ACCORD_MAX_UPLOAD_MB = 1
    client.force_login(secretariat)
    big = SimpleUploadedFile("huge.pdf", b"%PDF-1.4 " + b"0" * (1024 * 1024 + 1), content_type="application/pdf")
    upload(client, network, big, wp(), run=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get(file_name="huge.pdf")
    assert job.status == ImportStatus.FAILED and "the limit is 1 MB" in job.error and job.data is None
    assert ImportJob.objects.get(file_name="wp.txt").status != ImportStatus.FAILED


@override_settings(TASKS=IMMEDIATE)
def test_an_unreadable_file_fails_in_the_worker_with_its_reason(
    client, network, secretariat, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    corrupt = SimpleUploadedFile("report.docx", b"PK\x03\x04 this is not really a zip", content_type="application/zip")
    upload(client, network, corrupt, run=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.FAILED and job.error
    page = client.get(reverse("imports:job", args=[network.slug, job.pk])).content.decode()
    assert "Not imported:" in page and "Nothing of this file was saved." in page


@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_the_page_answers_at_once_and_the_worker_reads(client, settings):
    # Committed for real (the worker runs its own transactions and closes its connections), as in production.
    settings.TASKS = DATABASE
    network = f.make_network("Worker Network", slug="worker")
    secretariat = f.make_user()
    f.grant(secretariat, network, NetworkRole.SECRETARIAT)
    client.force_login(secretariat)
    upload(client, network, wp())
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.QUEUED and job.task_id
    row = client.get(reverse("imports:status", args=[network.slug, job.pk]) + "?row=1").content.decode()
    assert 'hx-trigger="every 1s"' in row and "<progress" in row
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO(), stderr=io.StringIO())
    job.refresh_from_db()
    assert job.status == ImportStatus.REVIEW
    head = client.get(reverse("imports:status", args=[network.slug, job.pk]) + "?was_active=1")
    assert head["HX-Refresh"] == "true" and "every 1s" not in head.content.decode()


@override_settings(TASKS=IMMEDIATE)
def test_the_when_field_is_read_live_in_the_documents_period(
    client, network, secretariat, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    upload(client, network, wp(), run=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    url = reverse("imports:when", args=[network.slug, job.pk])
    html = client.get(url, {"key": "1-1", "when-1-1": "March"}, headers={"HX-Request": "true"}).content.decode()
    assert "Understood:" in html and "1 Mar 2023" in html and "31 Mar 2023" in html
    html = client.get(url, {"key": "1-1", "when-1-1": "whenever"}).content.decode()
    assert "Not understood" in html


@override_settings(TASKS=IMMEDIATE)
def test_discard(client, network, secretariat, django_capture_on_commit_callbacks):
    client.force_login(secretariat)
    upload(client, network, wp(), run=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    client.post(reverse("imports:discard", args=[network.slug, job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.DISCARDED and job.data is None and not Plan.objects.exists()
    response = client.post(reverse("imports:save", args=[network.slug, job.pk]), {"title": "x"})
    assert response.status_code == 302 and not Plan.objects.exists()


def test_another_networks_job_is_not_found(client, network, other_network, secretariat, make_member):
    job = jobs.do_create_import_job(SYSTEM, other_network, file_name="x.txt", data=b"x", checksum="c")
    client.force_login(secretariat)
    for name in ("job", "status", "when"):
        assert client.get(reverse(f"imports:{name}", args=[network.slug, job.pk])).status_code == 404


@pytest.mark.parametrize("n", [3, 30])
def test_upload_page_queries_do_not_grow_with_the_jobs(client, network, secretariat, n, django_assert_max_num_queries):
    plan = f.make_plan(network)
    for i in range(n):
        job = jobs.do_create_import_job(
            SYSTEM,
            network,
            file_name=f"doc{i}.txt",
            data=b"",
            checksum="",
            status=ImportStatus.FAILED,
            error="the file is empty",
        )
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.DONE, plan=plan, created_by=secretariat)
    client.force_login(secretariat)
    url = reverse("imports:upload", args=[network.slug])
    with django_assert_max_num_queries(6):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("repeat", [1, 8])
@override_settings(TASKS=IMMEDIATE)
def test_review_page_queries_do_not_grow_with_the_document(
    client, network, secretariat, orgs, repeat, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    f.net_actions.do_add_membership(SYSTEM, network, orgs["ZSI"])
    rows = "".join(f"Task {i}\tORG{i}/ZSI\tMay 2023\n" for i in range(10 * repeat))
    text = WORK_PROGRAMME.replace("Online seminar series\tBETA\tsometime soonish\n", rows)
    client.force_login(secretariat)
    upload(client, network, wp(text=text), run=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.REVIEW
    url = reverse("imports:job", args=[network.slug, job.pk])
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200


@override_settings(TASKS=IMMEDIATE)
def test_a_name_created_by_saving_one_file_is_proposed_for_the_next(
    client, network, secretariat, django_capture_on_commit_callbacks
):
    other = "Second plan\nJuly – December 2023\n\nWhat?\tWho?\tWhen?\nFollow-up call\tBETA\tJuly 2023\n"
    client.force_login(secretariat)
    upload(client, network, wp(), wp("second.txt", other), run=django_capture_on_commit_callbacks)
    first, second = ImportJob.objects.get(file_name="wp.txt"), ImportJob.objects.get(file_name="second.txt")
    assert second.result["proposals"]["BETA"]["action"] == "new_organisation"
    names = sorted(first.result["proposals"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("imports:save", args=[network.slug, first.pk]),
            {"title": "Work Programme", **{f"owner-{i}": "proposal" for i in range(len(names))}},
        )
    beta = Organisation.objects.get(short_name="BETA")
    page = client.get(reverse("imports:job", args=[network.slug, second.pk])).content.decode()
    assert "As proposed: organisation BETA" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("imports:save", args=[network.slug, second.pk]),
            {"title": "Second plan", "owner-0": "proposal", "when-0-0": "July 2023"},
        )
    assert Item.objects.get(what="Follow-up call").owners.get().organisation == beta
    assert Organisation.objects.filter(short_name__iexact="beta").count() == 1


@override_settings(TASKS=IMMEDIATE)
def test_saving_a_review_keeps_it_and_queues_the_save_in_one_transaction(
    client, network, secretariat, monkeypatch, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    upload(client, network, wp(), run=django_capture_on_commit_callbacks)
    job = ImportJob.objects.get(file_name="wp.txt")
    assert job.status == ImportStatus.REVIEW

    def refuse(*args, **kwargs):
        raise ValidationError("the queue refused")

    monkeypatch.setattr(jobs, "do_queue_import_job", refuse)
    with pytest.raises(ValidationError), django_capture_on_commit_callbacks(execute=True):
        jobs.do_save_reviewed_import_job(secretariat, job, title="A title the person typed")
    job.refresh_from_db()
    # The queueing failed, so the review it came with was not kept either.
    assert job.status == ImportStatus.REVIEW and job.draft["title"] != "A title the person typed"
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        jobs.do_save_reviewed_import_job(secretariat, job, title="A title the person typed")
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.plan.title == "A title the person typed"
