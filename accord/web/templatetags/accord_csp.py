"""{% allow_timeline_styles %}: the page that loads vis-timeline allows its injected stylesheets by hash
(accord/web/csp.py); SecurityHeadersMiddleware hands the addition to the Content-Security-Policy middleware."""

from __future__ import annotations

from django import template

from accord.web.csp import injected_style_hashes

register = template.Library()


@register.simple_tag(takes_context=True)
def allow_timeline_styles(context) -> str:
    request = context.get("request")
    if request is not None:
        request.accord_csp_update = {"style-src-elem": ["'self'", *injected_style_hashes()]}
    return ""
