"""Response headers: a Content-Security-Policy without unsafe-inline, no caching of signed-in pages,
a Permissions-Policy; and templates with nothing inline that the policy would block."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def directives(header: str) -> dict[str, list[str]]:
    out = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


@pytest.mark.django_db
def test_content_security_policy_allows_only_own_scripts_and_styles(client, network, viewer):
    client.force_login(viewer)
    response = client.get(reverse("plans:plans", args=[network.slug]))
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_the_sign_in_page_has_the_policy_too(client):
    assert "script-src 'self'" in client.get(reverse("login"))["Content-Security-Policy"]


@pytest.mark.django_db
def test_signed_in_pages_are_never_stored_by_a_shared_cache(client, network, viewer):
    client.force_login(viewer)
    # A page with an ETag: the browser alone may keep it, and must ask again on every use.
    response = client.get(reverse("plans:plans", args=[network.slug]))
    cache = {p.strip() for p in response["Cache-Control"].split(",")}
    assert response.has_header("ETag") and {"private", "no-cache"} <= cache
    assert "Cookie" in response["Vary"]
    # A page without one is stored nowhere.
    response = client.get(reverse("sessions"))
    cache = {p.strip() for p in response["Cache-Control"].split(",")}
    assert not response.has_header("ETag") and {"private", "no-store"} <= cache
    assert "Cookie" in response["Vary"]


@pytest.mark.django_db
def test_the_sign_in_response_that_sets_the_session_is_not_stored(client):
    from accord.testing import factories as f

    f.make_user("pat")
    response = client.post(reverse("login"), {"username": "pat", "password": "pw-for-tests-only"})
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_permissions_policy_turns_off_unused_browser_features(client):
    policy = client.get(reverse("web:healthz"))["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


@pytest.mark.django_db
def test_htmx_is_told_not_to_inject_its_style(client):
    body = client.get(reverse("login")).content.decode()
    assert '"includeIndicatorStyles": false' in body


# Pages only: an email's HTML (templates/<app>/email/) is read by mail programs, which need inline styles and never
# see the Content-Security-Policy.
TEMPLATES = sorted(
    p
    for folder in ("templates", "jinja2")
    for p in ROOT.glob(f"accord/**/{folder}/**/*.html")
    if "email" not in p.parent.parts
)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.I)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
JS_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.I)
# htmx evaluates trigger filters (keydown[key=='Escape']), hx-on and js: values as code: refused without eval.
HTMX_EVAL = re.compile(r"""hx-trigger\s*=\s*["'][^"']*\[|hx-on|hx-(?:vals|vars)\s*=\s*["']\s*js:""", re.I)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT / "accord")))
def test_templates_have_no_inline_script_style_or_event_handler(template):
    text = template.read_text()
    problems = [
        name
        for name, pattern in (
            ("inline <script>", INLINE_SCRIPT),
            ("inline style", INLINE_STYLE),
            ("on* handler", EVENT_HANDLER),
            ("javascript: URL", JS_URL),
            ("htmx code", HTMX_EVAL),
        )
        if pattern.search(text)
    ]
    assert not problems, problems


def test_the_template_scan_sees_templates():
    assert len(TEMPLATES) > 20


def test_the_timeline_page_allows_exactly_the_vendored_injected_styles(client, db, network, secretariat):
    from accord.testing import factories as f
    from accord.web.csp import injected_style_hashes

    hashes = injected_style_hashes()
    assert len(hashes) > 5
    plan = f.make_plan(network)
    client.force_login(secretariat)
    timeline = client.get(reverse("plans:plan_timeline", args=[network.slug, plan.pk]))["Content-Security-Policy"]
    assert all(h in timeline for h in hashes) and "'unsafe-inline'" not in timeline
    other = client.get(reverse("plans:plans", args=[network.slug]))["Content-Security-Policy"]
    assert "sha256-" not in other
