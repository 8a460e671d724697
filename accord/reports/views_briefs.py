"""The hand-over brief and the progress report of a plan: a page, a Word file and a PDF each.

Whoever may see the plan may see its brief and report; what they list is read through plans.queries (a fixed
number of queries whatever the plan's size) and laid out by accord.reports.handover / progress.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from accord.network.models import Network
from accord.plans import permissions as plan_perms
from accord.plans.models import Plan
from accord.reports import documents, handover, progress
from accord.web.access import get_network, require_visible

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _plan(request: HttpRequest, network: str, plan_id: int) -> tuple[Network, Plan]:
    net = get_network(request, network)
    plan = get_object_or_404(Plan.objects.select_related("chair"), pk=plan_id, network=net)
    plan.network = net
    require_visible(request, plan_perms.can_view_plan(request.user, plan))
    return net, plan


def _on(request: HttpRequest) -> dt.date:
    """The report's date: ?on=YYYY-MM-DD, else today in the site's time zone. A bad date is a 404, not a guess."""
    raw = request.GET.get("on", "").strip()
    if not raw:
        return timezone.localdate()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise Http404("The date must read YYYY-MM-DD.") from None


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _filename(kind: str, plan: Plan, on: dt.date, ext: str) -> str:
    return f"{kind}-{slugify(plan.title)[:60] or plan.pk}-{on:%Y-%m-%d}.{ext}"


@require_GET
def handover_brief(request: HttpRequest, network: str, plan_id: int, fmt: str = "html") -> HttpResponse:
    net, plan = _plan(request, network, plan_id)
    on = _on(request)
    brief = handover.build(request.user, plan, on)
    if fmt == "docx":
        return _download(
            documents.render_docx(handover.report(brief), on=on), DOCX_TYPE, _filename("handover", plan, on, "docx")
        )
    context = {"network": net, "nav": "plans", **handover.context(brief)}
    if fmt == "pdf":
        pdf = documents.render_pdf(
            "reports/handover.html",
            context,
            title=context["doc_title"],
            network=net.name,
            on=on,
            parts=handover.print_parts(context),
        )
        return _download(pdf, "application/pdf", _filename("handover", plan, on, "pdf"))
    return render(request, "reports/handover.html", context)


@require_GET
def progress_report(request: HttpRequest, network: str, plan_id: int, fmt: str = "html") -> HttpResponse:
    net, plan = _plan(request, network, plan_id)
    on = _on(request)
    data = progress.build(request.user, plan, on)
    if fmt == "docx":
        return _download(
            documents.render_docx(progress.report(data), on=on), DOCX_TYPE, _filename("progress", plan, on, "docx")
        )
    context = {"network": net, "nav": "plans", **progress.context(data)}
    if fmt == "pdf":
        pdf = documents.render_pdf(
            "reports/progress.html", context, title=context["doc_title"], network=net.name, on=on
        )
        return _download(pdf, "application/pdf", _filename("progress", plan, on, "pdf"))
    return render(request, "reports/progress.html", context)
