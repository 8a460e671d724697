"""Reading real documents: the development corpus (`../shared/corpus`) scored per document and overall.

Writes the "## Reading real documents" section of docs/benchmarks.md; tests/text/test_corpus.py fails when a
later change reads the corpus worse than the figures recorded there.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus_score import score_corpus  # noqa: E402
from report import write_section  # noqa: E402

SHARED = ROOT.parent / "shared"
LABELS = {
    "items_f1": "items F1",
    "items_p": "items precision",
    "items_r": "items recall",
    "owners": "owners right, of matched items",
    "when": "times right, of matched items",
    "mean_items": "mean over documents: items F1",
    "mean_owners": "mean over documents: owners",
    "mean_when": "mean over documents: times",
}


def _phrases() -> str:
    """The time phrases' interval accuracy, from the scorer's own run (`score-corpus` prints it last)."""
    tool = SHARED / "tools" / "score-corpus"
    accord = ROOT / ".venv" / "bin" / "accord"
    if not tool.exists() or not accord.exists():
        return ""
    run = subprocess.run([str(tool), str(accord)], capture_output=True, text=True, cwd=ROOT, timeout=600)
    last = [line for line in run.stdout.splitlines() if line.startswith("when:")]
    return last[-1] if last else ""


def main() -> int:
    if not (SHARED / "corpus").exists():
        print(f"no corpus at {SHARED / 'corpus'}: nothing to measure", file=sys.stderr)
        return 1
    score = score_corpus(SHARED)
    rows = "\n".join(f"| {LABELS[k]} | {v:.3f} |" for k, v in score.figures.items())
    docs = "\n".join(f"    {line}" for line in score.documents)
    failures = "".join(f"\n- not read: {f}" for f in score.failures)
    phrases = _phrases()
    body = f"""`bench/bench_corpus.py`: the 24 labelled real documents of `../shared/corpus` (15 texts, 9 Word/PDF
files, five languages) imported as `accord import --dry-run --json` reads them and scored by
`../shared/tools/score.py` (an item matches a label by its text; owners and times are counted on matched
items). tests/text/test_corpus.py fails when a change reads the corpus worse than this table.
Targets: items F1 >= 0.90, owners and times >= 0.85 of matched items, the same as means over documents.
Where the reading started (one ordered chain of special cases): items F1 0.543 (P 0.724, R 0.435), owners
0.757, times 0.397 of matched; means over documents items 0.454, owners 0.346, times 0.417.

| figure | value |
|---|---|
{rows}

{("Time phrases (`score-corpus`): " + phrases.removeprefix("when: ")) if phrases else ""}

Per document (truth = labelled items, found = items read, matched, owners right, times right / labelled):

{docs}
{failures}

Measured {dt.date.today().isoformat()}."""
    write_section("## Reading real documents", body)
    print(body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
