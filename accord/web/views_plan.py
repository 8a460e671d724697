"""The plan page (Document, Table, Timeline, Changes tabs) and the item page, with their htmx fragments.

Views are thin: load what the URL names through access helpers, ask permissions, read through queries,
validate with forms and call one action. Every page works without JavaScript; htmx requests get the
fragment they target (a tab panel, the table's results, one row) instead of the whole page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import BoundField
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.html import escape, format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accord.network.models import Network
from accord.network.permissions import can_see_private
from accord.plans import actions as plan_actions
from accord.plans import permissions as plan_perms
from accord.plans import queries as plan_queries
from accord.plans.actions import StaleEdit
from accord.plans.forms import CommentForm, ItemEditForm, ItemFilterForm, plan_context, read_when
from accord.plans.models import Item, ItemKind, ItemStatus, Plan, Section
from accord.web import page_cache
from accord.web.access import LoginRequired, get_network, require_visible

# The timeline lists at most this many dated (and undated) items below its chart.
TIMELINE_LIST_LIMIT = 300


# Loading what the URL names ------------------------------------------------------------------------------------

def _plan(request: HttpRequest, network: str, plan_id: int) -> tuple[Network, Plan]:
    net = get_network(request, network)
    plan = get_object_or_404(Plan.objects.select_related("chair", "source_document", "previous"), pk=plan_id,
                             network=net)
    plan.network = net
    require_visible(request, plan_perms.can_view_plan(request.user, plan))
    return net, plan


def _item(request: HttpRequest, network: str, item_id: int, *, page: bool = False, bare: bool = False
          ) -> tuple[Network, Item]:
    """The item, if it belongs to this network and the person may see it (404 otherwise, as for its plan).

    `page` loads what the item page shows; `bare` only the item and its plan (enough to decide who may see it)."""
    net = get_network(request, network)
    try:
        if page:
            item = plan_queries.item_page(item_id)
        elif bare:
            item = Item.objects.select_related("plan").get(pk=item_id)
        else:
            item = (Item.objects.select_related("plan", "section").prefetch_related(plan_queries.owners_prefetch())
                    .get(pk=item_id))
    except Item.DoesNotExist:
        raise Http404("No such item.") from None
    if item.plan.network_id != net.pk:
        raise Http404("No such item.")
    item.plan.network = net
    require_visible(request, plan_perms.can_view_item(request.user, item))
    return net, item


def _require(request: HttpRequest, allowed: bool) -> None:
    """Someone who may see an object but not change it gets 403; an anonymous visitor is asked to sign in."""
    if not allowed:
        if not request.user.is_authenticated:
            raise LoginRequired
        raise PermissionDenied


def _htmx_target(request: HttpRequest) -> str | None:
    htmx = getattr(request, "htmx", None)
    return htmx.target if htmx else None


def _vary(response: HttpResponse) -> HttpResponse:
    # The same URL answers a whole page or a fragment: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def _url_maker(name: str, *args: Any) -> Any:
    """A fast stand-in for reverse() in a loop: reverse once with a placeholder, then fill in each key."""
    placeholder = "0000000000"
    head, tail = reverse(name, args=[*args, placeholder]).rsplit(placeholder, 1)
    return lambda key: f"{head}{key}{tail}"


def row_labels() -> dict[str, str]:
    """The tables' fixed words, translated once per page rather than once per row and cell."""
    return {"what": _("What"), "who": _("Who"), "when": _("When"), "status": _("Status"), "edit": _("Edit"),
            "wanted": _("Owner wanted"), "take": _("We'll take it")}


def _label_rows(items: Any) -> None:
    """Status and kind words looked up once per page, not by a method call per row."""
    statuses = {value: str(label) for value, label in ItemStatus.choices}
    kinds = {value: str(label) for value, label in ItemKind.choices}
    for item in items:
        item.status_label = statuses.get(item.status, item.status)
        item.kind_label = kinds.get(item.kind, item.kind)


OWNER_SEPARATOR = mark_safe('<span class="sep" aria-hidden="true">·</span>')


def _owner_cell(links: list[tuple[str, str | None]]) -> SafeString:
    """The Who cell's names (linked to their organisation), built once per row rather than by a nested loop."""
    # Every name is escaped by format_html / escape; the separator is our own markup.
    return mark_safe(OWNER_SEPARATOR.join(format_html('<a href="{}">{}</a>', link, name) if link else escape(name)
                                          for name, link in links))


