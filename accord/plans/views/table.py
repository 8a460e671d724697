"""The Table tab: filters, pages of rows, and the row's inline edit (htmx fragments)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods

from accord.network.models import Network
from accord.plans import actions as plan_actions
from accord.plans import permissions as plan_perms
from accord.plans import queries as plan_queries
from accord.plans.actions import StaleEdit
from accord.plans.forms import ItemFilterForm
from accord.plans.models import Item
from accord.plans.views.common import (
    decorate_rows,
    fill_controls,
    load_item,
    load_plan,
    row_labels,
    safe_next,
    select_options,
    tab_page,
)
from accord.plans.views.editing import edit_form, form_errors, resubmit_fields, saved_message
from accord.web import page_cache
from accord.web.access import require_allowed
from accord.web.htmx import htmx_target, vary_on_htmx

# Jinja2 templates (accord/plans/jinja2/): the tab's row-heavy parts (docs/decisions/0013). The filter form, the
# row's edit form and its conflict stay Django templates (plans/plan_table.html).
RESULTS = "plans/table_results.html"
ROW = "plans/table_row.html"
SELECT = "plans/filter_select.html"  # a filter's options (a plan has ~100 owners)


def plan_table(request: HttpRequest, network: str, plan_id: int) -> HttpResponse:
    """The Table tab: filters, ~50 rows a page, inline edits of status, owners and When."""
    net, plan = load_plan(request, network, plan_id)
    back = request.get_full_path()
    fragment = "results" if htmx_target(request) == "plan-table" else "tab"

    def build() -> dict[str, Any]:
        number = request.GET.get("page")
        size = plan_queries.TABLE_PAGE_SIZE
        # Without a filter, the page's rows and owners need no choice checked first: read with the choices.
        unfiltered = not any(request.GET.get(name) for name in ItemFilterForm.base_fields)
        items = plan_queries.TableRows(plan, {}, size, page=number) if unfiltered else None
        also = items.page_reads() if items is not None else []
        sections, owner_orgs, owner_groups, read = plan_queries.table_choices(plan, *also)
        form = ItemFilterForm(request.GET or None, sections=sections, owners=owner_orgs, groups=owner_groups)
        if items is not None:
            items.take(*read)
        else:
            items = plan_queries.TableRows(plan, form.filters(), size, page=number)
        page = Paginator(items, size).get_page(number)
        rows = page.object_list
        plan_queries.attach_sections(rows, sections)
        decorate_rows(net, plan, rows, back, items.owners_of(page.start_index() - 1 if rows else 0))
        query = request.GET.copy()
        query.pop("page", None)
        results = page_cache.render(
            request,
            RESULTS,
            {
                "network": net,
                "plan": plan,
                "form": form,
                "page": page,
                "rows": rows,
                "query": query.urlencode(),
                "back": back,
                "labels": row_labels(),
            },
        )
        return {
            "form": form,
            "selects": {  # the filters, for the whole tab (an htmx request for #plan-table gets the results alone)
                name: page_cache.render(request, SELECT, {"select": select_options(form[name])})
                for name in (("owner", "status", "section") if fragment == "tab" else ())
            },
            "results": results,
        }

    # The rows are rendered once per plan version for everyone who sees the same content; each person's edit and
    # take controls are kept or dropped afterwards (fill_controls), not rendered in a copy of their own.
    controls = plan_perms.item_controls(request.user, net.pk)
    return tab_page(
        request,
        net,
        plan,
        "table",
        build,
        query=request.GET.urlencode(),
        fragment=fragment,
        scope=page_cache.content_scope(request.user, net),
        finish=lambda body: fill_controls(body, controls),
        etag_parts=(controls,),
    )


def row_response(
    request: HttpRequest,
    net: Network,
    item: Item,
    *,
    changes: dict[str, Any] | None = None,
    message: str = "",
    focus: bool = False,
) -> HttpResponse:
    """The row as it reads now, and what happened, for the live region."""
    item = plan_queries.item_with_owners(item.pk)
    item.plan.network = net
    back = safe_next(request, reverse("plans:plan_table", args=[net.slug, item.plan_id]))
    decorate_rows(net, item.plan, [item], back)
    if changes is not None:
        message = saved_message(item, changes)
    html = render_to_string(
        ROW,
        {
            "network": net,
            "plan": item.plan,
            "item": item,
            "message": message,
            "focus_edit": focus,
            "back": back,
            "labels": row_labels(),
        },
        request,
    )
    return vary_on_htmx(HttpResponse(fill_controls(html, plan_perms.item_controls(request.user, net.pk))))


@require_GET
def item_row(request: HttpRequest, network: str, item_id: int) -> HttpResponse:
    """One row of the Table tab (what Cancel and "Take the current" swap back in)."""
    net, item = load_item(request, network, item_id)
    return row_response(request, net, item, focus=True)


@require_http_methods(["GET", "POST"])
def item_row_edit(request: HttpRequest, network: str, item_id: int) -> HttpResponse:
    """The row's edit form (GET) and its save (POST): status, owners (secretariat) and When."""
    net, item = load_item(request, network, item_id)
    require_allowed(request, plan_perms.can_edit_item(request.user, item))
    back = safe_next(request, reverse("plans:plan_table", args=[net.slug, item.plan_id]))
    if request.method == "GET":
        form = edit_form(request, net, item, row=True)
        return vary_on_htmx(
            render(
                request,
                "plans/plan_table.html#row-edit",
                {"network": net, "plan": item.plan, "item": item, "form": form, "back": back},
            )
        )
    form = edit_form(request, net, item, row=True, data=request.POST)
    if not form.is_valid():
        return vary_on_htmx(
            render(
                request,
                "plans/plan_table.html#row-edit",
                {"network": net, "plan": item.plan, "item": item, "form": form, "back": back},
            )
        )
    try:
        changes = plan_actions.do_edit_item(request.user, item, **form.values())
    except StaleEdit as stale:
        current = plan_queries.item_with_owners(stale.current.pk)
        current.plan, current.section = item.plan, item.section
        form.item = current
        return vary_on_htmx(
            render(
                request,
                "plans/plan_table.html#row-conflict",
                {
                    "network": net,
                    "plan": item.plan,
                    "item": current,
                    "form": form,
                    "back": back,
                    "comparison": form.yours(),
                    "resubmit": resubmit_fields(request, current),
                    "keep_url": reverse("plans:item_row_edit", args=[net.slug, item.pk]),
                    "current_url": back,
                    "current_url_row": reverse("plans:item_row", args=[net.slug, item.pk])
                    + "?"
                    + urlencode({"next": back}),
                },
            )
        )
    except ValidationError as error:
        form_errors(form, error)
        return vary_on_htmx(
            render(
                request,
                "plans/plan_table.html#row-edit",
                {"network": net, "plan": item.plan, "item": item, "form": form, "back": back},
            )
        )
    if request.htmx:
        return row_response(request, net, item, changes=changes, focus=True)
    updated = plan_queries.item_with_owners(item.pk)
    messages.success(request, saved_message(updated, changes))
    return HttpResponseRedirect(back)
