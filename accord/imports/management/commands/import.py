"""`accord import FILE... [--network SLUG] [--context YEAR|START..END] [--dry-run] [--json]`.

With --dry-run and --network, a document that revises a plan of the network lists every change saving it would
make (the review page's change report), nothing written.

Each file is read, its owners resolved (files of one run share what they learn: "DLR-PT" in the first file
makes "DLR" in the next one DLR-PT) and, without --dry-run, saved in its own transaction. A file that cannot be
read gets one line naming it and the reason; the other files still import. The exit status is 1 if any failed.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.audit.actors import SYSTEM
from accord.imports.actions import do_import_draft, preview_import
from accord.imports.drafts import checksum, file_format, max_upload_bytes, read_draft
from accord.imports.owners import canonicalise, resolve_names
from accord.imports.report import shorten
from accord.imports.resolve import OwnerResolver
from accord.network.models import Network
from accord.plans.models import SourceDocument
from accord.text.errors import DocumentError, DocumentTooLarge
from accord.text.timeframe import Context

README = re.compile(r"^readme(?:\.[a-z]+)?$", re.I)


class Command(BaseCommand):
    help = "Import planning documents (.txt .md .html .docx .pdf .csv .xlsx) as plans of a network."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--network", help="slug of the network to import into (required unless --dry-run)")
        parser.add_argument(
            "--context", help="year (2021) or period (2021-07-01..2021-12-31) for documents that state none"
        )
        parser.add_argument("--dry-run", action="store_true", help="read and resolve, write nothing")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
        parser.add_argument(
            "--document-version",
            action="store_true",
            help="on re-import, let the document's version win over edits made in Accord",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        self._require_migrated()
        network = None
        if opts["network"]:
            network = Network.objects.filter(slug=opts["network"]).first()
            if network is None:
                raise CommandError(f"No network with the slug {opts['network']!r}.")
        elif not opts["dry_run"]:
            raise CommandError("--network is required to import (or use --dry-run).")
        try:
            context = Context.parse(opts["context"]) if opts["context"] else None
        except ValueError as exc:
            raise CommandError(str(exc)) from exc

        resolver = OwnerResolver(network)
        results: list[dict[str, Any]] = []
        failed = 0
        for path in self._expand(opts["files"]):
            name = path.name
            if README.match(name):
                # A folder's README describes the documents; it is not one (`accord import examples/*`).
                self.stderr.write(f"{name}: skipped (a README is not a planning document)")
                continue
            try:
                data = self._read(path)
                draft = read_draft(name, data, context=context)
            except DocumentError as exc:
                failed += 1
                results.append({"source": name, "error": exc.reason})
                self.stderr.write(f"{name}: {exc.reason}")
                continue
            except Exception as exc:  # a fault in reading one file is that file's; the others still import
                failed += 1
                reason = f"the file could not be read ({type(exc).__name__}: {exc})"
                results.append({"source": name, "error": reason})
                self.stderr.write(f"{name}: {reason}")
                continue
            if opts["dry_run"]:
                # A document that revises a plan lists what saving it would change there, as the review page does.
                plan, changes = preview_import(network, draft, resolver=resolver) if network else (None, [])
                canonicalise(draft, resolve_names(draft, resolver))
                data_out = draft.to_json()
                if plan is not None:
                    data_out["revises"] = {"plan": plan.pk, "changes": [asdict(c) for c in changes]}
                results.append(data_out)
                if not opts["json"]:
                    self.stdout.write(
                        f"{name}: {len(draft.sections)} sections, {len(draft.items())} items (dry run, nothing written)"
                    )
                    if plan is not None:
                        self.stdout.write(f"  revises plan “{plan.title}”: {len(changes)} change(s)")
                        for c in changes:
                            mark = " (edited in Accord: kept unless --document-version)" if c.edited else ""
                            self.stdout.write(
                                f"  {c.kind_label}: {shorten(c.what)}: {c.before or '—'} → {c.after or '—'}{mark}"
                            )
                continue
            source = SourceDocument(
                name=name[:255], checksum=checksum(data), size=len(data), format=file_format(name, data)
            )
            try:
                report = do_import_draft(
                    SYSTEM,
                    network,
                    draft,
                    source_document=source,
                    resolver=resolver,
                    choose_document_version=opts["document_version"],
                )
            except Exception as exc:  # one file's failure is reported; the others still import
                failed += 1
                reason = "; ".join(getattr(exc, "messages", [])) or str(exc) or type(exc).__name__
                results.append({"source": name, "error": reason})
                self.stderr.write(f"{name}: not imported, nothing of it was written: {reason}")
                continue
            results.append(report.to_json())
            if not opts["json"]:
                for line in report.summary_lines():
                    self.stdout.write(line)
        if opts["json"]:
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=1))
        if failed:
            sys.exit(1)

    def _require_migrated(self) -> None:
        """One line, not a traceback, when the database is missing its tables."""
        from django.db import DatabaseError, connection
        from django.db.migrations.executor import MigrationExecutor

        try:
            executor = MigrationExecutor(connection)
            plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except DatabaseError as exc:
            raise CommandError(f"The database cannot be opened ({exc}).") from exc
        if not plan:
            return
        if not executor.loader.applied_migrations:
            raise CommandError("The database has never been migrated: run `accord migrate` first.")
        raise CommandError(f"The database lacks {len(plan)} migration(s): run `accord migrate` first.")

    def _expand(self, names: list[str]) -> list[Path]:
        out: list[Path] = []
        for n in names:
            p = Path(n)
            if p.is_dir():
                out.extend(sorted(c for c in p.iterdir() if c.is_file() and not c.name.startswith(".")))
            else:
                out.append(p)
        return out

    def _read(self, path: Path) -> bytes:
        limit = max_upload_bytes()
        try:
            size = path.stat().st_size
            if size > limit:
                raise DocumentTooLarge(
                    path.name,
                    f"the file is {size / 1048576:.1f} MB; the limit is "
                    f"{limit / 1048576:.0f} MB (ACCORD_MAX_UPLOAD_MB)",
                )
            return path.read_bytes()
        except OSError as exc:
            raise DocumentError(path.name, exc.strerror or "the file cannot be opened") from exc
