"""Fuzzed imports: seeded mutations of a work programme in every format go through the readers, the layout and
the importer. Every file ends as a Draft or a DocumentError (0 crashes), within the readers' own time limit
(0 hangs), and an import that fails writes nothing (0 partial writes).

CI runs ACCORD_FUZZ_COUNT files per format (200 by default; `make fuzz` runs 2,000 with every PDF in the real
worker process). PDFs are parsed in this process here, through the worker's own code, with the worker's result
handling; a seeded few also go through the real child process.
"""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import time
import traceback
import zipfile

import pytest

from accord.audit.actors import SYSTEM
from accord.audit.models import AuditEntry
from accord.imports.actions import do_import_draft
from accord.imports.drafts import read_draft
from accord.plans.models import Item, Plan, Section
from accord.text.errors import DocumentError
from accord.text.readers import pdf as pdf_reader
from accord.text.readers import pdf_worker, worker
from accord.text.readers.text import read_text
from tests.imports.conftest import WORK_PROGRAMME
from tests.text.builders import build_docx, build_pdf

COUNT = int(os.environ.get("ACCORD_FUZZ_COUNT", "200"))
REAL_PDF = int(os.environ.get("ACCORD_FUZZ_REAL_PDF", "6"))  # how many PDFs go through the real child process
SEED = int(os.environ.get("ACCORD_FUZZ_SEED", "20261201"))
# The readers' limit: a file's processor time is capped at TIMEOUT_SECONDS, its time on the clock at WALL_FACTOR
# times that (a busy machine must not refuse files by its load); nothing may take longer than the clock cap.
LIMIT_SECONDS = worker.TIMEOUT_SECONDS * worker.WALL_FACTOR

TOKENS = [
    b"\t",
    b"\n",
    b"\r\n",
    b"What?",
    b"Who?",
    b"When?",
    b"1.",
    b"Priority:",
    b"<table>",
    b"</td>",
    b"<tr>",
    b"<td>",
    b"<",
    b">",
    b"&",
    b"&#x0;",
    b"|",
    b"---",
    b"#",
    b"*",
    b"\x00",
    b"\xff\xfe",
    b"\xc3\x28",
    b"obj",
    b"endobj",
    b"stream",
    b"endstream",
    b"xref",
    b"%%EOF",
    b"/Length 99999999",
    b"<w:t>",
    b"</w:p>",
    b"<w:tbl>",
    b"<!ENTITY x SYSTEM 'file:///etc/passwd'>",
    b"2026",
    b"Q3",
    b"tbc",
    b"/",
    b";",
    "–".encode(),
    b" " * 200,
    b"9" * 40,
]


def seeds() -> dict[str, tuple[str, bytes]]:
    blocks = read_text(WORK_PROGRAMME.encode())
    markdown = WORK_PROGRAMME.replace("What?\tWho?\tWhen?\n", "| What? | Who? | When? |\n|---|---|---|\n")
    html = (
        "<html><body><h1>Work Programme</h1><p>2023</p><h2>1. Priority: Communication</h2><table>"
        + "".join(
            f"<tr><td>{a}</td><td>{b}</td><td>{c}</td></tr>"
            for a, b, c in (
                ("What?", "Who?", "When?"),
                ("Set up a mailing list", "ALPHA/BETA", "January 2023"),
                ("Newsletter", "BETA", "Ongoing"),
            )
        )
        + "</table></body></html>"
    )
    return {
        "text": ("wp.txt", WORK_PROGRAMME.encode()),
        "markdown": ("wp.md", markdown.encode()),
        "html": ("wp.html", html.encode()),
        "docx": ("wp.docx", build_docx(blocks)),
        "pdf": ("wp.pdf", build_pdf(blocks)),
    }


def mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(7)
        pos = rng.randrange(len(out) + 1) if out else 0
        if op == 0 and out:  # flip bits
            out[min(pos, len(out) - 1)] ^= 1 << rng.randrange(8)
        elif op == 1:  # insert a token that means something to one of the formats
            out[pos:pos] = rng.choice(TOKENS)
        elif op == 2 and out:  # delete a run
            del out[pos : pos + rng.randint(1, 64)]
        elif op == 3 and out:  # duplicate a run
            end = min(len(out), pos + rng.randint(1, 512))
            out[pos:pos] = out[pos:end] * rng.randint(1, 20)
        elif op == 4:  # truncate
            del out[pos:]
        elif op == 5 and out:  # overwrite with random bytes
            for i in range(pos, min(len(out), pos + rng.randint(1, 16))):
                out[i] = rng.randrange(256)
        else:  # swap two runs
            if len(out) > 8:
                a, b = sorted(rng.sample(range(len(out)), 2))
                out[a:b] = out[a:b][::-1]
    return bytes(out)


def mutate_docx(data: bytes, rng: random.Random) -> bytes:
    """Half the time the zip is left whole and its XML is mutated, so the parser is reached, not only the CRC."""
    if rng.random() < 0.3:
        return mutate(data, rng)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    target = rng.choice(["word/document.xml", "word/document.xml", "word/styles.xml", "[Content_Types].xml"])
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            dst.writestr(info.filename, mutate(content, rng) if info.filename == target else content)
    return out.getvalue()


def cases(fmt: str, count: int) -> list[tuple[str, bytes]]:
    name, seed = seeds()[fmt]
    rng = random.Random(f"{SEED}-{fmt}")
    mutator = mutate_docx if fmt == "docx" else mutate
    return [(name, mutator(seed, rng)) for _ in range(count)]


@pytest.fixture
def in_process_pdf(monkeypatch):
    """The worker's code in this process, its output handled by the reader exactly as from the child."""
    if not hasattr(pdf_reader, "subprocess"):
        return  # the reader keeps a warm worker of its own: it is fast enough to be used as it is
    real_run = subprocess.run

    def run(args, *, input=None, **kwargs):
        if "accord.text.readers.pdf_worker" not in args:
            return real_run(args, input=input, **kwargs)
        try:  # what the child's main() does: an exception is a failed exit with the traceback on stderr
            result = pdf_worker.extract(input)
        except MemoryError:
            result = {"error": "memory"}
        except Exception:
            return subprocess.CompletedProcess(args, 1, b"", traceback.format_exc().encode())
        return subprocess.CompletedProcess(args, 0, json.dumps(result).encode(), b"")

    monkeypatch.setattr(pdf_reader.subprocess, "run", run)


def read_all(files: list[tuple[str, bytes]]) -> tuple[int, int, list[str], list[str]]:
    drafts, refused, crashes, slow = 0, 0, [], []
    for i, (name, data) in enumerate(files):
        began = time.monotonic()
        try:
            read_draft(name, data)
            drafts += 1
        except DocumentError as exc:
            refused += 1
            assert exc.source == name and exc.reason, f"case {i}: an error without its file and reason"
        except Exception as exc:
            crashes.append(f"case {i}: {type(exc).__name__}: {exc}"[:300])
        took = time.monotonic() - began
        if took > LIMIT_SECONDS:
            slow.append(f"case {i}: {took:.1f} s")
    return drafts, refused, crashes, slow


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "docx", "pdf"])
def test_mutated_documents_never_crash_or_hang(fmt, in_process_pdf):
    files = cases(fmt, COUNT)
    assert len(files) >= 200 or COUNT < 200
    drafts, refused, crashes, slow = read_all(files)
    assert not crashes, "\n".join(crashes[:20])
    assert not slow, slow
    assert drafts + refused == len(files)


@pytest.mark.slow
def test_mutated_pdfs_in_the_real_worker_process():
    files = cases("pdf", REAL_PDF)
    _drafts, _refused, crashes, slow = read_all(files)
    assert not crashes and not slow, crashes + slow


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_a_failing_import_writes_nothing(fmt, network):
    """Whatever the reader made of a mutated file, saving it is all or nothing."""

    def counts():
        return (Plan.objects.count(), Section.objects.count(), Item.objects.count(), AuditEntry.objects.count())

    saved = failed = 0
    for name, data in cases(fmt, max(8, COUNT // 20)):
        try:
            draft = read_draft(name, data)
        except DocumentError:
            continue
        before = counts()
        try:
            do_import_draft(SYSTEM, network, draft)
            saved += 1
        except Exception:
            failed += 1
            assert counts() == before, f"{name}: a failed import left rows behind"
    assert saved + failed > 0
