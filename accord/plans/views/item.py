"""The item page (the whole story of one line of work), its comments, taking an open call, and the live
reading of a When while it is typed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accord.network.models import Network
from accord.network.permissions import can_see_private
from accord.plans import actions as plan_actions
from accord.plans import permissions as plan_perms
from accord.plans import queries as plan_queries
from accord.plans.actions import StaleEdit
from accord.plans.forms import CommentForm, ItemEditForm, plan_context, read_when
from accord.plans.models import OPEN_STATUSES, Item, ItemStatus, Section
from accord.plans.views.common import load_item, load_plan, safe_next, wanted_label
from accord.plans.views.editing import edit_form, form_errors, resubmit_fields, saved_message
from accord.plans.views.table import row_response
from accord.web import page_cache
from accord.web.access import require_allowed
from accord.web.htmx import vary_on_htmx


@require_GET
def plan_when(request: HttpRequest, network: str, plan_id: int) -> HttpResponse:
    """What Accord understands of a When while it is typed, read in the plan's (or section's) period."""
    _net, plan = load_plan(request, network, plan_id)
    section = None
    section_id = request.GET.get("section", "")
    if section_id.isdigit():
        section = Section.objects.filter(plan=plan, pk=int(section_id)).first()
    text = request.GET.get("when_text", "")[:300]
    timeframe = read_when(text, plan_context(plan, section))
    return vary_on_htmx(render(request, "plans/plan_when.html", {"timeframe": timeframe, "text": text}))


@require_POST
def item_take(request: HttpRequest, network: str, item_id: int) -> HttpResponse:
    """ "We'll take it": the person's organisation volunteers for an item that asks for an owner."""
    net, item = load_item(request, network, item_id)
    require_allowed(request, plan_perms.can_take_open_call(request.user, item))
    org = plan_actions.do_take_open_call(request.user, item)
    message = _("Thank you: %(org)s now owns '%(what)s'.") % {"org": org, "what": item}
    if request.htmx and request.POST.get("from") == "row":
        return row_response(request, net, item, message=message, focus=True)
    messages.success(request, message)
    return HttpResponseRedirect(safe_next(request, reverse("plans:item", args=[net.slug, item.pk])))


def _status_history(history: list[Any]) -> list[dict[str, Any]]:
    rows = []
    for entry in history:
        change = entry.changes.get("status")
        if change:
            before, after = change
            rows.append({"entry": entry, "from": _status_label(before), "to": _status_label(after)})
    return rows


LOCATION_ORDER = ("page", "section", "table", "row", "line", "cell")


def _location(item: Item) -> list[tuple[str, Any]]:
    """Where in the source document, in reading order (JSON on PostgreSQL does not keep key order)."""
    location = item.source_location if isinstance(item.source_location, dict) else {}
    known = [(k, location[k]) for k in LOCATION_ORDER if k in location]
    return known + sorted((k, v) for k, v in location.items() if k not in LOCATION_ORDER)


def _status_label(value: Any) -> str:
    if value is None:
        return "—"
    try:
        return str(ItemStatus(value).label)
    except ValueError:
        return str(value)


def _item_context(
    request: HttpRequest, net: Network, item: Item, form: ItemEditForm | None, conflict: dict[str, Any] | None = None
) -> dict[str, Any]:
    user = request.user
    history: list[Any] = []
    if can_see_private(user, net):
        # Read with the item's other lists when the page was filled with them (fill_item_page's `history`).
        history = item.__dict__.get("history_entries")
        if history is None:
            history = plan_queries.item_history(item)
    return {
        "network": net,
        "item": item,
        "plan": item.plan,
        "history": history,
        "status_history": _status_history(history),
        "location": _location(item),
        "form": form,
        "conflict": conflict,
        "comment_form": CommentForm() if plan_perms.can_comment_item(user, item) else None,
        "can_edit": form is not None,
        "can_take": plan_perms.can_take_open_call(user, item),
        "wanted_label": wanted_label(item),
        "overdue": bool(item.end and item.end < timezone.localdate() and item.status in OPEN_STATUSES),
        "can_see_private": can_see_private(user, net),
    }


def _item_page(request: HttpRequest, net: Network, item: Item, body: Any, status: int = 200) -> HttpResponse:
    return render(
        request, "plans/item.html", {"network": net, "item": item, "nav": "plans", "body": body}, status=status
    )


@require_http_methods(["GET", "POST"])
def item_detail(request: HttpRequest, network: str, item_id: int) -> HttpResponse:
    """The whole story of one line of work; POST saves the edit form.

    The body of a GET is cached on the item's versions under the item and the person's scope in the network (which
    decides the edit form, the take button, comments and history)."""
    if request.method == "GET":
        net, item = load_item(request, network, item_id, head=True)

        def context() -> dict[str, Any]:
            full = plan_queries.fill_item_page(item, net, request.user, history=can_see_private(request.user, net))
            can_edit = plan_perms.can_edit_item(request.user, full)
            return _item_context(request, net, full, edit_form(request, net, full, row=False) if can_edit else None)

        return page_cache.page(
            request,
            "plans/item.html",
            page_cache.item_versions(net, item),
            (page_cache.scope(request.user, net),),
            context,
            {"network": net, "item": item, "nav": "plans"},
        )

    net, item = load_item(request, network, item_id, page=True)
    require_allowed(request, plan_perms.can_edit_item(request.user, item))
    form = edit_form(request, net, item, row=False, data=request.POST)
    conflict = None
    status = 200
    if form.is_valid():
        try:
            changes = plan_actions.do_edit_item(request.user, item, **form.values())
        except StaleEdit as stale:
            current = plan_queries.item_page(stale.current.pk, net, request.user)
            form.item = current
            conflict = {"comparison": form.yours(), "resubmit": resubmit_fields(request, current)}
            # The form below keeps the person's words, now against the current version, so they can merge.
            data = request.POST.copy()
            data["version"] = str(current.version)
            form = edit_form(request, net, current, row=False, data=data)
            item = current
            status = 409
        except ValidationError as error:
            form_errors(form, error)
        else:
            updated = plan_queries.item_with_owners(item.pk)
            messages.success(request, saved_message(updated, changes))
            return HttpResponseRedirect(reverse("plans:item", args=[net.slug, item.pk]))
    # A form with the person's own words and errors: never cached.
    body = render_to_string("plans/item.html#body", _item_context(request, net, item, form, conflict), request=request)
    return _item_page(request, net, item, body, status)


@require_POST
def item_comment(request: HttpRequest, network: str, item_id: int) -> HttpResponse:
    net, item = load_item(request, network, item_id)
    require_allowed(request, plan_perms.can_comment_item(request.user, item))
    form = CommentForm(request.POST)
    url = reverse("plans:item", args=[net.slug, item.pk])
    if form.is_valid():
        try:
            comment = plan_actions.do_add_comment(request.user, item, form.cleaned_data["body"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(url + "#comments")
        messages.success(request, _("Your comment was added."))
        return HttpResponseRedirect(f"{url}#comment-{comment.pk}")
    messages.error(request, _("Write something before adding a comment."))
    return HttpResponseRedirect(url + "#comments")