def _decorate_rows(user: Any, net: Network, items: list[Item], back: str) -> None:
    """Per-row permissions and links, decided once in the view: no template tag per row reverses a URL or
    queries (owners are prefetched)."""
    item_url = _url_maker("web:item", net.slug)
    edit_url = _url_maker("web:item_row_edit", net.slug)
    take_url = _url_maker("web:item_take", net.slug)
    org_url = _url_maker("web:organisation", net.slug)
    next_query = urlencode({"next": back})
    edit_label = _("Edit %(what)s")
    _label_rows(items)
    plan_queries.attach_trio_labels(items)
    for item in items:
        item.edit_label = edit_label % {"what": item.what}
        item.can_edit = plan_perms.can_edit_item(user, item)
        item.can_take = plan_perms.can_take_open_call(user, item)
        item.url = item_url(item.pk)
        item.edit_url = f"{edit_url(item.pk)}?{next_query}"
        item.take_url = take_url(item.pk)
        item.owners_html = _owner_cell([(o.name, org_url(o.organisation.slug) if o.organisation_id else None)
                                        for o in item.owners.all()])


def _select(field: BoundField) -> SafeString:
    """A filter's <select>, built here: Django's widget renders a template per option (a plan has ~100 owners)."""
    value = field.value()
    selected = "" if value is None else str(value)
    options = format_html_join("", '<option value="{}"{}>{}</option>', (
        (key, mark_safe(" selected") if str(key) == selected else "", label) for key, label in field.field.choices))
    invalid = mark_safe(' aria-invalid="true"') if field.errors else ""
    return format_html('<select name="{}" id="{}"{}>{}</select>', field.html_name, field.id_for_label, invalid,
                       options)


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return fallback


# The plan page -------------------------------------------------------------------------------------------------

def _tab_page(request: HttpRequest, net: Network, plan: Plan, tab: str, build: Callable[[], dict[str, Any]],
              *, query: str = "", fragment: str = "tab") -> HttpResponse:
    """The tab's body, cached per data version under the plan, the person's scope in the network and the part of
    the query string the tab reads (filters, page); `build` runs only when the body must be rendered. An htmx
    request for the tab panel (or another fragment) gets the body alone."""
    user = request.user

    def context() -> dict[str, Any]:
        return {
            "network": net,
            "plan": plan,
            "tab": tab,
            "can_edit": plan_perms.can_edit_plan(user, plan),
            "can_see_private": can_see_private(user, net),
            **build(),
        }

    template = f"web/plan_{tab}.html"
    body = page_cache.body(request, f"{template}#{fragment}",
                           ("plan", plan.pk, page_cache.scope(user, net), query), context)
    if fragment != "tab" or _htmx_target(request) == "plan-tabs":
        return _vary(HttpResponse(body))
    return _vary(render(request, template, {"network": net, "plan": plan, "tab": tab, "nav": "plans",
                                            "body": body}))


def plan_detail(request: HttpRequest, network: str, plan_id: int) -> HttpResponse:
    """The Document tab: the plan as its Word file reads, and prints."""
    net, plan = _plan(request, network, plan_id)

    def build() -> dict[str, Any]:
        sections = plan_queries.plan_document(plan)
        owners = plan_queries.plan_owner_names(plan)
        item_url = _url_maker("web:item", net.slug)
        org_url = _url_maker("web:organisation", net.slug)
        count = 0
        for section in sections:
            items = section.items.all()
            count += len(items)
            _label_rows(items)
            for item in items:
                item.url = item_url(item.pk)
                item.owners_html = _owner_cell([(name, org_url(slug) if slug is not None else None)
                                                for name, slug in owners.get(item.pk, ())])
        return {"sections": sections, "item_count": count, "labels": row_labels()}

    return _tab_page(request, net, plan, "document", build)


