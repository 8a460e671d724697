"""Content-Security-Policy additions for pages that need one. The site-wide policy is in settings.py.

vis-timeline's standalone build injects its stylesheet as <style> elements when it loads. The same rules reach the
page from its .css file, but a refused <style> is still a policy violation in the console (and a report). The
timeline page ({% allow_timeline_styles %}) allows exactly those style texts by their SHA-256 (no 'unsafe-inline'):
the hashes are computed here from the vendored file, so they follow it when scripts/vendor_js.py updates it.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
from pathlib import Path

VIS_TIMELINE = Path(__file__).resolve().parent / "static" / "vendor" / "vis-timeline" / "vis-timeline-graph2d.min.js"
# The bundle's style injector is called with one CSS string literal per stylesheet: b(".vis-item{...}").
_INJECTED = re.compile(r'(?<![\w.$])[A-Za-z_$]\("((?:[^"\\]|\\.)*\{(?:[^"\\]|\\.)*)"\)')
_INJECTED_SINGLE = re.compile(r"(?<![\w.$])[A-Za-z_$]\('((?:[^'\\]|\\.)*\{(?:[^'\\]|\\.)*)'\)")


@functools.cache
def injected_style_hashes(path: Path = VIS_TIMELINE) -> tuple[str, ...]:
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ()
    texts = [json.loads(f'"{m}"') for m in _INJECTED.findall(source)]
    texts += [
        json.loads('"' + m.replace('"', '\\"').replace("\\'", "'") + '"') for m in _INJECTED_SINGLE.findall(source)
    ]
    css = [t for t in texts if re.match(r"^\s*[.#@a-z\[][^{}]*\{", t)]
    # The injector appends the <style> element before its text: the empty element is checked first.
    css.append("")
    return tuple(
        sorted({"'sha256-" + base64.b64encode(hashlib.sha256(t.encode()).digest()).decode() + "'" for t in css})
    )
