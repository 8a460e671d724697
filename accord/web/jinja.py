"""The Jinja2 environment of the row-heavy templates (each app's `jinja2/` folder), through Django's own backend.

Django templates stay the default (settings.TEMPLATES lists them first): page shells, forms and everything
else. Jinja2 renders the fragments that are mostly loops over many rows (the Document tab's sections, the
Table tab's rows, the workload table, an organisation's page), where it builds the same HTML several times
faster (bench/bench_templates.py, docs/decisions/0013-jinja2-for-row-templates.md).

What the templates get, and no more: autoescaping (always on, as in Django templates), Django's translations
through the i18n extension (`_()`, `gettext()`, `ngettext()`, newstyle: placeholders are filled with escaped
values, as `blocktranslate` does), `url()` (reverse) and `static()`, and the Django filters the ported templates
use (`date` with its results kept, see below). A value Django marked safe (SafeString: a rendered fragment, a
form field) is not escaped again: it has `__html__`, which Jinja2 honours.

Each `{{ value }}` a template writes out is escaped by `escape_text`, which gives the text markupsafe's `escape`
gives without building a `Markup` object around it: the output is joined into one string at once, so the object
was thrown away. It costs 80 ns a value instead of 430; the Document tab's 250 rows write about 3,800 values
(docs/decisions/0013). Everywhere else (filters, macros' arguments, `Markup` in the code) escaping is Jinja2's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import json_script
from django.utils.translation import get_language, gettext, ngettext
from jinja2 import Environment
from jinja2.compiler import CodeGenerator, optimizeconst
from markupsafe import escape

try:  # markupsafe's own escaping of a str, in C (markupsafe 3.0), without the Markup its `escape` wraps it in
    from markupsafe import _escape_inner  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover (another markupsafe: the same text through its public escape)

    def _escape_inner(text: str, /) -> str:
        return str(escape(text))


_escape_str: Callable[[str], str] = _escape_inner

__all__ = ["Words", "date", "environment", "escape_text", "url"]


def escape_text(value: Any) -> str:
    """A value as an autoescaped template writes it: the same text as `str(markupsafe.escape(value))` (its
    `__html__` when it has one: already safe; else its text with & < > ' " escaped), as a plain str."""
    if type(value) is str:
        return _escape_str(value)
    html = getattr(value, "__html__", None)
    if html is not None:
        return str(html())
    return _escape_str(str(value))


class _EscapingCodeGenerator(CodeGenerator):
    """Jinja2's code generator, writing each output of an autoescaped template through `escape_text` instead of
    `escape` (which wraps the text in a Markup object only for it to be joined into the page at once)."""

    def _output_child_pre(self, node: Any, frame: Any, finalize: Any) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            super()._output_child_pre(node, frame, finalize)
            return
        self.write("escape_text(")
        if finalize.src is not None:
            self.write(finalize.src)

    @optimizeconst
    def visit_Getattr(self, node: Any, frame: Any) -> None:
        """`obj.name` read by Python's own `getattr` with a default, and through `environment.getattr` (a key,
        else undefined) only when the object has no such attribute: the same value as Jinja2's
        `environment.getattr(obj, "name")`, without a Python call for each of the thousands of attributes a row
        loop reads (the Document tab's 250 rows read about 5,000)."""
        if self.environment.is_async or not self.environment.optimized:
            super().visit_Getattr(node, frame)
            return
        held = self.temporary_identifier()  # the object, evaluated once
        self.write(f"(_got if (_got := getattr(({held} := ")
        self.visit(node.node, frame)
        self.write(f"), {node.attr!r}, _no_attr)) is not _no_attr else environment.getattr({held}, {node.attr!r}))")

    def visit_Template(self, node: Any, frame: Any = None) -> None:
        super().visit_Template(node, frame)
        # At module level, after the template's functions: they read it from the module's globals when called.
        self.writeline("from accord.web.jinja import escape_text, _no_attr")


# What a template's attribute read gets from `getattr` when the object has no such attribute (see visit_Getattr).
_no_attr = object()


class AccordEnvironment(Environment):
    code_generator_class = _EscapingCodeGenerator


class Words(dict[str, Any]):
    """A page's fixed words (or any small mapping a row loop reads), read as attributes (`labels.what`) and as keys.
    Jinja2 tries an attribute before a key: on a plain dict every `labels.what` raises and catches an
    AttributeError first (0.4 us, in a loop of hundreds of rows); here the keys are the attributes. Django's
    templates read it as the dict it is."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.__dict__ = self


def url(name: str, *args: Any, **kwargs: Any) -> str:
    """`{{ url("plans:plan", network.slug, plan.pk) }}`: Django's reverse() with positional or keyword args."""
    return reverse(name, args=args or None, kwargs=kwargs or None)


# Dates as Django's `date` filter writes them, kept per value, format and language: the filter takes 20-90 us a
# value (it reads the format letter by letter, each a method, and translates month and day names through lazy
# strings), and a page writes the same dates build after build (a month's days, the recent changes' moments).
_DATES: dict[tuple[Any, ...], str] = {}
_KEPT_DATES = 4096


def date(value: Any, arg: str | None = None) -> str:
    """Django's `date` filter (`{{ day|date("j M Y") }}`), its result kept for a format written out: the text
    depends on the value (a moment's time zone with it), the format's letters and the language's names alone. A
    format named by a setting (None, "DATE_FORMAT") is read afresh each time, as settings may change it."""
    if not arg or arg.endswith("_FORMAT") or value is None or value == "":
        return defaultfilters.date(value, arg)
    try:
        key = (arg, get_language(), type(value), value, getattr(value, "tzinfo", None))
        found = _DATES.get(key)
    except TypeError:  # an unhashable value: Django's filter says what it makes of it
        return defaultfilters.date(value, arg)
    if found is None:
        found = defaultfilters.date(value, arg)
        if len(_DATES) >= _KEPT_DATES:
            _DATES.clear()
        _DATES[key] = found
    return found


def environment(**options: Any) -> Environment:
    options["autoescape"] = True  # never off, whatever the settings pass
    options["extensions"] = [*options.get("extensions", []), "jinja2.ext.i18n"]
    env = AccordEnvironment(**options)  # autoescape set on the line above
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(url=url, static=static)
    env.filters.update(
        # Django's own filters, so the ported templates read as before: escaped text with <br> for its line
        # breaks; a date in Django's format letters, localised; a capital first letter; JSON in a <script>.
        linebreaksbr=defaultfilters.linebreaksbr,
        date=date,
        capfirst=defaultfilters.capfirst,
        json_script=json_script,
    )
    return env
