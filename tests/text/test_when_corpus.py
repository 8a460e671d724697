"""The shared corpus's time phrases never read worse than docs/benchmarks.md records (target 0.95)."""

from __future__ import annotations

import pytest

from tests.text.corpus_phrases import PHRASES, recorded, score

pytestmark = pytest.mark.skipif(
    not PHRASES.is_file(), reason=f"the shared corpus is not at {PHRASES} (it lives beside the repository)"
)


def test_time_phrases_read_at_least_as_well_as_recorded() -> None:
    figure = recorded()
    assert figure is not None, "docs/benchmarks.md records no interval accuracy for the corpus's time phrases"
    assert figure >= 0.95
    got = score()
    assert got.phrases >= 100
    assert round(got.accuracy, 3) >= figure, "\n".join(got.misses)