def plan_table(request: HttpRequest, network: str, plan_id: int) -> HttpResponse:
    """The Table tab: filters, ~50 rows a page, inline edits of status, owners and When."""
    net, plan = _plan(request, network, plan_id)
    back = request.get_full_path()

    def build() -> dict[str, Any]:
        sections = plan_queries.plan_sections(plan)
        form = ItemFilterForm(request.GET or None, sections=sections,
                              owners=plan_queries.plan_owner_organisations(plan))
        items = plan_queries.filter_items(plan_queries.plan_items(plan), **form.filters())
        page = Paginator(items, plan_queries.TABLE_PAGE_SIZE).get_page(request.GET.get("page"))
        rows = list(page.object_list)
        for row in rows:
            row.plan = plan  # loaded once above; permissions read item.plan
        _decorate_rows(request.user, net, rows, back)
        query = request.GET.copy()
        query.pop("page", None)
        return {
            "form": form,
            "selects": {name: _select(form[name]) for name in ("owner", "status", "section")},
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "back": back,
            "labels": row_labels(),
        }

    fragment = "results" if _htmx_target(request) == "plan-table" else "tab"
    return _tab_page(request, net, plan, "table", build, query=request.GET.urlencode(), fragment=fragment)


def plan_timeline(request: HttpRequest, network: str, plan_id: int) -> HttpResponse:
    """The Timeline tab: items on a time axis (vis-timeline); the same data as lists without JavaScript."""
    net, plan = _plan(request, network, plan_id)

    def build() -> dict[str, Any]:
        items = list(plan_queries.plan_items(plan, owners=False))
        owners = plan_queries.plan_owner_names(plan)
        _label_rows(items)
        item_url = _url_maker("web:item", net.slug)
        recurrences = {value: str(label) for value, label in Item._meta.get_field("recurrence").flatchoices}
        sections: dict[int, Section] = {}
        data, dated, undated = [], [], []
        for item in items:
            sections.setdefault(item.section_id, item.section)
            item.url = item_url(item.pk)
            if item.start or item.end:
                item.recurrence_label = recurrences.get(item.recurrence, item.recurrence)
                dated.append(item)
                data.append({
                    "id": item.pk,
                    "what": item.what,
                    "section": item.section_id,
                    "start": (item.start or item.end).isoformat(),
                    "end": (item.end or item.start).isoformat(),
                    "recurrence": item.recurrence,
                    "tentative": item.tentative,
                    "deadline": item.deadline,
                    "status": item.status,
                    "status_label": item.status_label,
                    "when": item.when_text,
                    "owners": " · ".join(name for name, _slug in owners.get(item.pk, ())),
                    "url": item.url,
                })
            else:
                undated.append(item)
        dated.sort(key=lambda i: (i.start or i.end, i.end or i.start, i.pk))
        timeline = {
            "items": data,
            "groups": [{"id": s.pk, "title": str(s)} for s in sections.values()],
            "start": plan.period_start.isoformat() if plan.period_start else None,
            "end": plan.period_end.isoformat() if plan.period_end else None,
            "labels": {"tbc": _("tbc"), "ongoing": _("ongoing"), "periodic": _("periodic"),
                       "deadline": _("deadline")},
        }
        return {"timeline": timeline, "dated": dated[:TIMELINE_LIST_LIMIT], "dated_count": len(dated),
                "undated": undated[:TIMELINE_LIST_LIMIT], "undated_count": len(undated),
                "labels": row_labels()}

    return _tab_page(request, net, plan, "timeline", build)


def plan_changes(request: HttpRequest, network: str, plan_id: int) -> HttpResponse:
    """The Changes tab: the plan's audit entries, newest first, 50 a page."""
    net, plan = _plan(request, network, plan_id)
    require_visible(request, can_see_private(request.user, net))

    def build() -> dict[str, Any]:
        page = Paginator(plan_queries.plan_changes(plan),
                         plan_queries.CHANGES_PAGE_SIZE).get_page(request.GET.get("page"))
        entries = list(page.object_list)
        item_url = _url_maker("web:item", net.slug)
        for entry in entries:
            entry.item_url = item_url(entry.object_id) if entry.content_type.model == "item" else None
        return {"page": page, "entries": entries}

    return _tab_page(request, net, plan, "changes", build, query=request.GET.get("page", ""))


@require_GET
def plan_when(request: HttpRequest, network: str, plan_id: int) -> HttpResponse:
    """What Accord understands of a When while it is typed, read in the plan's (or section's) period."""
    _net, plan = _plan(request, network, plan_id)
    section = None
    section_id = request.GET.get("section", "")
    if section_id.isdigit():
        section = Section.objects.filter(plan=plan, pk=int(section_id)).first()
    text = request.GET.get("when_text", "")[:300]
    timeframe = read_when(text, plan_context(plan, section))
    return _vary(render(request, "web/plan_when.html", {"timeframe": timeframe, "text": text}))


# Editing a row of the Table tab ------------------------------------------------------------------------------

