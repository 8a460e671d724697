"""XSS corpus: hostile text through every writable field, imported owner names and file names; every page that
shows them is parsed as a browser would; nothing executable comes out (no script, no event attribute, no
javascript: URL, no <style> or style attribute, no <iframe>/<object>/<embed>, no base or meta refresh)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlparse

import pytest
from django.test import Client
from selectolax.lexbor import LexborHTMLParser

from accord.audit.actors import SYSTEM
from accord.events import actions as event_actions
from accord.imports import jobs as import_actions
from accord.imports.tasks import run_import_job
from accord.network import actions as net_actions
from accord.network.models import MembershipRole, NetworkRole
from accord.plans import actions as plan_actions
from accord.testing import factories as f
from accord.testing.routes import all_routes

# Written for this suite: the classic shapes (tags, attribute breaks, URL schemes, encodings, template syntax).
PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//x.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)' autofocus='",
    '<a href="javascript:alert(1)">x</a>',
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "<a href=' javascript:alert(1)'>x</a>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<object data=javascript:alert(1)>",
    "<embed src=x.swf>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<style>*{color:red}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<base href=//x.example/>",
    "<meta http-equiv=refresh content=0;url=javascript:alert(1)>",
    "<form action=javascript:alert(1)><button>x",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "<!--<script>alert(1)//-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "\\u003cscript\\u003ealert(1)",
    "{{ 7|add:7 }}{% now 'Y' %}",
    "${alert(1)}`${alert(1)}`",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<img src="x" onerror="alert(1)"/>',
    "<a href=data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>x</a>",
    "<isindex action=javascript:alert(1)>",
    "<marquee onstart=alert(1)>",
    "<x contenteditable onblur=alert(1)>x",
    "<link rel=stylesheet href=//x.example>",
    "\"'><svg/onload=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
]
BAD_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet", "style"}
URL_ATTRS = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"}


def p(i: int) -> str:
    return PAYLOADS[i % len(PAYLOADS)]


def problems_in(html: str, path: str) -> list[str]:
    tree = LexborHTMLParser(html)
    found = []
    for node in tree.css("*"):
        tag = node.tag
        attrs = node.attributes
        if tag == "script":
            src = attrs.get("src") or ""
            if not (src.startswith("/static/") or attrs.get("type") == "application/json"):
                found.append(f"{path}: <script src={src!r}> {node.text()[:40]!r}")
        if tag in BAD_TAGS:
            found.append(f"{path}: <{tag}>")
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            found.append(f"{path}: meta refresh")
        for name, value in attrs.items():
            lname = name.lower()
            if lname.startswith("on"):
                found.append(f"{path}: <{tag} {name}=...>")
            if lname == "style":
                found.append(f"{path}: <{tag} style=...>")
            if lname in URL_ATTRS and value:
                scheme = urlparse("".join((value or "").split()).lower()).scheme
                if scheme in {"javascript", "vbscript", "data"}:
                    found.append(f"{path}: <{tag} {name}={value[:40]!r}>")
    return found


@pytest.fixture
def hostile(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    net = f.make_network(p(0)[:150], slug="hostile", short_name=p(1)[:40], description=p(2))
    orgs = []
    for i in range(len(PAYLOADS)):
        org = net_actions.do_create_organisation(
            SYSTEM, short_name=f"O{i} {p(i)}"[:80], full_name=p(i + 3), aliases=[p(i + 5)]
        )
        net_actions.do_add_membership(SYSTEM, net, org, role=MembershipRole.MEMBER, since=dt.date(2025, 1, 1))
        net_actions.do_create_person(SYSTEM, name=p(i + 7)[:200], organisation=org, title=p(i + 8)[:200], network=net)
        orgs.append(org)
    group = net_actions.do_create_group(SYSTEM, net, name=p(9), aliases=[p(10)])
    plan = f.make_plan(net, title=p(11), theme=p(12), start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    secretariat = f.make_user("hostile-secretariat")
    f.grant(secretariat, net, NetworkRole.SECRETARIAT)
    items = []
    for s in range(4):
        section = f.make_section(plan, p(13 + s), narrative=p(17 + s))
        for i in range(s * 10, s * 10 + 12):
            item = f.make_item(
                section,
                what=p(i),
                details=p(i + 1),
                progress_note=p(i + 2),
                who_text=p(i + 3),
                owners=[orgs[i % len(orgs)], group, p(i + 4)],
                when_text=p(i + 5),
                start=dt.date(2026, 1 + i % 12, 1),
                end=dt.date(2026, 1 + i % 12, 28),
                open_call=i % 7 == 0,
            )
            plan_actions.do_add_comment(secretariat, item, p(i + 6))
            items.append(item)
    for i in range(0, len(PAYLOADS), 4):
        event_actions.do_create_event(
            SYSTEM,
            net,
            title=p(i)[:300],
            description=p(i + 1),
            place=p(i + 2)[:200],
            start=dt.date(2026, 1 + i % 12, 3),
            end=dt.date(2026, 1 + i % 12, 3),
            precision="day",
        )
    # Imported names and file names: a document whose owners and title are payloads, uploaded under payload names.
    jobs = []
    for i in range(0, len(PAYLOADS), 5):
        text = (
            f"{p(i)}\n2026\n\n1. Priority: {p(i + 1)}\n\nWhat?\tWho?\tWhen?\n"
            f"{p(i + 2)}\t{p(i + 3)}/{p(i + 4)}\t{p(i + 5)}\n"
        )
        job = import_actions.do_create_import_job(
            secretariat, net, file_name=f"{p(i)}.txt", data=text.encode(), checksum=str(i)
        )
        run_import_job.call(job.pk)
        jobs.append(job)
    return {"net": net, "plan": plan, "items": items, "orgs": orgs, "secretariat": secretariat, "jobs": jobs}


def test_the_corpus_is_big_enough():
    assert len(PAYLOADS) >= 40 and len(set(PAYLOADS)) == len(PAYLOADS)


def _close(response) -> None:
    """Close a response's files the way the test client closes them in a request: without `request_finished`
    closing the database connection, which on PostgreSQL ends the test's transaction."""
    from django.core.signals import request_finished
    from django.db import close_old_connections

    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def test_no_payload_comes_out_executable_on_any_page(hostile):
    client = Client()
    client.force_login(hostile["secretariat"])
    choices = {
        "network": ["hostile"],
        "plan_id": [hostile["plan"].pk],
        "item_id": [i.pk for i in hostile["items"][::3]],
        "job_id": [j.pk for j in hostile["jobs"]],
        "slug": [o.slug for o in hostile["orgs"][::4]],
        "org": [o.slug for o in hostile["orgs"][::4]],
        "organisation": [o.slug for o in hostile["orgs"][::4]],
        "uidb64": ["MQ"],
        "token": ["set-password"],
        "fmt": ["md", "csv"],
    }
    pages, problems = 0, []
    for route in all_routes():
        if any(param not in choices for param in route.params):
            continue  # the canary crawl fails for a route without values; here it is only left out
        for path in route.paths(choices):
            for query in ("", "?q=script", "?row=1"):
                for headers in ({}, {"HX-Request": "true"}):
                    response = client.get(path + query, headers=headers)
                    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                        _close(response)  # a file served (the favicon) is left open otherwise
                        continue
                    pages += 1
                    problems += problems_in(response.content.decode(), path + query)
    for query in ("<script>alert(1)</script>", "javascript:alert(1)", p(2), p(8)):
        response = client.get("/search", {"q": query, "n": "hostile"})
        pages += 1
        problems += problems_in(response.content.decode(), f"/search?q={query}")
    assert pages > 60
    assert not problems, "\n".join(sorted(set(problems))[:40])


def test_the_parser_would_see_an_injection(hostile):
    """The checks above are not vacuous: raw payloads in a page are caught."""
    raw = "<html><body>" + "".join(PAYLOADS) + "</body></html>"
    assert len(problems_in(raw, "raw")) >= 20
