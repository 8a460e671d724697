"""`make bench`: every benchmark in turn; each writes its own section of docs/benchmarks.md.

Run it on an idle machine: every figure is wall-clock on the machine's two cores.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SCRIPTS = [
    "bench_when.py",
    "bench_import.py",
    "bench_import_save.py",
    "bench_exports.py",
    "bench_templates.py",
    "bench_pages.py",
    "bench_baked.py",
    "bench_corpus.py",
    "bench_reports.py",
]


def main() -> int:
    chosen = sys.argv[1:] or SCRIPTS
    failed = []
    for script in chosen:
        print(f"== {script}", flush=True)
        if subprocess.run([sys.executable, str(BENCH / script)], cwd=BENCH.parent).returncode != 0:
            failed.append(script)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
