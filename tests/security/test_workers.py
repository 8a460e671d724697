"""Several `accord db_worker` processes share the import queue: each job is run once, by one of them, so a slow
document holds up only the worker reading it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.imports.conftest import WORK_PROGRAMME

ROOT = Path(__file__).resolve().parents[2]

SETUP = """
from accord.audit.actors import SYSTEM
from accord.testing import factories as f
from accord.imports import jobs
from django.db import transaction
net = f.make_network("Workers", slug="workers")
for i in range(8):
    with transaction.atomic():
        jobs.do_create_import_job(SYSTEM, net, file_name=f"wp{i}.txt", data=WP.encode(), checksum=str(i))
"""

REPORT = """
import json
from accord.imports.models import ImportJob
from accord.audit.actors import SYSTEM
from django_tasks_db.models import DBTaskResult
print(json.dumps({"jobs": sorted(ImportJob.objects.values_list("status", flat=True)),
                  "runs": [r.worker_ids for r in DBTaskResult.objects.all()]}))
"""


@pytest.mark.slow
def test_two_workers_share_the_queue_and_never_run_a_job_twice(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "ACCORD_PRODUCTION"}}
    env.update({"ACCORD_HOME": str(tmp_path), "LOG_LEVEL": "ERROR"})
    accord = [sys.executable, "-m", "accord.cli"]

    def run(*args: str) -> str:
        result = subprocess.run([*accord, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout

    run("migrate", "--noinput", "-v0")
    run("shell", "-c", f"WP = {WORK_PROGRAMME!r}\n" + SETUP)
    workers = [
        subprocess.Popen(
            [*accord, "db_worker", "--batch", "--no-startup-delay", "--no-reload", "--worker-id", f"w{i}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for i in range(2)
    ]
    for worker in workers:
        with worker:  # closes its stderr pipe (filterwarnings = error: an unclosed pipe fails the test)
            assert worker.wait(timeout=240) == 0, worker.stderr.read().decode()[-2000:]
    report = json.loads(run("shell", "-c", REPORT).strip().splitlines()[-1])
    assert report["jobs"] == ["review"] * 8
    assert len(report["runs"]) == 8 and all(len(ids) == 1 for ids in report["runs"])  # each run once
