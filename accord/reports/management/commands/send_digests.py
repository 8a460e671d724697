"""`accord send-digests`: send the digests and reminders due today. Safe to run as often as you like: each digest
goes once per person and period, each reminder once per item and end date."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accord.network.models import Network
from accord.reports.actions import send_due


class Command(BaseCommand):
    help = "Send the members' digests (weekly or monthly, as each chose) and reminders before owned items end."

    def add_arguments(self, parser):
        parser.add_argument("--network", help="only this network (its slug)")
        parser.add_argument("--date", help="act as if today were YYYY-MM-DD (to catch up a missed run)")
        parser.add_argument("--no-reminders", action="store_true", help="send the digests only")
        parser.add_argument("--no-digests", action="store_true", help="send the reminders only")
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="queue the daily run for the background worker (accord db_worker) instead",
        )

    def handle(self, *args, **options):
        if options["schedule"]:
            from accord.reports.tasks import schedule_daily

            try:
                when = schedule_daily()
            except ValueError as exc:
                raise CommandError(f"--schedule: {exc}") from None
            self.stdout.write(f"send-digests queued for the worker at {when:%Y-%m-%d %H:%M %Z} and daily after.")
            return
        network = None
        if options["network"]:
            network = Network.objects.filter(slug=options["network"]).first()
            if network is None:
                raise CommandError(f"--network: no network with the slug {options['network']!r}.")
        today = timezone.localdate()
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"--date: {options['date']!r} is not a date (YYYY-MM-DD).") from None
        summary = send_due(
            today, network=network, digests_on=not options["no_digests"], reminders_on=not options["no_reminders"]
        )
        self.stdout.write(
            f"{summary.digests} digest(s) and {summary.reminders} reminder(s) sent "
            f"to {summary.people} member(s) checked"
            + (f"; {summary.without_email} without an email address." if summary.without_email else ".")
        )
