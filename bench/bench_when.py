"""How fast Accord reads time expressions: phrases per second on one core, without the cache.

Runs the whole test corpus (tests/text/test_when.py, each phrase in its context) through
accord.text.when.parse_when_uncached, several rounds, and keeps the best round (the least disturbed by
other work on the machine). Prints the result and writes the "## Time expressions" section of
docs/benchmarks.md, leaving the other sections as they are. Target: at least 20,000 phrases/s.

    .venv/bin/python bench/bench_when.py [--rounds N] [--no-write]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from accord.text.timeframe import Context  # noqa: E402
from accord.text.when import find_when, parse_when, parse_when_uncached  # noqa: E402
from bench.report import write_section  # noqa: E402
from tests.text.corpus_phrases import PHRASES, score  # noqa: E402
from tests.text.test_when import CORPUS  # noqa: E402

TARGET = 20_000
SECTION = "## Time expressions"


def corpus() -> list[tuple[str, Context | int | None]]:
    return [(r.phrase, Context.parse(r.context) if isinstance(r.context, str) else r.context) for r in CORPUS]


def best_rate(fn: object, items: list[tuple[str, Context | int | None]], rounds: int, repeat: int) -> float:
    call = fn  # a callable (text, context) -> object
    best = 0.0
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in range(repeat):
            for text, ctx in items:
                call(text, ctx)  # type: ignore[operator]
        dt = time.perf_counter() - t0
        best = max(best, repeat * len(items) / dt)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=20, help="passes over the corpus per round")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = parser.parse_args(argv)

    items = corpus()
    uncached = best_rate(parse_when_uncached, items, args.rounds, args.repeat)
    cached = best_rate(parse_when, items, args.rounds, args.repeat)
    finding = best_rate(find_when, items, args.rounds, args.repeat)
    ok = uncached >= TARGET
    print(f"corpus: {len(items)} phrases")
    print(f"parse_when, uncached: {uncached:,.0f} phrases/s (target {TARGET:,}) {'OK' if ok else 'TOO SLOW'}")
    print(f"parse_when, cached:   {cached:,.0f} phrases/s")
    print(f"find_when:            {finding:,.0f} phrases/s")
    corpus_line = ""
    if PHRASES.is_file():
        got = score()
        print(f"corpus time phrases:  {got.right} of {got.phrases} right, interval accuracy {got.accuracy:.3f}")
        for miss in got.misses:
            print(f"  {miss}")
        corpus_line = (
            "\nThe shared corpus's time phrases (`../shared/corpus/when-phrases.tsv`, each read alone in its\n"
            f"context, scored as `shared/tools/score-corpus` scores them): {got.right} of {got.phrases} right,\n"
            f"interval accuracy **{got.accuracy:.3f}** (target 0.95). `tests/text/test_when_corpus.py` fails\n"
            "when it drops below this figure.\n"
        )

    if not args.no_write:
        body = f"""
`bench/bench_when.py`: the {len(items)} phrases of the time-expression corpus (tests/text/test_when.py), each
in its context, read on one core; best of {args.rounds} rounds of {args.repeat} passes. Target: at least
{TARGET:,} phrases/s without the cache.

| reader | phrases/s |
|---|---|
| `parse_when`, uncached (`parse_when_uncached`) | {uncached:,.0f} |
| `parse_when`, cached (the corpus fits in the cache) | {cached:,.0f} |
| `find_when` (free text, uncached) | {finding:,.0f} |
{corpus_line}
Measured on {platform.python_implementation()} {platform.python_version()}, {platform.machine()},
{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} when it ran (other work on the machine slows
every figure; rerun on an idle machine for a clean one), {time.strftime("%Y-%m-%d")}.
"""
        write_section(SECTION, body)
        print("updated docs/benchmarks.md")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