def _saved_message(item: Item, changes: dict[str, Any]) -> str:
    what = str(item)
    if not changes:
        return _("Nothing to save: '%(what)s' is unchanged.") % {"what": what}
    if "status" in changes:
        return _("Saved. '%(what)s' is now %(status)s.") % {"what": what, "status": item.get_status_display()}
    if "owners" in changes:
        return _("Saved. '%(what)s' is now owned by %(owners)s.") % {
            "what": what, "owners": " · ".join(o.name for o in item.owners.all()) or _("nobody")}
    if "when_text" in changes or "start" in changes or "end" in changes:
        return _("Saved. '%(what)s' is now planned for %(when)s (%(interval)s).") % {
            "what": what, "when": item.when_text or _("no date"), "interval": item.interval_label}
    return _("Saved. '%(what)s' was updated.") % {"what": what}


def _edit_form(request: HttpRequest, net: Network, item: Item, *, row: bool, data: Any = None) -> ItemEditForm:
    can_reassign = plan_perms.can_reassign_item(request.user, item)
    known = plan_queries.known_owner_names(net, item) if can_reassign and data is not None else None
    return ItemEditForm(data, item=item, can_reassign=can_reassign, known_owners=known, row=row)


def _row_response(request: HttpRequest, net: Network, item: Item, *, changes: dict[str, Any] | None = None,
                  message: str = "", focus: bool = False) -> HttpResponse:
    """The row as it reads now, and what happened, for the live region."""
    item = Item.objects.select_related("plan", "section").prefetch_related(plan_queries.owners_prefetch()).get(
        pk=item.pk)
    item.plan.network = net
    back = _safe_next(request, reverse("web:plan_table", args=[net.slug, item.plan_id]))
    _decorate_rows(request.user, net, [item], back)
    if changes is not None:
        message = _saved_message(item, changes)
    return _vary(render(request, "web/plan_table.html#row", {
        "network": net, "plan": item.plan, "item": item, "message": message, "focus_edit": focus, "back": back,
        "labels": row_labels(),
    }))


@require_GET
def item_row(request: HttpRequest, network: str, item_id: int) -> HttpResponse:
    """One row of the Table tab (what Cancel and "Take the current" swap back in)."""
    net, item = _item(request, network, item_id)
    return _row_response(request, net, item, focus=True)


@require_http_methods(["GET", "POST"])
def item_row_edit(request: HttpRequest, network: str, item_id: int) -> HttpResponse:
    """The row's edit form (GET) and its save (POST): status, owners (secretariat) and When."""
    net, item = _item(request, network, item_id)
    _require(request, plan_perms.can_edit_item(request.user, item))
    back = _safe_next(request, reverse("web:plan_table", args=[net.slug, item.plan_id]))
    if request.method == "GET":
        form = _edit_form(request, net, item, row=True)
        return _vary(render(request, "web/plan_table.html#row-edit",
                            {"network": net, "plan": item.plan, "item": item, "form": form, "back": back}))
    form = _edit_form(request, net, item, row=True, data=request.POST)
    if not form.is_valid():
        return _vary(render(request, "web/plan_table.html#row-edit",
                            {"network": net, "plan": item.plan, "item": item, "form": form, "back": back}))
    try:
        changes = plan_actions.do_edit_item(request.user, item, **form.values())
    except StaleEdit as stale:
        current = Item.objects.prefetch_related(plan_queries.owners_prefetch()).get(pk=stale.current.pk)
        current.plan, current.section = item.plan, item.section
        form.item = current
        return _vary(render(request, "web/plan_table.html#row-conflict", {
            "network": net, "plan": item.plan, "item": current, "form": form, "back": back,
            "comparison": form.yours(), "resubmit": _resubmit_fields(request, current),
            "keep_url": reverse("web:item_row_edit", args=[net.slug, item.pk]),
            "current_url": back,
            "current_url_row": reverse("web:item_row", args=[net.slug, item.pk]) + "?" + urlencode({"next": back}),
        }))
    except ValidationError as error:
        _form_errors(form, error)
        return _vary(render(request, "web/plan_table.html#row-edit",
                            {"network": net, "plan": item.plan, "item": item, "form": form, "back": back}))
    if request.htmx:
        return _row_response(request, net, item, changes=changes, focus=True)
    updated = Item.objects.prefetch_related(plan_queries.owners_prefetch()).get(pk=item.pk)
    messages.success(request, _saved_message(updated, changes))
    return HttpResponseRedirect(back)


