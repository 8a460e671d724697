"""Creating and running a plan: a new plan, its title, period, theme and chair, adopting and closing it, its
sections added, renamed and put in order. Every write goes through one action in accord.plans.actions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accord.network.models import Network, Organisation, trio_for_period
from accord.network.queries import member_organisations
from accord.plans import actions
from accord.plans import permissions as perms
from accord.plans.forms_manage import PlanForm, SectionForm
from accord.plans.models import Plan, PlanStatus, Section
from accord.web.access import get_network, require_visible
from accord.web.forms import add_action_errors, run_action

PLAN_VALUES = ("title", "kind", "period_start", "period_end", "theme", "chair", "chair_text", "is_public")


def _network(request: HttpRequest, slug: str) -> Network:
    net = get_network(request, slug)
    if not perms.can_create_plan(request.user, net):
        raise PermissionDenied
    return net


def _plan(request: HttpRequest, net: Network, plan_id: int) -> Plan:
    plan = get_object_or_404(Plan.objects.select_related("chair", "network"), network=net, pk=plan_id)
    require_visible(request, perms.can_view_plan(request.user, plan))
    if not perms.can_edit_plan(request.user, plan):
        raise PermissionDenied
    return plan


def _to_settings(plan: Plan) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("plans:plan_settings", args=[plan.network.slug, plan.pk]))


@require_http_methods(["GET", "POST"])
def create(request: HttpRequest, network: str) -> HttpResponse:
    net = _network(request, network)
    form = PlanForm(request.POST or None, organisations=member_organisations(net))
    if request.method == "POST" and form.is_valid():
        values = {k: form.cleaned_data[k] for k in PLAN_VALUES}
        plan = run_action(form, actions.do_create_plan, request.user, net, **values)
        if plan is not None:
            messages.success(request, _("Plan created as a draft: add its sections, then adopt it."))
            return _to_settings(plan)
    return render(
        request,
        "plans/plan_new.html",
        {"network": net, "form": form, "nav": "plans"},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest, network: str, plan_id: int) -> HttpResponse:
    net = get_network(request, network)
    plan = _plan(request, net, plan_id)
    # The members, and the plan's chair even when it is not (or no longer) one: saving keeps it.
    orgs = (
        Organisation.objects.filter(Q(memberships__network=net) | Q(pk=plan.chair_id)).distinct().order_by("short_name")
    )
    initial = {k: getattr(plan, k) for k in PLAN_VALUES}
    form = PlanForm(request.POST or None, initial=initial, organisations=orgs)
    section_form = SectionForm(prefix="new")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            values = {k: form.cleaned_data[k] for k in PLAN_VALUES}
            changes = run_action(form, actions.do_update_plan, request.user, plan, **values)
            if changes is not None:
                messages.success(request, _("Saved.") if changes else _("Nothing changed."))
                return _to_settings(plan)
        status = 400
    return render(
        request,
        "plans/plan_settings.html",
        {
            "network": net,
            "plan": plan,
            "form": form,
            "section_form": section_form,
            "nav": "plans",
            "sections": _section_rows(plan),
            "trio": trio_for_period(net, plan.period_start, plan.period_end),
            "next_statuses": [
                (value, label)
                for value, label in PlanStatus.choices
                if value in actions.PLAN_TRANSITIONS[PlanStatus(plan.status)]
            ],
        },
        status=status,
    )


@require_POST
def set_status(request: HttpRequest, network: str, plan_id: int) -> HttpResponse:
    net = get_network(request, network)
    plan = _plan(request, net, plan_id)
    try:
        actions.do_set_plan_status(request.user, plan, request.POST.get("status", ""))
        plan.refresh_from_db()
        messages.success(request, _("The plan is now %(status)s.") % {"status": plan.get_status_display()})
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return _to_settings(plan)


@require_POST
def add_section(request: HttpRequest, network: str, plan_id: int) -> HttpResponse:
    net = get_network(request, network)
    plan = _plan(request, net, plan_id)
    form = SectionForm(request.POST, prefix="new")
    if form.is_valid():
        actions.do_create_section(
            request.user, plan, number=form.cleaned_data["number"].strip(), title=form.cleaned_data["title"].strip()
        )
        messages.success(request, _("Section added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, _("The new section: %(error)s") % {"error": error})
    return _to_settings(plan)


@require_POST
def section(request: HttpRequest, network: str, plan_id: int, section_id: int) -> HttpResponse:
    """One section's buttons: move up or down, rename, delete (only when it holds no items)."""
    net = get_network(request, network)
    plan = _plan(request, net, plan_id)
    sec = get_object_or_404(Section, plan=plan, pk=section_id)
    move = request.POST.get("move")
    if move in ("up", "down"):
        actions.do_move_section(request.user, sec, -1 if move == "up" else 1)
        if getattr(request, "htmx", False):
            return _sections_fragment(request, net, plan)
        return _to_settings(plan)
    if request.POST.get("delete"):
        if sec.items.exists():
            messages.error(request, _("“%(s)s” still holds items: move or delete them first.") % {"s": sec})
        else:
            actions.do_delete_section(request.user, sec)
            messages.success(request, _("Section deleted."))
        return _to_settings(plan)
    form = SectionForm(request.POST, prefix=f"s{sec.pk}")
    if form.is_valid():
        try:
            actions.do_update_section(
                request.user, sec, number=form.cleaned_data["number"].strip(), title=form.cleaned_data["title"].strip()
            )
            messages.success(request, _("Section saved."))
        except ValidationError as error:
            add_action_errors(form, error)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, f"{sec}: {error}")
    return _to_settings(plan)


def _section_rows(plan: Plan) -> list[tuple[Section, int, SectionForm]]:
    """The plan's sections in order, each with its number of items and its rename form (one query)."""
    sections = Section.objects.filter(plan=plan).order_by("order", "id").annotate(n=Count("items"))
    return [(s, s.n, SectionForm(initial={"number": s.number, "title": s.title}, prefix=f"s{s.pk}")) for s in sections]


def _sections_fragment(request: HttpRequest, net: Network, plan: Plan) -> HttpResponse:
    return render(
        request, "plans/plan_settings.html#sections", {"network": net, "plan": plan, "sections": _section_rows(plan)}
    )
