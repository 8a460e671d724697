"""docs/benchmarks.md holds one section per benchmark; each run replaces only its own."""

from __future__ import annotations

import re
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"


def write_section(heading: str, body: str, path: Path = BENCHMARKS) -> None:
    """Replace the section under `heading` ("## Pages") with `body`, or append it; other sections stay."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    section = f"{heading}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(old):
        new = pattern.sub(lambda _m: section + "\n", old, count=1)
    else:
        new = old.rstrip("\n") + "\n\n" + section
    path.write_text(new.rstrip("\n") + "\n", encoding="utf-8")
