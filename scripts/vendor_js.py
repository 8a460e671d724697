#!/usr/bin/env python3
"""Vendor the JavaScript libraries Accord serves, from their npm packages, into the repository.

Run it by hand when a version changes (`python scripts/vendor_js.py`), review the diff and commit the files:
nothing is fetched when Accord runs and no page loads anything from a CDN. See
docs/decisions/0002-vendored-javascript.md.

For each package this runs `npm pack NAME@VERSION` (the npm registry, through npm itself), checks the tarball
against the integrity npm reports, and copies the named files plus the package's licence into the target
folder, then writes VERSIONS.txt there with the version, the tarball's integrity and each file's SHA-256.

The source maps are not vendored, so the `sourceMappingURL` comment at the end of a minified file is removed as
it is copied (VERSIONS.txt says so): it would name a file that is not there, which fails `collectstatic` with
hashed file names in production and sends browsers' developer tools after a missing file.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATIC_VENDOR = ROOT / "accord" / "web" / "static" / "vendor"
TEST_VENDOR = ROOT / "tests" / "browser" / "vendor"


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    files: tuple[str, ...]  # paths inside the package (under "package/" in the tarball)
    target: Path

    @property
    def folder(self) -> Path:
        return self.target / self.name


PACKAGES = (
    Package("chart.js", "4.6.1", ("dist/chart.umd.min.js",), STATIC_VENDOR),
    Package(
        "vis-timeline",
        "8.5.4",
        ("standalone/umd/vis-timeline-graph2d.min.js", "styles/vis-timeline-graph2d.min.css"),
        STATIC_VENDOR,
    ),
    Package("cytoscape", "3.34.4", ("dist/cytoscape.min.js",), STATIC_VENDOR),
    # Used only by the browser tests (accessibility checks), never served.
    Package("axe-core", "4.14.1", ("axe.min.js",), TEST_VENDOR),
)

LICENCE_NAMES = ("LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "LICENSE.MIT.txt", "LICENSE.Apache-2.0.txt")


SOURCE_MAP_COMMENT = re.compile(rb"\n?(?://[#@] ?sourceMappingURL=[^\n]*|/\*[#@] ?sourceMappingURL=[^*]*\*/)\s*$")


def strip_source_map(path: Path) -> bool:
    """Remove a trailing sourceMappingURL comment from a .js or .css file; True if there was one."""
    if path.suffix not in {".js", ".css"}:
        return False
    data = path.read_bytes()
    stripped = SOURCE_MAP_COMMENT.sub(b"\n", data)
    if stripped == data:
        return False
    path.write_bytes(stripped)
    return True


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def npm_pack(spec: str, dest: Path) -> tuple[Path, str]:
    """Download one package tarball with npm; returns its path and npm's integrity string."""
    out = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        ["npm", "pack", spec, "--json", "--pack-destination", str(dest)],  # noqa: S607 - npm from PATH
        check=True,
        capture_output=True,
        text=True,
    )
    info = json.loads(out.stdout)[0]
    return dest / info["filename"], info["integrity"]


def check_integrity(tarball: Path, integrity: str) -> None:
    algo, _, expected = integrity.partition("-")
    digest = base64.b64encode(hashlib.new(algo, tarball.read_bytes()).digest()).decode()
    if digest != expected:
        raise SystemExit(f"{tarball.name}: integrity mismatch ({integrity} expected, {algo}-{digest} found)")


def vendor(pkg: Package, work: Path) -> list[str]:
    tarball, integrity = npm_pack(f"{pkg.name}@{pkg.version}", work)
    check_integrity(tarball, integrity)
    unpacked = work / pkg.name
    with tarfile.open(tarball) as tar:
        tar.extractall(unpacked, filter="data")
    root = unpacked / "package"
    declared = json.loads((root / "package.json").read_text())
    if declared.get("version") != pkg.version:
        raise SystemExit(f"{pkg.name}: asked for {pkg.version}, got {declared.get('version')}")
    if pkg.folder.exists():
        shutil.rmtree(pkg.folder)
    pkg.folder.mkdir(parents=True)
    copied: list[str] = []
    stripped: list[str] = []
    for rel in pkg.files:
        src = root / rel
        if not src.is_file():
            raise SystemExit(f"{pkg.name}@{pkg.version} has no {rel}")
        shutil.copy2(src, pkg.folder / src.name)
        if strip_source_map(pkg.folder / src.name):
            stripped.append(src.name)
        copied.append(src.name)
    licences = [n for n in LICENCE_NAMES if (root / n).is_file()]
    if not licences:
        raise SystemExit(f"{pkg.name}@{pkg.version} ships no licence file; add its name to LICENCE_NAMES")
    for name in licences:
        shutil.copy2(root / name, pkg.folder / name)
        copied.append(name)
    lines = [
        f"{pkg.name} {pkg.version}",
        f"licence: {declared.get('license', 'see LICENSE')}",
        f"tarball integrity: {integrity}",
        "from: npm pack " + f"{pkg.name}@{pkg.version}",
    ]
    if stripped:
        lines.append("sourceMappingURL comment removed from: " + ", ".join(stripped))
    lines.append("")
    lines += [f"{sha256(pkg.folder / n)}  {n}" for n in copied]
    (pkg.folder / "VERSIONS.txt").write_text("\n".join(lines) + "\n")
    return copied


def write_index(target: Path, packages: list[Package]) -> None:
    rows = [f"{p.name} {p.version}  ({', '.join(p.files)})" for p in packages if p.target == target]
    if rows:
        text = "Vendored by scripts/vendor_js.py from npm; do not edit by hand.\n\n" + "\n".join(rows) + "\n"
        (target / "VERSIONS.txt").write_text(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="only verify that the vendored files match VERSIONS.txt (no network)"
    )
    args = parser.parse_args(argv)
    if args.check:
        return check()
    if shutil.which("npm") is None:
        print("npm is needed to vendor packages (apt install npm)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        for pkg in PACKAGES:
            files = vendor(pkg, Path(tmp))
            print(f"{pkg.name}@{pkg.version} -> {pkg.folder.relative_to(ROOT)}: {', '.join(files)}")
    for target in {p.target for p in PACKAGES}:
        write_index(target, list(PACKAGES))
    return 0


def check() -> int:
    """Every file listed in each VERSIONS.txt exists with its recorded SHA-256."""
    bad = 0
    for pkg in PACKAGES:
        versions = pkg.folder / "VERSIONS.txt"
        if not versions.is_file():
            print(f"missing: {versions.relative_to(ROOT)}")
            bad += 1
            continue
        lines = versions.read_text().splitlines()
        if lines[0] != f"{pkg.name} {pkg.version}":
            print(f"{pkg.name}: VERSIONS.txt says {lines[0]!r}, the script pins {pkg.version}")
            bad += 1
        for line in lines:
            digest, sep, name = line.partition("  ")
            if sep and len(digest) == 64 and sha256(pkg.folder / name) != digest:
                print(f"{pkg.name}: {name} differs from its recorded SHA-256")
                bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
