"""The daily digest run as a background task: `accord send-digests --schedule` queues it once; each run sends
what is due and queues the next one for the following day at ACCORD_DIGEST_HOUR (local time)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from accord.reports.actions import send_due


def next_run(now: dt.datetime | None = None) -> dt.datetime:
    """The next ACCORD_DIGEST_HOUR o'clock, local time, after `now`."""
    now = timezone.localtime(now or timezone.now())
    hour = int(getattr(settings, "ACCORD_DIGEST_HOUR", 7))
    run = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    return run if run > now else run + dt.timedelta(days=1)


def _already_queued() -> bool:
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=send_digests_daily.module_path, status=TaskResultStatus.READY).exists()


def schedule_daily(now: dt.datetime | None = None) -> dt.datetime:
    """Queue the next daily run unless one is waiting already (so scheduling twice queues one)."""
    from django_tasks import default_task_backend

    when = next_run(now)
    if not default_task_backend.supports_defer:
        raise ValueError(
            f"the task backend {settings.TASKS['default']['BACKEND']} cannot run a task later: "
            "use django_tasks_db.DatabaseBackend (ACCORD_TASKS_BACKEND), or a scheduler running "
            "`accord send-digests` daily"
        )
    if "DatabaseBackend" in settings.TASKS["default"]["BACKEND"] and _already_queued():
        return when
    send_digests_daily.using(run_after=when).enqueue()
    return when


@task()
def send_digests_daily() -> dict[str, int]:
    summary = send_due(timezone.localdate())
    schedule_daily()
    return {"digests": summary.digests, "reminders": summary.reminders, "people": summary.people}
