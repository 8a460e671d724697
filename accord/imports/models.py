"""Import jobs: one uploaded document on its way from bytes to a saved plan, and what the importer made of it."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.network.models import Network
from accord.plans.models import Item, Plan, SourceDocument


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    # Read and understood; waiting for a person to check owners and times and save.
    REVIEW = "review", _("ready to review")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")
    DISCARDED = "discarded", _("discarded")


ACTIVE_STATUSES = (ImportStatus.QUEUED, ImportStatus.RUNNING)

# A queued job no worker has started after this long says so on the page: the worker is probably not running.
WORKER_WAIT_SECONDS = 15


def runs_in_background() -> bool:
    """Whether tasks wait for `accord db_worker` (the database backend) rather than running at once."""
    backend = str(settings.TASKS.get("default", {}).get("BACKEND", ""))
    return not backend.endswith(("ImmediateBackend", "DummyBackend"))


class ImportStep(models.TextChoices):
    READ = "read", _("reading")
    SAVE = "save", _("saving")


def upload_path(job: ImportJob, filename: str) -> str:
    """Where an upload waits under MEDIA_ROOT: a random name per network, never the name the browser sent."""
    return f"imports/{job.network_id}/{uuid.uuid4().hex}.upload"


class ImportJob(models.Model):
    """One file being imported through the upload page (or recorded by `accord import`)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="import_jobs")
    file_name = models.CharField(max_length=255)
    checksum = models.CharField(max_length=64, blank=True, help_text=_("SHA-256 of the file's bytes"))
    size = models.PositiveBigIntegerField(default=0)
    # The uploaded file, on disk under MEDIA_ROOT ($ACCORD_HOME/media) until the import is saved or discarded.
    upload = models.FileField(upload_to=upload_path, max_length=300, blank=True, editable=False)
    # Jobs recorded before uploads went to disk kept their bytes here; read, never written for new jobs.
    data = models.BinaryField(null=True, blank=True, editable=False)
    context = models.CharField(
        max_length=40,
        blank=True,
        help_text=_('Period to read times in when the document names none: "2021" or "2021-07-01..2021-12-31"'),
    )
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    step = models.CharField(max_length=4, choices=ImportStep.choices, default=ImportStep.READ)
    # The Draft as JSON (docs/importing.md), with the person's fixes applied before saving.
    draft = models.JSONField(null=True, blank=True)
    # How each owner name will be saved: {name: {"action": ..., "id": ...}} (see accord.imports.resolve).
    resolutions = models.JSONField(default=dict, blank=True)
    choose_document_version = models.BooleanField(default=False)
    add_chair_term = models.BooleanField(default=False)
    # Delete the items a revised document no longer has, instead of marking them "removed from the document".
    delete_removed = models.BooleanField(default=False)
    # The ImportReport once saved, or the reading summary while in review.
    result = models.JSONField(default=dict, blank=True)
    problems = models.JSONField(default=list, blank=True)
    counts = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True, help_text=_("Why the file could not be imported, in one sentence."))
    source_document = models.ForeignKey(
        SourceDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="import_jobs"
    )
    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="import_jobs")
    task_id = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["network", "created_at"])]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("imports:job", args=[self.network.slug, self.pk])

    def audit_network_id(self) -> int:
        return self.network_id

    def read_bytes(self) -> bytes:
        """The uploaded document: from its file, or from the row for a job recorded before uploads went to disk."""
        if self.upload:
            with self.upload.open("rb") as handle:
                return handle.read()
        return bytes(self.data or b"")

    def delete_upload(self) -> None:
        """Remove the uploaded file from disk (once saved or discarded); the row keeps its name, size and checksum."""
        if self.upload:
            self.upload.storage.delete(self.upload.name)
            self.upload = ""

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def waiting_for_worker(self) -> bool:
        """Queued for longer than a worker takes to pick a job up: no worker seems to be running."""
        if self.status != ImportStatus.QUEUED or not runs_in_background() or self.updated_at is None:
            return False
        return timezone.now() - self.updated_at > dt.timedelta(seconds=WORKER_WAIT_SECONDS)

    @property
    def progress(self) -> int:
        """A coarse percentage for the progress bar: the worker reports steps, not bytes."""
        if self.status == ImportStatus.QUEUED:
            return 10 if self.step == ImportStep.READ else 70
        if self.status == ImportStatus.RUNNING:
            return 40 if self.step == ImportStep.READ else 85
        if self.status == ImportStatus.REVIEW:
            return 60
        return 100


class ImportedItem(models.Model):
    """The version an item had when an import last wrote it: a higher version means a person edited it since.

    Re-importing a revised document keeps such edits unless the person chooses the document's version.
    """

    item = models.OneToOneField(Item, on_delete=models.CASCADE, related_name="imported")
    source_document = models.ForeignKey(
        SourceDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"{self.item_id} @ v{self.version}"
