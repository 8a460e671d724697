"""The shared corpus's time phrases (../shared/corpus/when-phrases.tsv), scored as shared/tools/score.py scores
them: one interval per phrase, read alone in its context; a label without a start is a deadline (only the end
is compared); a label with neither start nor end wants no dates (or an open reading).

Used by the regression test (tests/text/test_when_corpus.py) and by bench/bench_when.py, which records the
figure in docs/benchmarks.md. The phrases are read from the corpus at run time; none is copied here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from accord.text.timeframe import Context
from accord.text.when import parse_when

PHRASES = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "when-phrases.tsv"
BENCHMARKS = Path(__file__).resolve().parents[2] / "docs" / "benchmarks.md"
_RECORDED = re.compile(r"interval accuracy \*{0,2}(\d\.\d+)")


class Score(NamedTuple):
    phrases: int
    right: int
    misses: list[str]

    @property
    def accuracy(self) -> float:
        return self.right / self.phrases if self.phrases else 0.0


def score(path: Path = PHRASES) -> Score:
    rows = [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    right = 0
    misses: list[str] = []
    for row in rows:
        row += [""] * (4 - len(row))
        phrase, ctx, start, end = row[0], row[1].strip(), row[2] or None, row[3] or None
        tf = parse_when(phrase, Context.parse(ctx) if ctx else None).to_json()
        if start is None and end is None:
            good = (tf["start"] is None and tf["end"] is None) or tf["precision"] == "open"
        elif start is None:
            good = tf["end"] == end
        else:
            good = (tf["start"], tf["end"]) == (start, end)
        right += good
        if not good:
            misses.append(f"{phrase!r} in {ctx or '-'}: want {start}..{end}, got {tf['start']}..{tf['end']}")
    return Score(len(rows), right, misses)


def recorded(path: Path = BENCHMARKS) -> float | None:
    """The accuracy docs/benchmarks.md records in its "Time expressions" section."""
    text = path.read_text(encoding="utf-8")
    section = text.split("## Time expressions", 1)[-1].split("\n## ", 1)[0]
    m = _RECORDED.search(section)
    return float(m.group(1)) if m else None
