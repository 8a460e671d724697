"""Plan exports from the plan page, and the plan's document sent back edited (upload, review, apply).

Thin views: the plan is loaded and its access decided as the plan page does (404 for what the person may not
see), exports ask plans.permissions.can_export_plan, the review and apply ask the revision actions.
"""

from __future__ import annotations

import os

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accord.imports import revision
from accord.imports.drafts import max_upload_bytes
from accord.imports.permissions import can_import
from accord.network.models import Network
from accord.plans import permissions as plan_perms
from accord.plans.models import Plan
from accord.reports.exports import FORMATS, file_name, load_plan_export
from accord.reports.exports import render as render_export
from accord.text.errors import DocumentError
from accord.web.access import LoginRequired, get_network, require_visible


def _plan(request: HttpRequest, network: str, plan_id: int) -> tuple[Network, Plan]:
    net = get_network(request, network)
    plan = get_object_or_404(Plan.objects.select_related("chair"), pk=plan_id, network=net)
    plan.network = net
    require_visible(request, plan_perms.can_view_plan(request.user, plan))
    return net, plan


def _may_revise(request: HttpRequest, plan: Plan) -> None:
    if not (can_import(request.user, plan.network) and plan_perms.can_edit_plan(request.user, plan)):
        if not request.user.is_authenticated:
            raise LoginRequired
        raise PermissionDenied


@require_GET
def export_plan(request: HttpRequest, network: str, plan_id: int, fmt: str) -> HttpResponse:
    """The plan as a file: ?status=0 leaves the Status column out of DOCX, PDF and Markdown."""
    _net, plan = _plan(request, network, plan_id)
    if fmt not in FORMATS:
        raise Http404("No such export format.")
    require_visible(request, plan_perms.can_export_plan(request.user, plan))
    export = load_plan_export(
        plan, base_url=request.build_absolute_uri("/").rstrip("/"), status_column=request.GET.get("status") != "0"
    )
    response = HttpResponse(render_export(export, fmt), content_type=FORMATS[fmt].media_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name(export, fmt)}"'
    response["Cache-Control"] = "private, no-cache"
    return response


@require_http_methods(["GET", "POST"])
def revise_upload(request: HttpRequest, network: str, plan_id: int) -> HttpResponse:
    """Send back the plan's document edited (Word, PDF, Markdown, text, or the XLSX / CSV export)."""
    net, plan = _plan(request, network, plan_id)
    _may_revise(request, plan)
    error = ""
    if request.method == "POST":
        uploaded = request.FILES.get("file")
        if uploaded is None:
            error = _("Choose the edited document to upload.")
        elif uploaded.size > max_upload_bytes():
            error = _("The file is %(size).1f MB; the limit is %(limit)d MB.") % {
                "size": uploaded.size / 1048576,
                "limit": max_upload_bytes() // 1048576,
            }
        else:
            name = os.path.basename(uploaded.name or "")[:255] or "document"
            data = uploaded.read()
            try:
                draft = revision.read_revision(name, data, plan)
            except DocumentError as exc:
                error = _("%(name)s cannot be read: %(reason)s") % {"name": name, "reason": exc.reason}
            else:
                job = revision.do_start_revision(request.user, plan, file_name=name, data=data, draft=draft)
                return HttpResponseRedirect(reverse("reports:revise_review", args=[net.slug, plan.pk, job.pk]))
    return render(
        request,
        "reports/revise_upload.html",
        {"network": net, "plan": plan, "error": error, "nav": "plans", "max_mb": max_upload_bytes() // 1048576},
        status=400 if error else 200,
    )


@require_http_methods(["GET", "POST"])
def revise_review(request: HttpRequest, network: str, plan_id: int, job_id: int) -> HttpResponse:
    """The change report of an edited document; POST applies the changes the person ticked."""
    net, plan = _plan(request, network, plan_id)
    _may_revise(request, plan)
    job = revision.revision_job(plan, job_id)
    if job is None:
        raise Http404("No such document.")
    job.plan = plan
    if request.method == "POST" and job.status == "review":
        try:
            applied = revision.do_apply_revision(
                request.user,
                job,
                request.POST.getlist("accept"),
                delete_removed=bool(request.POST.get("delete_removed")),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("%(n)d change(s) applied to the plan.") % {"n": len(applied)})
            return HttpResponseRedirect(reverse("plans:plan", args=[net.slug, plan.pk]))
        return HttpResponseRedirect(request.get_full_path())
    review = revision.revision_of_job(job) if job.status == "review" else None
    return render(
        request,
        "reports/revise_review.html",
        {
            "network": net,
            "plan": plan,
            "job": job,
            "revision": review,
            "nav": "plans",
            "groups": review.by_kind() if review else [],
            "has_removed": bool(review and any(c.kind == "removed" for c in review.changes)),
            "applied": (job.result or {}).get("applied", []),
        },
    )
