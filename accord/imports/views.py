"""The upload page, each job's progress and review page, and the live reading of a When.

Thin views: load through access helpers, ask accord.imports.permissions, read through queries, validate with
forms, call one action. Reading and saving run as background tasks; the pages poll a job's status with htmx
(and refresh on their own without JavaScript while something is running).
"""

from __future__ import annotations

import hashlib
import os
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accord.imports import actions, jobs, queries
from accord.imports.diff import changes_by_kind, plan_title
from accord.imports.drafts import draft_from_json, max_upload_bytes, reparse_when, section_context
from accord.imports.forms import ReviewForm, UploadForm
from accord.imports.models import ImportJob, ImportStatus
from accord.imports.permissions import can_add_chair_term, can_import
from accord.imports.report import ImportReport
from accord.imports.resolve import Resolution
from accord.network.models import ChairTerm, Network
from accord.plans.models import Plan, PlanKind
from accord.text.timeframe import Context
from accord.web.access import LoginRequired, get_network


def _network(request: HttpRequest, slug: str) -> Network:
    net = get_network(request, slug)
    if not can_import(request.user, net):
        if not request.user.is_authenticated:
            raise LoginRequired
        raise PermissionDenied
    return net


def _job(net: Network, job_id: int, loader: Any = queries.job_for_review) -> ImportJob:
    job = loader(net, job_id)
    if job is None:
        raise Http404("No such import.")
    job.network = net
    return job


def _is_fragment(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False)) or request.headers.get("X-Requested-With") == "XMLHttpRequest"


def _vary(response: HttpResponse) -> HttpResponse:
    patch_vary_headers(response, ["HX-Request", "X-Requested-With"])
    return response


# Upload ----------------------------------------------------------------------------------------------------------


def _file_name(name: str | None) -> str:
    return os.path.basename(name or "")[:255] or _("document")


def _too_large(request: HttpRequest, net: Network, name: str, size: int) -> ImportJob:
    limit = max_upload_bytes()
    return jobs.do_create_import_job(
        request.user,
        net,
        file_name=name,
        checksum="",
        status=ImportStatus.FAILED,
        size=size,
        error=_("the file is more than %(limit)d MB (%(size).1f MB received); the limit is %(limit)d MB")
        % {"size": size / 1048576, "limit": limit // 1048576},
    )


def _digest(uploaded: Any) -> tuple[str, bool]:
    """SHA-256 of an upload read in chunks from its temporary file, and whether it holds anything but blanks."""
    digest, blank = hashlib.sha256(), True
    for chunk in uploaded.chunks():
        digest.update(chunk)
        blank = blank and not chunk.strip()
    uploaded.seek(0)
    return digest.hexdigest(), blank


def _accept(request: HttpRequest, net: Network, uploaded: Any, context: str) -> ImportJob:
    """One uploaded file -> a job: queued to be read, or failed at once with the reason (too large, empty).

    The file streams from its temporary file to MEDIA_ROOT; it is never held whole in memory here.
    """
    name = _file_name(uploaded.name)
    if uploaded.size > max_upload_bytes():
        return _too_large(request, net, name, uploaded.size)
    digest, blank = _digest(uploaded)
    if blank:
        return jobs.do_create_import_job(
            request.user, net, file_name=name, checksum="", status=ImportStatus.FAILED, error=_("the file is empty")
        )
    return jobs.do_create_import_job(request.user, net, file_name=name, file=uploaded, checksum=digest, context=context)


@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, network: str) -> HttpResponse:
    net = _network(request, network)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        # Files the upload handler stopped reading because they grew past the limit (accord/web/uploads.py).
        refused = list(getattr(request, "refused_uploads", []))
        form.fields["files"].required = not refused
        if form.is_valid():
            jobs = [_too_large(request, net, _file_name(n), size) for n, size in refused]
            jobs += [_accept(request, net, f, form.cleaned_data["context"]) for f in form.cleaned_data["files"]]
            jobs = queries.jobs_by_id(net, [j.pk for j in jobs])  # as the worker left them (it may have run)
            if _is_fragment(request):
                return _vary(render(request, "imports/upload.html#job_rows", {"network": net, "jobs": jobs}))
            messages.success(
                request,
                _("%(n)d document(s) received. Each is read in the background; open one to check it and save it.")
                % {"n": len(jobs)},
            )
            return HttpResponseRedirect(reverse("imports:upload", args=[net.slug]))
        if _is_fragment(request):
            return _vary(render(request, "imports/upload.html#form_errors", {"form": form}, status=400))
    jobs = queries.recent_jobs(net)
    return _vary(
        render(
            request,
            "imports/upload.html",
            {
                "network": net,
                "form": form,
                "jobs": jobs,
                "nav": "import",
                "max_mb": max_upload_bytes() // 1048576,
                "refresh": any(j.is_active for j in jobs),
                "worker_missing": any(j.waiting_for_worker for j in jobs),
            },
            status=400 if form.errors else 200,
        )
    )