def _form_errors(form: ItemEditForm, error: ValidationError) -> None:
    """An action's refusal shown next to the field it is about (or above the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _resubmit_fields(request: HttpRequest, current: Item) -> list[tuple[str, str]]:
    """The person's own values again, with the current version: "keep mine" saves them over the current."""
    fields = [(k, v) for k, values in request.POST.lists() if k not in ("version", "csrfmiddlewaretoken")
              for v in values]
    return [("version", str(current.version)), *fields]


@require_POST
def item_take(request: HttpRequest, network: str, item_id: int) -> HttpResponse:
    """ "We'll take it": the person's organisation volunteers for an item that asks for an owner."""
    net, item = _item(request, network, item_id)
    _require(request, plan_perms.can_take_open_call(request.user, item))
    org = plan_actions.do_take_open_call(request.user, item)
    message = _("Thank you: %(org)s now owns '%(what)s'.") % {"org": org, "what": item}
    if request.htmx and request.POST.get("from") == "row":
        return _row_response(request, net, item, message=message, focus=True)
    messages.success(request, message)
    return HttpResponseRedirect(_safe_next(request, reverse("web:item", args=[net.slug, item.pk])))


# The item page -------------------------------------------------------------------------------------------------

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


def _item_context(request: HttpRequest, net: Network, item: Item, form: ItemEditForm | None,
                  conflict: dict[str, Any] | None = None) -> dict[str, Any]:
    user = request.user
    history: list[Any] = plan_queries.item_history(item) if can_see_private(user, net) else []
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
        "can_see_private": can_see_private(user, net),
    }


def _item_page(request: HttpRequest, net: Network, item: Item, body: Any, status: int = 200) -> HttpResponse:
    return render(request, "web/item.html", {"network": net, "item": item, "nav": "plans", "body": body},
                  status=status)


@require_http_methods(["GET", "POST"])
def item_detail(request: HttpRequest, network: str, item_id: int) -> HttpResponse:
    """The whole story of one line of work; POST saves the edit form.

    The body of a GET is cached per data version under the item and the person's scope in the network (which
    decides the edit form, the take button, comments and history)."""
    if request.method == "GET":
        net, item = _item(request, network, item_id, bare=True)

        def context() -> dict[str, Any]:
            full = plan_queries.item_page(item.pk)
            full.plan.network = net
            can_edit = plan_perms.can_edit_item(request.user, full)
            return _item_context(request, net, full, _edit_form(request, net, full, row=False) if can_edit else None)

        body = page_cache.body(request, "web/item.html#body",
                               ("item", item.pk, page_cache.scope(request.user, net)), context)
        return _item_page(request, net, item, body)

    net, item = _item(request, network, item_id, page=True)
    _require(request, plan_perms.can_edit_item(request.user, item))
    form = _edit_form(request, net, item, row=False, data=request.POST)
    conflict = None
    status = 200
    if form.is_valid():
        try:
            changes = plan_actions.do_edit_item(request.user, item, **form.values())
        except StaleEdit as stale:
            current = plan_queries.item_page(stale.current.pk)
            current.plan.network = net
            form.item = current
            conflict = {"comparison": form.yours(), "resubmit": _resubmit_fields(request, current)}
            # The form below keeps the person's words, now against the current version, so they can merge.
            data = request.POST.copy()
            data["version"] = str(current.version)
            form = _edit_form(request, net, current, row=False, data=data)
            item = current
            status = 409
        except ValidationError as error:
            _form_errors(form, error)
        else:
            updated = Item.objects.prefetch_related(plan_queries.owners_prefetch()).get(pk=item.pk)
            messages.success(request, _saved_message(updated, changes))
            return HttpResponseRedirect(reverse("web:item", args=[net.slug, item.pk]))
    # A form with the person's own words and errors: never cached.
    body = mark_safe(render_to_string("web/item.html#body", _item_context(request, net, item, form, conflict),
                                      request=request))  # our own template's output, escaped when rendered
    return _item_page(request, net, item, body, status)


@require_POST
def item_comment(request: HttpRequest, network: str, item_id: int) -> HttpResponse:
    net, item = _item(request, network, item_id)
    _require(request, plan_perms.can_comment_item(request.user, item))
    form = CommentForm(request.POST)
    url = reverse("web:item", args=[net.slug, item.pk])
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
