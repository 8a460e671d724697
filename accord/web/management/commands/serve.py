"""`accord serve`: the production server (gunicorn, sync workers) with static files served by WhiteNoise."""

from __future__ import annotations

import os
import sys

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Accord with gunicorn (static files by WhiteNoise). Collects static files first in production."

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind",
            default=os.environ.get("ACCORD_BIND", "127.0.0.1:8000"),
            help="host:port to listen on (default 127.0.0.1:8000, env ACCORD_BIND)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("ACCORD_WORKERS", "4")),
            help="sync worker processes (default 4, env ACCORD_WORKERS)",
        )
        parser.add_argument("--timeout", type=int, default=60, help="worker timeout in seconds")
        parser.add_argument("--access-log", action="store_true", help="log every request to standard output")
        parser.add_argument("--no-collectstatic", action="store_true", help="skip collectstatic")

    def handle(self, *args, bind, workers, timeout, access_log, no_collectstatic, **options):
        if settings.PRODUCTION and not no_collectstatic:
            call_command("collectstatic", interactive=False, verbosity=0)
        # The page cache is shared by the workers and kept on disk (docs/decisions/0014): a body lives as long as
        # the server that built it, so a database restored or replaced while the server was stopped (its versions
        # counted again from where the copy had them) never meets the bodies of the one before.
        cache.clear()
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "accord.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--timeout",
            str(timeout),
            "--graceful-timeout",
            "10",
        ]
        if access_log:
            argv += ["--access-logfile", "-"]
        self.stdout.write(f"Accord on http://{bind}/ ({workers} workers). Stop with Ctrl+C.")
        self.stdout.flush()
        os.execv(sys.executable, argv)  # noqa: S606 - replaces this process so signals reach gunicorn directly
