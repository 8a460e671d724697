"""The Jinja2 environment of the row-heavy templates (each app's `jinja2/` folder), through Django's own backend.

Django templates stay the default (settings.TEMPLATES lists them first): page shells, forms and everything
else. Jinja2 renders the fragments that are mostly loops over many rows (the Document tab's sections, the
Table tab's rows, the workload table, an organisation's page), where it builds the same HTML several times
faster (bench/bench_templates.py, docs/decisions/0013-jinja2-for-row-templates.md).

What the templates get, and no more: autoescaping (always on, as in Django templates), Django's translations
through the i18n extension (`_()`, `gettext()`, `ngettext()`, newstyle: placeholders are filled with escaped
values, as `blocktranslate` does), `url()` (reverse) and `static()`, and the Django filters the ported templates
use. A value Django marked safe (SafeString: a rendered fragment, a form field) is not escaped again: it has
`__html__`, which Jinja2 honours.
"""

from __future__ import annotations

from typing import Any

from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import json_script
from django.utils.translation import gettext, ngettext
from jinja2 import Environment


def url(name: str, *args: Any, **kwargs: Any) -> str:
    """`{{ url("plans:plan", network.slug, plan.pk) }}`: Django's reverse() with positional or keyword args."""
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options: Any) -> Environment:
    options["autoescape"] = True  # never off, whatever the settings pass
    options["extensions"] = [*options.get("extensions", []), "jinja2.ext.i18n"]
    env = Environment(**options)  # noqa: S701 (autoescape is set on the line above)
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(url=url, static=static)
    env.filters.update(
        # Django's own filters, so the ported templates read as before: escaped text with <br> for its line
        # breaks; a date in Django's format letters, localised; a capital first letter; JSON in a <script>.
        linebreaksbr=defaultfilters.linebreaksbr,
        date=defaultfilters.date,
        capfirst=defaultfilters.capfirst,
        json_script=json_script,
    )
    return env
