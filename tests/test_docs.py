"""Docs that tests check: every setting and every command of Accord is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_every_environment_setting_is_documented():
    source = (ROOT / "accord" / "settings.py").read_text()
    names = set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', source))
    names |= set(re.findall(r'env_(?:bool|list)\("([A-Z_]+)"', source))
    for command in (ROOT / "accord").glob("*/management/commands/*.py"):
        names |= set(re.findall(r'os\.environ\.get\("(ACCORD_[A-Z_]+)"', command.read_text()))
    documented = (ROOT / "docs" / "settings.md").read_text()
    missing = sorted(n for n in names if f"`{n}`" not in documented)
    assert not missing, f"settings read but not documented in docs/settings.md: {missing}"
    assert "DATABASE_URL" in names and "SECRET_KEY" in names


def commands() -> list[str]:
    return sorted(p.stem for p in (ROOT / "accord").glob("*/management/commands/*.py") if p.stem != "__init__")


@pytest.mark.parametrize("name", commands())
def test_every_accord_command_is_documented(name):
    documented = (ROOT / "docs" / "cli.md").read_text()
    assert f"`accord {name}" in documented or f"`accord {name.replace('_', '-')}" in documented, (
        f"accord {name} is not documented in docs/cli.md"
    )


def test_readme_names_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text()
    assert "make demo" in readme and "make test" in readme


def test_links_between_docs_point_at_files_that_exist():
    broken = []
    for page in [ROOT / "README.md", *(ROOT / "docs").rglob("*.md")]:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text()):
            if "://" in target or target.startswith("mailto:"):
                continue
            if not (page.parent / target).exists():
                broken.append(f"{page.relative_to(ROOT)} -> {target}")
    assert not broken, broken
