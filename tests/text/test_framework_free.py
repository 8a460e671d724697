"""The text core never imports Django: it runs in workers, the CLI and benchmarks without settings."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TEXT = Path(__file__).resolve().parents[2] / "accord" / "text"
FILES = sorted(p for p in TEXT.rglob("*.py"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(TEXT)))
def test_no_django_import(path: Path) -> None:
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            assert name.split(".")[0] not in {"django", "ninja", "django_htmx"}, f"{path}: imports {name}"
            assert not name.startswith("accord.") or name.startswith("accord.text"), f"{path}: imports {name}"
