"""axe-core in the browser tests: served from the page's own origin, because the Content-Security-Policy refuses
an inline copy (as it refuses every inline script)."""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"


def serious_violations(page) -> list[dict]:
    """axe's serious and critical violations on the page as it is now."""
    page.route("**/__axe.js", lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    page.add_script_tag(url="/__axe.js")
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help,"
        " target: v.nodes[0] && v.nodes[0].target}))"
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]
