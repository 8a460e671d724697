"""`accord generate-demo --scale N`: a large generated network for trying Accord at size and for benchmarks."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accord.testing.demo import SLUG, build_demo


class Command(BaseCommand):
    help = (
        "Build a large generated network (at scale 1: 40 plans, 10,000 items, 300 organisations, "
        "2,000 events, 500 people) with a demo login. Replaces a generated network of the same slug."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="size factor; may be fractional (0.1)")
        parser.add_argument("--seed", type=int, default=1, help="random seed (the same seed, the same network)")
        parser.add_argument("--slug", default=SLUG, help=f"network slug (default {SLUG})")

    def handle(self, *args, scale, seed, slug, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "accord generate-demo creates accounts with a published password; it does not run "
                "in production mode (ACCORD_PRODUCTION=1)."
            )
        if not 0 < scale <= 20:
            raise CommandError("--scale must be more than 0 and at most 20.")
        began = time.perf_counter()
        summary = build_demo(scale, seed=seed, slug=slug)
        took = time.perf_counter() - began
        self.stdout.write(
            f"Built {summary.network.name} ({summary.network.slug}) in {took:.1f} s: {summary.plans} plans, "
            f"{summary.items} items, {summary.organisations} organisations, {summary.events} events, "
            f"{summary.people} people, {summary.users} accounts.\n"
            f"Sign in as {summary.login[0]} / {summary.login[1]} (member editor for "
            f"{summary.network.roles.get(user__username=summary.login[0]).organisation})."
        )
