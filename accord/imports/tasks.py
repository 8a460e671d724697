"""The background task that runs an import job: read the document, or save the reviewed draft.

Runs in `accord db_worker` (django-tasks' database backend), so the upload page never waits on a large file.
Each run takes the job from queued to review (read) or done (save), or to failed with one clear reason.
"""

from __future__ import annotations

import logging
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from accord.audit.actors import SYSTEM
from accord.imports.actions import do_import_draft
from accord.imports.diff import find_existing_plan
from accord.imports.drafts import draft_from_json, file_format, not_understood, owner_names, read_draft
from accord.imports.models import ImportJob, ImportStatus, ImportStep
from accord.imports.owners import resolve_names
from accord.imports.report import ImportReport, review_problems
from accord.imports.resolve import OwnerResolver
from accord.plans.models import SourceDocument
from accord.text.errors import DocumentError
from accord.text.timeframe import Context

logger = logging.getLogger(__name__)


def set_job_state(job: ImportJob, **values: Any) -> None:
    """The worker's progress notes on a job (status, step, result): bookkeeping, not an audited change."""
    for k, v in values.items():
        setattr(job, k, v)
    ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now(), **values)


def enqueue_job(job_id: int) -> None:
    result = run_import_job.enqueue(job_id)
    ImportJob.objects.filter(pk=job_id).exclude(task_id=str(result.id)).update(task_id=str(result.id)[:64])


@task()
def run_import_job(job_id: int) -> str:
    job = ImportJob.objects.select_related("network", "created_by", "saved_by").filter(pk=job_id).first()
    if job is None or job.status != ImportStatus.QUEUED:
        return job.status if job else "missing"
    set_job_state(job, status=ImportStatus.RUNNING, started_at=timezone.now())
    try:
        if job.step == ImportStep.READ:
            read_job(job)
        else:
            save_job(job)
    except DocumentError as exc:
        set_job_state(job, status=ImportStatus.FAILED, error=exc.reason, finished_at=timezone.now())
    except Exception as exc:  # any other failure is the job's, not the worker's: report it on the page
        logger.exception("import job %s failed", job.pk)
        message = "; ".join(getattr(exc, "messages", [])) or _("an unexpected error stopped the import")
        set_job_state(job, status=ImportStatus.FAILED, error=message, finished_at=timezone.now())
    return job.status


def job_context(job: ImportJob) -> Context | None:
    return Context.parse(job.context) if job.context else None


def read_job(job: ImportJob) -> None:
    data = job.read_bytes()
    draft = read_draft(job.file_name, data, context=job_context(job))
    resolver = OwnerResolver(job.network)
    proposals = resolve_names(draft, resolver)
    existing = find_existing_plan(job.network, draft)
    same_file = bool(existing and existing.source_document and existing.source_document.checksum == draft.checksum)
    items = draft.items()
    counts = {
        "sections": len(draft.sections),
        "items": len(items),
        "owners": len(owner_names(draft)),
        "owners_new": sum(1 for r in proposals.values() if r.is_new),
        "times_not_understood": len(not_understood(draft)),
    }
    problems = review_problems(draft)
    set_job_state(
        job,
        status=ImportStatus.REVIEW,
        draft=draft.to_json(),
        counts=counts,
        problems=problems,
        result={
            "proposals": {n: r.to_json() for n, r in proposals.items()},
            "existing_plan": existing.pk if existing else None,
            "same_file": same_file,
        },
        finished_at=timezone.now(),
    )


def save_job(job: ImportJob) -> None:
    draft = draft_from_json(job.draft or {})
    data = job.read_bytes()
    source = SourceDocument(
        name=job.file_name, checksum=job.checksum, size=job.size, format=file_format(job.file_name, data)
    )
    # Who asked for the save; a job whose person is gone is carried out by the system (the save was allowed when
    # it was queued, by do_queue_import_job).
    actor = job.saved_by or job.created_by or SYSTEM
    report: ImportReport = do_import_draft(
        actor,
        job.network,
        draft,
        source_document=source,
        resolutions=job.resolutions or {},
        choose_document_version=job.choose_document_version,
        add_chair_term=job.add_chair_term,
        delete_removed=job.delete_removed,
        decisions=(job.result or {}).get("decisions"),
    )
    result = dict(job.result or {})
    result["report"] = report.to_json()
    job.delete_upload()
    set_job_state(
        job,
        status=ImportStatus.DONE,
        result=result,
        plan_id=report.plan_id,
        source_document_id=source.pk if source.pk else None,
        data=None,
        upload="",
        finished_at=timezone.now(),
    )