@require_GET
def status(request: HttpRequest, network: str, job_id: int) -> HttpResponse:
    """A job's progress: one row of the upload list (?row=1) or the head of the job page."""
    net = _network(request, network)
    job = _job(net, job_id, queries.job_status)
    if request.GET.get("row"):
        response = render(request, "imports/upload.html#job_row", {"network": net, "job": job})
    else:
        response = render(request, "imports/job.html#status", {"network": net, "job": job})
    if not job.is_active and not request.GET.get("row") and request.GET.get("was_active"):
        # The worker finished while the page waited: reload it to show the review or the result.
        response["HX-Refresh"] = "true"
    return _vary(response)


# Review and save -------------------------------------------------------------------------------------------------


def _review_context(request: HttpRequest, net: Network, job: ImportJob, data: Any = None) -> dict[str, Any]:
    draft = draft_from_json(job.draft or {})
    proposals = {n: Resolution.from_json({"name": n, **r}) for n, r in (job.result or {}).get("proposals", {}).items()}
    proposals = queries.fresh_proposals(net, proposals)
    names = sorted(proposals)
    organisations = list(queries.network_organisations(net))
    known = {o.pk for o in organisations}
    organisations += queries.extra_organisations(
        [r.id for r in proposals.values() if r.action == "organisation" and r.id not in known]
    )
    organisations.sort(key=lambda o: o.short_name.casefold())
    groups = list(queries.network_groups(net))
    keys = [f"{si}-{ii}" for si, s in enumerate(draft.sections) for ii in range(len(s.items))]
    existing_id = (job.result or {}).get("existing_plan")
    existing = Plan.objects.filter(pk=existing_id, network=net).only("id", "title").first() if existing_id else None
    may_add_chair = bool(
        draft.chair and draft.period_start and draft.period_end and can_add_chair_term(request.user, net)
    )
    chair_free = (
        may_add_chair
        and not ChairTerm.objects.filter(network=net, start__lte=draft.period_end, end__gte=draft.period_start).exists()
    )
    initial = {
        "title": plan_title(draft),
        "add_chair_term": chair_free,
        **{
            f"when-{si}-{ii}": item.when_raw or ""
            for si, s in enumerate(draft.sections)
            for ii, item in enumerate(s.items)
        },
    }
    form = ReviewForm(
        data,
        initial=initial,
        names=names,
        proposals=proposals,
        organisations=organisations,
        groups=groups,
        when_keys=keys,
    )
    sections = [
        {
            "section": s,
            "rows": [
                {"key": f"{si}-{ii}", "item": item, "field": form[f"when-{si}-{ii}"]} for ii, item in enumerate(s.items)
            ],
        }
        for si, s in enumerate(draft.sections)
    ]
    changes = []
    if existing is not None:
        # What saving would change in the plan it revises, worked out now, nothing written.
        _plan, changes = actions.preview_import(net, draft, resolutions=proposals)
    return {
        "draft": draft,
        "form": form,
        "sections": sections,
        "item_count": sum(len(s.items) for s in draft.sections),
        "existing": existing,
        "changes": changes,
        "groups": changes_by_kind(changes),
        "has_removed": any(c.kind == "removed" for c in changes),
        "kind_label": dict(PlanKind.choices).get(str(draft.kind), str(draft.kind)),
        "same_file": (job.result or {}).get("same_file"),
        "may_add_chair": may_add_chair,
    }


