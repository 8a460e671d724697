"""The "Start the next plan" page: the secretariat drafts the next chair's plan from this one.

Thin view: load the plan through the access helpers, ask permissions, validate with the form, call one action.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accord.network.queries import member_organisations
from accord.plans import actions, permissions
from accord.plans import queries as plan_queries
from accord.plans.forms_next import StartNextPlanForm
from accord.plans.models import Plan
from accord.web.access import get_network, require_allowed, require_visible


@require_http_methods(["GET", "POST"])
def start_next_plan(request: HttpRequest, network: str, plan_id: int) -> HttpResponse:
    net = get_network(request, network)
    plan = get_object_or_404(Plan.objects.select_related("chair"), pk=plan_id, network=net)
    plan.network = net
    require_visible(request, permissions.can_view_plan(request.user, plan))
    require_allowed(request, permissions.can_start_next_plan(request.user, plan))
    candidates = plan_queries.carry_candidates(plan)
    form = StartNextPlanForm(
        request.POST if request.method == "POST" else None,
        candidates=candidates,
        organisations=member_organisations(net),
        defaults=plan_queries.next_plan_defaults(plan),
    )
    if request.method == "POST" and form.is_valid():
        try:
            new_plan = actions.do_start_next_plan(request.user, plan, **form.values())
        except ValidationError as exc:
            for field, errors in getattr(exc, "error_dict", {"__all__": exc.error_list}).items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            carried = len(form.values()["carry"])
            messages.success(
                request, _("%(plan)s started with %(n)d item(s) carried over.") % {"plan": new_plan.title, "n": carried}
            )
            return HttpResponseRedirect(new_plan.get_absolute_url())
    successors = list(plan.next_plans.order_by("period_start", "pk"))
    return render(
        request,
        "plans/next_plan.html",
        {
            "network": net,
            "plan": plan,
            "form": form,
            "candidates": candidates,
            "successors": successors,
            "nav": "plans",
        },
        status=400 if form.errors else 200,
    )
