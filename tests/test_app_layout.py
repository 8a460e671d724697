"""Which app may import which (docs/decisions/0004-rooms.md), checked on the source.

Each domain app owns its pages; `web` is the toolkit every app may use and imports no domain app's pages; the
events app depends on plans and never the reverse; the importer's modules form no cycle with its task.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ACCORD = Path(__file__).resolve().parents[1] / "accord"
DOMAIN_PAGES = (
    "plans.views",
    "plans.urls",
    "network.views",
    "network.urls",
    "search.views",
    "search.urls",
    "workspace",
    "imports.views",
    "imports.urls",
    "events.views",
    "events.urls",
    "reports",
)


def imports_of(path: Path) -> list[tuple[str, bool]]:
    """Every accord module the file imports, and whether the import is hidden inside a function."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, nested: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = nested or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                found.extend((a.name, nested) for a in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                found.append((child.module, nested))
                found.extend((f"{child.module}.{a.name}", nested) for a in child.names)
            visit(child, inner)

    visit(tree, False)
    return [(name.removeprefix("accord."), nested) for name, nested in found if name.startswith("accord.")]


def files(app: str) -> list[Path]:
    return sorted(p for p in (ACCORD / app).rglob("*.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("path", files("web"), ids=lambda p: str(p.relative_to(ACCORD)))
def test_the_toolkit_imports_no_domain_apps_pages(path: Path) -> None:
    for name, _nested in imports_of(path):
        assert not name.startswith(DOMAIN_PAGES), f"{path.relative_to(ACCORD)} imports {name}"


@pytest.mark.parametrize("path", files("plans"), ids=lambda p: str(p.relative_to(ACCORD)))
def test_plans_never_import_events(path: Path) -> None:
    for name, _nested in imports_of(path):
        assert not name.startswith("events"), f"{path.relative_to(ACCORD)} imports {name}"


@pytest.mark.parametrize(
    "path", files("plans") + files("events") + files("network"), ids=lambda p: str(p.relative_to(ACCORD))
)
def test_no_hidden_imports_between_domain_apps(path: Path) -> None:
    app = path.relative_to(ACCORD).parts[0]
    for name, nested in imports_of(path):
        if nested:
            assert name.split(".")[0] in (app, "text"), f"{path.relative_to(ACCORD)} hides an import of {name}"


def test_domain_pages_use_only_the_toolkit_of_web() -> None:
    toolkit = ("web.access", "web.htmx", "web.page_cache", "web")
    for app in ("plans", "network", "search", "workspace", "imports", "events", "reports"):
        for path in files(app):
            for name, _nested in imports_of(path):
                if name.startswith("web"):
                    assert name.startswith(toolkit), f"{path.relative_to(ACCORD)} imports {name}"


def test_the_importer_has_no_import_cycle() -> None:
    modules = {p.stem: p for p in files("imports") if p.parent == ACCORD / "imports"}
    graph = {
        stem: {
            n.split(".")[1] for n, _nested in imports_of(p) if n.startswith("imports.") and n.split(".")[1] in modules
        }
        for stem, p in modules.items()
    }

    def reach(start: str) -> set[str]:
        seen: set[str] = set()
        todo = list(graph[start])
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(graph[node])
        return seen

    for stem in graph:
        assert stem not in reach(stem), f"accord/imports/{stem}.py imports itself through {sorted(reach(stem))}"
