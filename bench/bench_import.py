"""Import throughput: documents per second for text, DOCX and PDF of seed size, and peak memory.

Uses the example documents (examples/*.txt, *.md), builds DOCX and PDF versions of them the way the tests do,
and imports each repeatedly. Every format is read by the importer's warm reading worker (a child process
under a time and memory limit, reused across files); the peak is traced with tracemalloc in this process
(layout, owners, times) and read from the children's maximum resident size for the reading.
Writes the "## Import" section of docs/benchmarks.md, leaving the other sections as they are.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from accord.text.layout import import_text  # noqa: E402
from accord.text.readers import read_document, worker  # noqa: E402
from bench.report import write_section  # noqa: E402
from tests.text.builders import build_docx, build_pdf  # noqa: E402

SECTION = "## Import"


def documents() -> dict[str, list[tuple[str, bytes]]]:
    texts = [
        (p.name, p.read_bytes())
        for p in sorted((ROOT / "examples").glob("*"))
        if p.suffix in (".txt", ".md") and p.stem != "README"
    ]
    docx, pdf = [], []
    for name, data in texts:
        blocks = read_document(name, data)
        docx.append((Path(name).stem + ".docx", build_docx(blocks)))
        pdf.append((Path(name).stem + ".pdf", build_pdf(blocks)))
    return {"text": texts, "docx": docx, "pdf": pdf}


def measure(docs: list[tuple[str, bytes]], seconds: float) -> tuple[float, int]:
    """Documents per second (best of rounds within the time budget) and peak traced bytes of one pass."""

    def one_pass() -> None:
        for name, data in docs:
            import_text(name, data)

    tracemalloc.start()
    one_pass()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    best = 0.0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        t0 = time.perf_counter()
        one_pass()
        best = max(best, len(docs) / (time.perf_counter() - t0))
    return best, peak


def read_rate(docs: list[tuple[str, bytes]], seconds: float) -> float:
    """Documents per second read into blocks by the warm worker (no layout), best pass in the budget."""
    read_document(*docs[0])  # the worker is started outside the measure, as it is once per process
    best = 0.0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        t0 = time.perf_counter()
        for name, data in docs:
            read_document(name, data)
        best = max(best, len(docs) / (time.perf_counter() - t0))
    return best


def fresh_interpreter_rate(docs: list[tuple[str, bytes]]) -> float:
    """PDF extraction with a fresh interpreter per file, as the importer read PDFs before the warm worker."""
    import os
    import subprocess

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    t0 = time.perf_counter()
    for _name, data in docs:
        subprocess.run(
            [sys.executable, "-m", "accord.text.readers.pdf_worker", "1024"],
            input=data,
            capture_output=True,
            env=env,
            check=False,
        )
    return len(docs) / (time.perf_counter() - t0)


def child_peak_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0, help="time budget per format")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = parser.parse_args()
    docs = documents()
    sizes = {fmt: sum(len(d) for _, d in items) // len(items) for fmt, items in docs.items()}
    rows = []
    runners: dict[str, Callable[[], tuple[float, int]]] = {
        fmt: (lambda items=items: measure(items, args.seconds)) for fmt, items in docs.items()
    }
    for fmt, run in runners.items():
        rate, peak = run()
        reading = read_rate(docs[fmt], args.seconds)
        worker.shutdown()  # the child's peak is counted once it has exited
        memory = f"{peak / 1048576:.1f} MB traced, worker {child_peak_mb():.0f} MB RSS"
        rows.append(f"| {fmt} | {sizes[fmt] / 1024:.1f} KB | {rate:,.1f} | {reading:,.1f} | {memory} |")
        print(rows[-1])
    fresh = fresh_interpreter_rate(docs["pdf"])
    print(f"pdf, fresh interpreter per file: {fresh:.1f}/s")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    body = (
        "`bench/bench_import.py`: the example documents (examples/), and DOCX and PDF builds of them, each\n"
        "imported whole (read, layout, owners, times, checksum); best pass within "
        f"{args.seconds:g} s per format.\n"
        "Every format is read in the importer's warm reading worker (one child process reused across files,\n"
        "10 s and 512 MB per file); targets: text ≥ 100, DOCX ≥ 20, PDF ≥ 10 documents/s.\n\n"
        "| format | mean size | documents/s (import) | documents/s (reading only) | peak memory |\n"
        "|---|---|---|---|---|\n" + "\n".join(rows) + "\n\n"
        f"For comparison, in the same run: PDF extraction with a fresh interpreter per file (how PDFs were read\n"
        f"before the warm worker) gives {fresh:.1f} documents/s.\n\n"
        f"Measured on {platform.python_implementation()} {platform.python_version()}, {platform.machine()},\n"
        f"{os.cpu_count()} CPUs, load average {load:.1f} when it ran (other work on the machine slows every\n"
        f"figure; rerun on an idle machine for a clean one), {date.today().isoformat()}."
    )
    if not args.no_write:
        write_section(SECTION, body)
        print("updated docs/benchmarks.md")


if __name__ == "__main__":
    main()