def _revision_page(net: Network, job: ImportJob) -> HttpResponse | None:
    """A plan's document sent back edited is reviewed change by change on its own page (accord.reports)."""
    if (job.result or {}).get("revision_of") and job.plan_id:
        return HttpResponseRedirect(reverse("reports:revise_review", args=[net.slug, job.plan_id, job.pk]))
    return None


def job_page(request: HttpRequest, network: str, job_id: int) -> HttpResponse:
    net = _network(request, network)
    job = _job(net, job_id)
    if (revision := _revision_page(net, job)) is not None:
        return revision
    context: dict[str, Any] = {"network": net, "job": job, "nav": "import"}
    if job.status == ImportStatus.REVIEW:
        context.update(_review_context(request, net, job))
    if job.status == ImportStatus.DONE:
        context["report"] = ImportReport.from_json((job.result or {}).get("report") or {"source": ""})
    return _vary(render(request, "imports/job.html", context))


def _decisions(request: HttpRequest) -> dict[str, bool] | None:
    """The person's ticks on the change report: every change shown, applied or left (None: none was shown)."""
    ticked = set(request.POST.getlist("accept"))
    shown = request.POST.getlist("shown")[:5000]
    return {key: key in ticked for key in shown} if shown else None


@require_POST
def save(request: HttpRequest, network: str, job_id: int) -> HttpResponse:
    net = _network(request, network)
    job = _job(net, job_id)
    if (revision := _revision_page(net, job)) is not None:
        return revision
    if job.status != ImportStatus.REVIEW:
        messages.error(request, _("This import is not waiting to be saved."))
        return HttpResponseRedirect(reverse("imports:job", args=[net.slug, job.pk]))
    context = _review_context(request, net, job, data=request.POST)
    form: ReviewForm = context["form"]
    if not form.is_valid():
        return render(request, "imports/job.html", {"network": net, "job": job, "nav": "import", **context}, status=400)
    try:
        jobs.do_save_reviewed_import_job(
            request.user,
            job,
            title=form.cleaned_data["title"],
            resolutions=form.resolutions(),
            when=form.when_texts(),
            choose_document_version=form.cleaned_data["choose_document_version"],
            add_chair_term=form.cleaned_data["add_chair_term"] and context["may_add_chair"],
            delete_removed=form.cleaned_data["delete_removed"],
            decisions=_decisions(request),
            context_fallback=Context.parse(job.context) if job.context else None,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Saving “%(name)s”…") % {"name": job.file_name})
    return HttpResponseRedirect(reverse("imports:job", args=[net.slug, job.pk]))


@require_POST
def discard(request: HttpRequest, network: str, job_id: int) -> HttpResponse:
    net = _network(request, network)
    job = _job(net, job_id, queries.job_status)
    jobs.do_discard_import_job(request.user, job)
    messages.success(request, _("“%(name)s” was discarded; nothing of it was saved.") % {"name": job.file_name})
    return HttpResponseRedirect(reverse("imports:upload", args=[net.slug]))


@require_GET
def when(request: HttpRequest, network: str, job_id: int) -> HttpResponse:
    """What Accord understands of an item's When while the person types it, in the item's section context."""
    net = _network(request, network)
    job = _job(net, job_id)
    draft = draft_from_json(job.draft or {})
    key = request.GET.get("key", "")
    text = request.GET.get(f"when-{key}", request.GET.get("when_text", ""))[:300]
    si, _sep, _ii = key.partition("-")
    section = draft.sections[int(si)] if si.isdigit() and int(si) < len(draft.sections) else None
    fallback = Context.parse(job.context) if job.context else None
    ctx = section_context(draft, section, fallback) if section is not None else (draft.period or fallback)
    return _vary(render(request, "plans/plan_when.html", {"timeframe": reparse_when(text, ctx), "text": text}))
