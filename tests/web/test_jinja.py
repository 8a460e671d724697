"""The Jinja2 environment of the row-heavy fragments (accord/web/jinja.py, docs/decisions/0013): it escapes, it
translates through Django's catalogues, and each ported fragment writes the markup the pages are read by."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from django.template import engines
from django.template.backends.jinja2 import Template as JinjaTemplate
from django.template.loader import get_template
from django.test import RequestFactory
from django.utils import translation
from django.utils.safestring import mark_safe

from accord.web import page_cache

HOSTILE = "<script>alert('x')</script> & \"quoted\""


def render(source: str, **context) -> str:
    return engines["jinja2"].from_string(source).render(context)


def test_django_templates_stay_the_default_and_jinja2_serves_only_its_own_folder():
    assert [engine.name for engine in engines.all()] == ["django", "jinja2"]
    assert isinstance(get_template("plans/document_section.html"), JinjaTemplate)
    assert not isinstance(get_template("plans/plan_document.html"), JinjaTemplate)


def test_the_environment_escapes_values_but_not_what_django_marked_safe():
    html = render("<p title='{{ v }}'>{{ v }}</p>{{ safe }}", v=HOSTILE, safe=mark_safe("<b>ours</b>"))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&#39;" in html and "&#34;quoted&#34;" in html and "&amp;" in html  # quotes too: safe in attributes
    assert html.endswith("<b>ours</b>")


def test_autoescape_cannot_be_turned_off_by_the_settings():
    from accord.web.jinja import environment

    assert environment(autoescape=False).from_string("{{ v }}").render(v="<i>") == "&lt;i&gt;"


def test_attributes_read_as_jinja2_reads_them_without_a_call_each():
    """`obj.name` gives Jinja2's value (the attribute, else the key, else undefined) through Python's getattr:
    environment.getattr is called only for what has no such attribute."""
    from jinja2 import Environment

    class Failing:
        @property
        def broken(self):
            raise AttributeError("inside")

    row = SimpleNamespace(name=HOSTILE, inner=SimpleNamespace(deep="deep"), none=None)
    source = (
        "{{ row.name }}|{{ row.inner.deep }}|{{ row.none }}|{{ d.key }}|{{ d.items is defined }}|{{ d.gone }}|"
        "{{ row.gone }}|{{ row.gone is defined }}|{{ failing.broken }}|"
        "{% for r in rows if r.inner.deep %}{{ r.name|length }}{% endfor %}|{{ (row.inner).deep }}"
    )
    context = {"row": row, "d": {"key": 5}, "failing": Failing(), "rows": [row, row]}
    expected = Environment(autoescape=True).from_string(source).render(context)
    env = engines["jinja2"].env
    calls: list[str] = []
    getattr_ = env.getattr

    def counting(obj, name):
        calls.append(name)
        return getattr_(obj, name)

    env.getattr = counting
    try:
        assert render(source, **context) == expected
    finally:
        del env.getattr
    assert sorted(calls) == ["broken", "gone", "gone", "gone", "key"]  # the dict's key, what is missing


def test_the_environment_translates_with_djangos_catalogues():
    source = "{{ _('or') }}|{{ gettext('January') }}|{{ ngettext('%(size)d byte', '%(size)d bytes', n, size=n) }}"
    with translation.override("fr"):
        assert render(source, n=3) == "ou|janvier|3 octets"
    with translation.override("en"):
        assert render(source, n=1) == "or|January|1 byte"


def test_translated_placeholders_are_filled_with_escaped_values():
    with translation.override("en"):
        assert render("{{ _('Items of %(title)s', title=t) }}", t="<b>") == "Items of &lt;b&gt;"


def test_url_static_and_the_django_filters_the_fragments_use(network):
    assert render("{{ url('workspace:network', slug) }}", slug=network.slug) == f"/n/{network.slug}/"
    assert render("{{ static('accord/workload-chart.js') }}").endswith("accord/workload-chart.js")
    assert render("{{ t|linebreaksbr }}", t="one <i>\ntwo") == "one &lt;i&gt;<br>two"
    assert render("{{ v|capfirst }}", v="planned") == "Planned"
    with translation.override("en"):
        assert render("{{ d|date('M Y') }}", d=dt.date(2027, 3, 1)) == "Mar 2027"
    script = render("{{ v|json_script('c') }}", v={"a": "</script>"})
    assert script.startswith('<script id="c" type="application/json">') and '</script>"' not in script


# The ported fragments, from in-memory rows ---------------------------------------------------------------------

LABELS = {"what": "What", "who": "Who", "when": "When", "status": "Status", "edit": "Edit", "wanted": "Owner wanted"}


def _item(pk: int, **values) -> SimpleNamespace:
    base = {
        "pk": pk,
        "what": f"Line {pk}",
        "details": "",
        "url": f"/n/x/items/{pk}/",
        "owner_links": [(HOSTILE, "/n/x/organisations/odd/", True, False), ("A working group", None, False, True)],
        "owners_mode": "all",
        "owners_note": "",
        "open_call": False,
        "wanted_label": "",
        "tentative": False,
        "tbc_chip": False,
        "when_review": False,
        "when_text": "March 2027",
        "interval_label": "2027-03-01 – 2027-03-31",
        "status": "planned",
        "status_label": "planned",
        "kind": "action",
        "kind_label": "action",
        "removed_from_document": False,
        "section_id": 1,
        "section": "1. First priority",
        "can_edit": False,
        "can_take": False,
    }
    return SimpleNamespace(**{**base, **values})


def test_the_document_section_fragment(rf_request):
    paragraph = SimpleNamespace(is_list=False, text="a\nb")
    section = SimpleNamespace(pk=7, number="2", title="", narrative_blocks=[paragraph])
    items = [_item(1, tentative=True, tbc_chip=True), _item(2, owners_mode="either", kind="output", open_call=True)]
    with translation.override("fr"):
        (html,) = page_cache.render_each(
            "plans/document_section.html", "section_html", {"labels": LABELS}, [(section, items)]
        )
    assert html.startswith('<section class="priority" aria-labelledby="section-7">')
    assert '<h2 id="section-7">2. Untitled section</h2>' in html and '<p class="narrative">a<br>b</p>' in html
    assert '<tr id="item-1" class="tentative">' in html and '<tr id="item-2" class=" output">' in html
    assert html.count('<td data-label="Who" class="owners">') == 2 and '<span class="chip tbc">tbc</span>' in html
    assert '<span class="sep" aria-hidden="true">·</span>' in html  # item 1: all of them
    assert '<span class="sep-word">ou</span>' in html  # item 2: either of them, in French
    assert '<span class="chip wanted">Owner wanted</span>' in html
    assert "<script>" not in html and '<a href="/n/x/organisations/odd/">&lt;script&gt;' in html
    assert html.rstrip().endswith("</section>")


def test_the_table_results_and_row_fragments(rf_request, network):
    rows = [
        _item(1, can_edit=True, edit_url="/e/1/", edit_label="Edit Line 1"),
        _item(2, open_call=True, can_take=True, take_url="/t/2/", section_id=2, section="2. Second"),
    ]
    page = SimpleNamespace(
        paginator=SimpleNamespace(count=2, num_pages=1),
        start_index=lambda: 1,
        end_index=lambda: 2,
        has_other_pages=lambda: False,
        number=1,
    )
    context = {
        "network": network,
        "plan": SimpleNamespace(pk=5, title="A plan <b>"),
        "form": SimpleNamespace(active=False),
        "page": page,
        "rows": rows,
        "query": "",
        "back": "/back/?a=1&b=2",
        "labels": {**LABELS, "take": "We'll take it"},
    }
    html = page_cache.render(rf_request, "plans/table_results.html", context)
    assert '<p class="count" role="status">Items 1–2 of 2</p>' in html
    assert '<caption class="visually-hidden">Items of A plan &lt;b&gt;</caption>' in html
    assert re.findall(r'<tr class="section-row"><th colspan="5" scope="colgroup">([^<]+)</th>', html) == [
        "1. First priority",
        "2. Second",
    ]
    assert 'aria-label="Edit Line 1" hx-get="/e/1/"' in html and 'value="/back/?a=1&amp;b=2"' in html
    # The take form is cached with the placeholder, which page_cache.body swaps for the requester's token.
    assert f'<input type="hidden" name="csrfmiddlewaretoken" value="{page_cache.CSRF_PLACEHOLDER}">' in html
    row = page_cache.render(rf_request, "plans/table_row.html", {**context, "item": rows[0], "message": "Saved."})
    assert row.startswith('<tr id="item-1" class="">') and 'hx-swap-oob="true">Saved.</div></template>' in row


def test_the_filter_select_fragment(rf_request):
    select = {"name": "owner", "id": "id_owner", "invalid": True, "options": [("", "All", False), (3, HOSTILE, True)]}
    html = page_cache.render(rf_request, "plans/filter_select.html", {"select": select})
    assert html.startswith('<select name="owner" id="id_owner" aria-invalid="true"><option value="">All</option>')
    assert '<option value="3" selected>&lt;script&gt;' in html and html.endswith("</option></select>")


def test_the_workload_body_renders_its_rows(rf_request, network):
    counts = [("Planned", 2), ("Done", 1)]
    workload = {
        "network": network,
        "plans": [SimpleNamespace(pk=1, title="P", period_label="2027")],
        "plan": SimpleNamespace(pk=1, title="P", period_label="2027"),
        "busy": [1, 2],
        "idle": [{"name": "Idle & Co", "url": "/o/idle/"}],
        "rows": [
            {"name": HOSTILE, "url": "/o/a/", "heavy": True, "member": False, "cells": counts, "total": 3},
            {"name": "B", "url": "/o/b/", "heavy": False, "member": True, "cells": counts, "total": 3},
        ],
        "labels": {"heavy": "heavy load", "outsider": "not a member"},
        "statuses": [("planned", "planned"), ("done", "done")],
        "charted": 2,
        "chart_height": 280,
        "chart": {"labels": ["A", "B"]},
    }
    with translation.override("en"):
        html = page_cache.render(rf_request, "workspace/workload_body.html", workload)
    assert "2 organisations own items; 1 member has no task." in html
    assert '<a class="idle" href="/o/idle/">Idle &amp; Co</a>' in html
    assert '<tr class="not-member heavy"><th scope="row"><a href="/o/a/">&lt;script&gt;' in html
    assert '<tr><th scope="row"><a href="/o/b/">B</a></th>' in html
    assert '<td data-label="Planned">2</td><td data-label="Done">1</td><td data-label="Total">3</td>' in html
    assert '<figure class="chart no-print" aria-hidden="true" data-height="280">' in html
    assert '<script id="workload" type="application/json">' in html


@pytest.fixture
def rf_request():
    return RequestFactory().get("/")


def test_render_each_calls_a_macro_once_per_row_with_the_shared_words():
    rows = [
        SimpleNamespace(
            pk=1,
            title="Alpha <b>",
            version_label="",
            kind="work_programme",
            period_label="2026",
            chair_text="",
            chair=None,
            status="adopted",
            items_done=1,
            items_total=3,
        ),
        SimpleNamespace(
            pk=2,
            title="Beta",
            version_label="v2",
            kind="other",
            period_label="",
            chair_text="UCI",
            chair=None,
            status="draft",
            items_done=0,
            items_total=0,
        ),
    ]
    context = {
        "can_edit": True,
        "plan_url": lambda pk: f"/p/{pk}/",
        "settings_url": lambda pk: f"/p/{pk}/settings/",
        "labels": {k: k.title() for k in ("plan", "period", "chair", "status", "items", "manage", "done")},
        "kinds": {"work_programme": "Work programme"},
        "statuses": {"adopted": "Adopted"},
    }
    first, second = page_cache.render_each("plans/plan_row.html", "row", context, rows)
    assert first.startswith("<tr>") and first.endswith("</tr>") and second.startswith("<tr>")
    assert '<a href="/p/1/">Alpha &lt;b&gt;</a>' in first and "Work programme" in first and "1/3 Done" in first
    assert '<span class="muted">v2</span>' in second and '<td data-label="Period">—</td>' in second
    assert '<a href="/p/2/settings/" aria-label="Manage Beta">Manage</a>' in second and ">UCI<" in second


def test_render_each_refuses_a_django_template():
    with pytest.raises(TypeError, match="not a Jinja2 template"):
        page_cache.render_each("plans/_plan_table.html", "row", {}, [])


# Each `{{ value }}` is written through escape_text, markupsafe's escaping without its Markup object.

from zoneinfo import ZoneInfo  # noqa: E402

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from jinja2 import Undefined  # noqa: E402
from markupsafe import Markup, escape  # noqa: E402

from accord.web.jinja import escape_text  # noqa: E402


class _Html:
    def __html__(self) -> str:
        return "<em>kept</em>"


@given(st.one_of(st.text(), st.integers(), st.floats(allow_nan=False), st.booleans(), st.none()))
def test_escape_text_gives_the_text_markupsafe_gives(value):
    assert escape_text(value) == str(escape(value))
    assert type(escape_text(value)) is str


@pytest.mark.parametrize(
    "value",
    [Markup("<b>safe</b>"), mark_safe("<i>ours</i>"), _Html(), Undefined(), HOSTILE, "", 0, dt.date(2026, 3, 1)],
)
def test_escape_text_keeps_what_is_marked_safe_and_escapes_the_rest(value):
    assert escape_text(value) == str(escape(value))


def test_templates_write_their_values_through_escape_text_and_the_same_html():
    from accord.web.jinja import environment

    env = environment()
    source = (
        "{% macro cell(v) %}<td title='{{ v }}'>{{ v|upper }}</td>{% endmacro %}"
        "{% set kept %}<b>{{ v }}</b>{% endset %}{{ cell(v) }}{{ kept }}{% for x in xs %}[{{ x }}]{% endfor %}"
    )
    code = env.compile(source, raw=True)
    assert "escape_text(" in code and "escape(" not in code.replace("escape_text(", "")
    html = env.from_string(source).render(v=HOSTILE, xs=[1, None, "<i>", Markup("<u>u</u>")])
    macro = "<td title='&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &#34;quoted&#34;'>"
    assert html.startswith(macro + "&lt;SCRIPT&gt;ALERT(&#39;X&#39;)&lt;/SCRIPT&gt; &amp; &#34;QUOTED&#34;</td>")
    assert "<b>&lt;script&gt;" in html  # a {% set %} block is escaped once, then kept as it is
    assert html.endswith("[1][None][&lt;i&gt;][<u>u</u>]")


def test_an_autoescape_block_still_decides_within_it():
    from accord.web.jinja import environment

    env = environment()
    source = "{% autoescape off %}{{ v }}{% endautoescape %}|{% autoescape on_ %}{{ v }}{% endautoescape %}|{{ v }}"
    assert env.from_string(source).render(v="<i>", on_=False) == "<i>|<i>|&lt;i&gt;"


# The date filter, its results kept -------------------------------------------------------------------------------

DATE_FORMATS = ["j M", "j M Y", "M Y", "F Y", "l j F", "D", "Y-m-d", "Y-m", "c", "j M H:i", "j M Y H:i", "e O T"]
ZONES = [None, dt.UTC, dt.timezone(dt.timedelta(hours=-5)), ZoneInfo("Europe/Brussels")]


@given(
    st.one_of(
        st.dates(),
        st.datetimes(timezones=st.sampled_from(ZONES)),
    ),
    st.sampled_from(DATE_FORMATS),
    st.sampled_from(["en", "fr", "de", "es"]),
)
def test_the_date_filter_writes_what_djangos_writes_each_time(value, fmt, language):
    """Kept per value, format and language, the text is Django's `date` filter's, the first time and after: the
    same moment in another zone, or the same day in another language, is written anew."""
    from django.template import defaultfilters

    from accord.web.jinja import date

    with translation.override(language):
        try:
            expected = defaultfilters.date(value, fmt)
        except TypeError:  # a day written with a time's letters: Django refuses it, and so does the filter
            with pytest.raises(TypeError):
                date(value, fmt)
            return
        assert date(value, fmt) == expected
        assert date(value, fmt) == expected
        assert render("{{ d|date(f) }}", d=value, f=fmt) == str(escape(expected))


def test_the_date_filter_reads_formats_named_by_settings_afresh(settings):
    from accord.web.jinja import date

    day = dt.date(2027, 3, 9)
    with translation.override("en"):
        settings.USE_L10N = True
        assert date(day, "Y-m-d") == "2027-03-09"
        assert date(day) == date(day, "DATE_FORMAT") != ""
        assert date(None, "Y") == "" and date("", "Y") == ""
    with translation.override("fr"):
        assert date(day, "F") == "mars"
    with translation.override("de"):
        assert date(day, "F") == "März"
    moment = dt.datetime(2027, 3, 9, 12, 30, tzinfo=dt.UTC)
    with translation.override("en"):
        assert date(moment, "j M H:i") == "9 Mar 12:30"
        assert date(moment.astimezone(dt.timezone(dt.timedelta(hours=-5))), "j M H:i") == "9 Mar 07:30"


def test_words_read_as_attributes_and_keys_by_both_engines():
    """Words (a page's fixed words for a row loop) read the same as attributes and as keys, in Jinja2 and in
    Django's templates, and copy as a dict does."""
    import copy

    from django.template import Context, Template

    from accord.web.jinja import Words

    words = Words(what="What", edit="Edit <it>")
    assert words.what == words["what"] == "What" and dict(words) == {"what": "What", "edit": "Edit <it>"}
    assert render("{{ w.what }} {{ w['edit'] }}", w=words) == "What Edit &lt;it&gt;"
    assert Template("{{ w.what }} {{ w.edit }}").render(Context({"w": words})) == "What Edit &lt;it&gt;"
    copied = copy.copy(words)
    assert copied == words and copied.edit == "Edit <it>"
