"""The development corpus of real documents (`../shared/corpus`, beside the project in CI) must read at
least as well as docs/benchmarks.md records: a change that reads other people's documents worse fails here."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
RECORDED = ROOT / "docs" / "benchmarks.md"
# The scorer rounds to three places; a figure may move by a rounding step without a real change.
SLACK = 0.0015

pytestmark = pytest.mark.skipif(
    not (SHARED / "corpus" / "LABELLING.md").exists(), reason="no corpus beside the project"
)


def _recorded() -> dict[str, float]:
    section = RECORDED.read_text(encoding="utf-8").split("## Reading real documents", 1)[1].split("\n## ", 1)[0]
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_corpus import LABELS

    by_label = {v: k for k, v in LABELS.items()}
    out = {}
    for label, value in re.findall(r"^\| ([^|]+?) \| ([\d.]+) \|$", section, re.M):
        if label in by_label:
            out[by_label[label]] = float(value)
    return out


def test_the_corpus_reads_at_least_as_well_as_recorded() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus_score import score_corpus

    score = score_corpus(SHARED)
    recorded = _recorded()
    assert set(recorded) >= {"items_f1", "owners", "when", "mean_items", "mean_owners", "mean_when"}
    worse = {k: (score.figures.get(k, 0.0), v) for k, v in recorded.items() if score.figures.get(k, 0.0) < v - SLACK}
    assert not worse, "read worse than docs/benchmarks.md records (now, recorded): " + repr(worse)
