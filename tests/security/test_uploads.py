"""Uploads: refused by size before the body is read, cut off while streaming, a total per request, and stored on
disk under MEDIA_ROOT rather than in the job row."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import StopUpload
from django.test import override_settings
from django.urls import reverse

from accord.imports import jobs as actions
from accord.imports.models import ImportJob, ImportStatus
from accord.imports.tasks import run_import_job
from accord.web.uploads import LimitedTemporaryFileUploadHandler
from tests.imports.conftest import WORK_PROGRAMME

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MB = 1024 * 1024


class ExplodingInput(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


@pytest.mark.django_db
def test_a_request_over_the_total_is_refused_from_its_content_length_unread(client, network, secretariat, settings):
    client.force_login(secretariat)
    size = settings.ACCORD_MAX_REQUEST_MB * MB + 1
    response = client.generic(
        "POST",
        reverse("imports:upload", args=[network.slug]),
        b"",
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(size),
        **{"wsgi.input": ExplodingInput()},
    )
    assert response.status_code == 413
    assert f"at most {settings.ACCORD_MAX_REQUEST_MB} MB" in response.content.decode()
    assert not ImportJob.objects.exists()


@pytest.mark.django_db
def test_many_files_that_add_up_past_the_total_are_refused(client, network, secretariat, settings):
    settings.ACCORD_MAX_REQUEST_MB = 2
    client.force_login(secretariat)
    files = [SimpleUploadedFile(f"f{i}.txt", b"x" * MB) for i in range(3)]
    response = client.post(reverse("imports:upload", args=[network.slug]), {"files": files})
    assert response.status_code == 413 and not ImportJob.objects.exists()


@pytest.mark.django_db
def test_a_file_growing_past_the_limit_is_dropped_while_streaming_and_the_others_kept(
    client, network, secretariat, settings, django_capture_on_commit_callbacks
):
    settings.ACCORD_MAX_UPLOAD_MB = 1
    client.force_login(secretariat)
    big = SimpleUploadedFile("huge.txt", b"y" * (MB + 200_000))
    good = SimpleUploadedFile("wp.txt", WORK_PROGRAMME.encode())
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(reverse("imports:upload", args=[network.slug]), {"files": [big, good]})
    assert response.status_code == 302
    refused = ImportJob.objects.get(file_name="huge.txt")
    assert refused.status == ImportStatus.FAILED and "the limit is 1 MB" in refused.error
    assert not refused.upload and refused.data is None
    assert ImportJob.objects.get(file_name="wp.txt").status == ImportStatus.QUEUED


def test_the_upload_handler_stops_a_request_past_the_total_without_a_length(settings):
    settings.ACCORD_MAX_REQUEST_MB = 1
    settings.ACCORD_MAX_UPLOAD_MB = 1

    class Request:
        pass

    request = Request()
    handler = LimitedTemporaryFileUploadHandler(request)
    with pytest.raises(StopUpload):
        for i in range(3):
            handler.new_file("files", f"f{i}.txt", "text/plain", None)
            handler.receive_data_chunk(b"z" * (MB // 2), 0)
            handler.file_complete(MB // 2)
    assert request.refused_uploads == [("f2.txt", MB // 2)]


@pytest.mark.django_db
def test_an_upload_is_stored_on_disk_privately_not_in_the_row_and_removed_once_saved(
    client, network, secretariat, settings, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=False):
        client.post(
            reverse("imports:upload", args=[network.slug]),
            {"files": [SimpleUploadedFile("wp.txt", WORK_PROGRAMME.encode())]},
        )
    job = ImportJob.objects.get()
    assert job.data is None and job.upload.name.startswith(f"imports/{network.pk}/")
    path = Path(settings.MEDIA_ROOT) / job.upload.name
    assert path.read_bytes() == WORK_PROGRAMME.encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "wp" not in path.name  # the browser's file name never becomes a path
    run_import_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.REVIEW
    with override_settings(TASKS=IMMEDIATE), django_capture_on_commit_callbacks(execute=True):
        actions.do_queue_import_job(secretariat, job, "save")
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and not job.upload and not path.exists()


@pytest.mark.django_db
def test_discarding_removes_the_file(client, network, secretariat, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        job = actions.do_create_import_job(
            secretariat, network, file_name="wp.txt", data=WORK_PROGRAMME.encode(), checksum="c"
        )
    path = Path(settings.MEDIA_ROOT) / job.upload.name
    assert path.exists()
    actions.do_discard_import_job(secretariat, job)
    assert not path.exists()


@pytest.mark.django_db
def test_a_job_recorded_with_its_bytes_in_the_row_is_still_read(network):
    job = ImportJob.objects.create(
        network=network, file_name="old.txt", data=WORK_PROGRAMME.encode(), checksum="c", size=len(WORK_PROGRAMME)
    )
    run_import_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.REVIEW and job.counts["items"] == 6
