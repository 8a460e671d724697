"""The import job's life cycle (the upload page): record an upload, keep a person's review, queue the next
step, discard. Each is one action in one transaction; the task is enqueued once the transaction commits."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.audit import log
from accord.imports import permissions
from accord.imports.drafts import draft_from_json, not_understood, reparse_when, section_context
from accord.imports.models import ImportJob, ImportStatus, ImportStep
from accord.imports.report import review_problems
from accord.imports.tasks import enqueue_job, set_job_state
from accord.network.models import Network
from accord.network.permissions import require


@transaction.atomic
def do_create_import_job(
    actor: Any,
    network: Network,
    *,
    file_name: str,
    data: bytes = b"",
    checksum: str,
    context: str = "",
    status: str = ImportStatus.QUEUED,
    error: str = "",
    size: int | None = None,
    file: Any = None,
) -> ImportJob:
    """Record an upload and queue its reading once the transaction commits.

    The document (`file`, an uploaded file streamed from disk, or `data`) is stored under MEDIA_ROOT, not in
    the row. A file refused at the door (too large, empty) is recorded as failed with its reason and never read.
    """
    require(actor, permissions.can_import(actor, network))
    if size is None:
        size = file.size if file is not None else len(data)
    job = ImportJob(
        network=network,
        file_name=file_name[:255],
        size=size,
        checksum=checksum,
        context=context[:40],
        status=status,
        error=error,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        finished_at=timezone.now() if status == ImportStatus.FAILED else None,
    )
    if status == ImportStatus.QUEUED:
        job.upload.save("upload", file if file is not None else ContentFile(data), save=False)
    try:
        job.save()
    except Exception:
        job.delete_upload()  # the row was not written: the file must not stay behind
        raise
    log.record_create(actor, job, ["file_name", "size", "status"])
    if job.status == ImportStatus.QUEUED:
        transaction.on_commit(lambda: enqueue_job(job.pk))
    return job


def do_review_import_job(
    actor: Any,
    job: ImportJob,
    *,
    title: str | None = None,
    resolutions: Mapping[str, Any] | None = None,
    when: Mapping[str, str] | None = None,
    choose_document_version: bool | None = None,
    add_chair_term: bool | None = None,
    delete_removed: bool | None = None,
    decisions: Mapping[str, bool] | None = None,
    context_fallback: Any = None,
) -> ImportJob:
    """Keep a person's fixes on the draft: owner choices, the title, When texts (re-read in context), and for a
    revised document which of its changes to apply (`decisions`: change key -> apply?)."""
    require(actor, permissions.can_edit_import_job(actor, job))
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.status != ImportStatus.REVIEW or job.draft is None:
            raise ValidationError(_("This import is not waiting for review."))
        draft = draft_from_json(job.draft)
        if title is not None and title.strip():
            draft.title = " ".join(title.split())[:300]
        for key, text in (when or {}).items():
            si, _sep, ii = key.partition("-")
            try:
                section = draft.sections[int(si)]
                item = section.items[int(ii)]
            except (ValueError, IndexError):
                continue
            text = " ".join((text or "").split())
            if text == (item.when_raw or ""):
                continue
            item.when_raw = text or None
            item.timeframe = reparse_when(text, section_context(draft, section, context_fallback))
            item.tentative = bool(item.timeframe and item.timeframe.tentative)
        job.draft = draft.to_json()
        job.problems = review_problems(draft)
        job.counts = {**(job.counts or {}), "times_not_understood": len(not_understood(draft))}
        if resolutions is not None:
            merged = dict(job.resolutions)
            merged.update({k: dict(v) for k, v in resolutions.items()})
            job.resolutions = merged
        if choose_document_version is not None:
            job.choose_document_version = choose_document_version
        if add_chair_term is not None:
            job.add_chair_term = add_chair_term
        if delete_removed is not None:
            job.delete_removed = delete_removed
        if decisions is not None:
            job.result = {**(job.result or {}), "decisions": {str(k): bool(v) for k, v in decisions.items()}}
        job.save(
            update_fields=[
                "draft",
                "problems",
                "counts",
                "resolutions",
                "choose_document_version",
                "add_chair_term",
                "delete_removed",
                "result",
                "updated_at",
            ]
        )
    return job


def do_queue_import_job(actor: Any, job: ImportJob, step: str) -> ImportJob:
    """Put a job in the queue for its next step; the task is enqueued only once the transaction commits."""
    require(actor, permissions.can_edit_import_job(actor, job))
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if step == ImportStep.SAVE and job.status != ImportStatus.REVIEW:
            raise ValidationError(_("This import is not waiting to be saved."))
        job.status, job.step = ImportStatus.QUEUED, step
        if step == ImportStep.SAVE and getattr(actor, "is_authenticated", False):
            job.saved_by = actor
        job.save(update_fields=["status", "step", "saved_by", "updated_at"])
        log.record(actor, log.AuditAction.UPDATE, job, {"status": (None, "queued"), "step": (None, step)})
        transaction.on_commit(lambda: enqueue_job(job.pk))
    return job


@transaction.atomic
def do_discard_import_job(actor: Any, job: ImportJob) -> None:
    require(actor, permissions.can_edit_import_job(actor, job))
    if job.status in (ImportStatus.DONE, ImportStatus.DISCARDED):
        return
    log.record(actor, log.AuditAction.UPDATE, job, {"status": (job.status, ImportStatus.DISCARDED)})
    job.delete_upload()
    set_job_state(job, status=ImportStatus.DISCARDED, data=None, upload="")


@transaction.atomic
def do_save_reviewed_import_job(actor: Any, job: ImportJob, **review: Any) -> ImportJob:
    """A person's review kept and the job queued to be saved, in one transaction: both happen or neither."""
    job = do_review_import_job(actor, job, **review)
    return do_queue_import_job(actor, job, ImportStep.SAVE)
