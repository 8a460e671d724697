"""Event pages: the list, one event (time as written, place or link, audience, its sessions and linked items),
and the secretariat's forms to create, edit and link events. Every write goes through accord.events.actions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accord.events import actions, queries
from accord.events.forms import EventForm, LinkItemForm
from accord.events.models import Event, ItemEvent
from accord.events.permissions import can_manage_event
from accord.network.models import Network
from accord.plans.timeframed import TIMEFRAME_FIELDS
from accord.web.access import get_network
from accord.web.forms import run_action


def _manager(request: HttpRequest, slug: str) -> Network:
    net = get_network(request, slug)
    if not can_manage_event(request.user, net):
        raise PermissionDenied
    return net


def _to_event(event: Event) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("events:event", args=[event.network.slug, event.pk]))


@require_GET
def event_list(request: HttpRequest, network: str) -> HttpResponse:
    net = get_network(request, network)
    upcoming, past = queries.event_list(request.user, net, timezone.localdate())
    return render(
        request,
        "events/list.html",
        {
            "network": net,
            "upcoming": upcoming,
            "past": past,
            "can_manage": can_manage_event(request.user, net),
            "nav": "events",
        },
    )


@require_GET
def event_detail(request: HttpRequest, network: str, event_id: int) -> HttpResponse:
    net = get_network(request, network)
    event = queries.event_page(request.user, net, event_id)
    if event is None:
        raise Http404("No such event.")
    can_manage = can_manage_event(request.user, net)
    return render(
        request,
        "events/event.html",
        {
            "network": net,
            "event": event,
            "can_manage": can_manage,
            "nav": "events",
            "link_form": LinkItemForm(items=queries.linkable_items(net)) if can_manage else None,
        },
    )


@require_http_methods(["GET", "POST"])
def create(request: HttpRequest, network: str) -> HttpResponse:
    net = _manager(request, network)
    parents = queries.parent_choices(net)
    initial = {}
    if request.GET.get("parent", "").isdigit():
        parent = parents.filter(pk=int(request.GET["parent"])).first()
        if parent is not None:
            initial = {"parent": parent.pk, "kind": "workshop"}
    form = EventForm(request.POST or None, initial=initial, parents=parents, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        values = form.values()
        event = run_action(form, actions.do_create_event, request.user, net, **values)
        if event is not None:
            messages.success(request, _("Event created."))
            return _to_event(event)
    return render(
        request,
        "events/form.html",
        {"network": net, "form": form, "event": None, "nav": "events"},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, network: str, event_id: int) -> HttpResponse:
    net = _manager(request, network)
    event = get_object_or_404(Event, network=net, pk=event_id)
    initial = {
        "title": event.title,
        "kind": event.kind,
        "when": event.when_text,
        "place": event.place,
        "online_url": event.online_url,
        "audience": event.audience,
        "description": event.description,
        "parent": event.parent_id,
        "is_public": event.is_public,
    }
    parents = queries.parent_choices(net, exclude=event) if not event.children.exists() else Event.objects.none()
    form = EventForm(request.POST or None, initial=initial, parents=parents, today=timezone.localdate())
    if request.method == "POST":
        if request.POST.get("delete"):
            parent = event.parent
            actions.do_delete_event(request.user, event)
            messages.success(request, _("Event deleted."))
            if parent is not None:
                return _to_event(parent)
            return HttpResponseRedirect(reverse("events:list", args=[net.slug]))
        if form.is_valid():
            values = form.values()
            if values["when_text"] == event.when_text and values["parent"] == event.parent:
                # The same words: keep the dates they were read as (a phrase without a year, read again next
                # year, would move), and any dates set by hand.
                values = {k: v for k, v in values.items() if k not in TIMEFRAME_FIELDS}
            changes = run_action(form, actions.do_update_event, request.user, event, **values)
            if changes is not None:
                messages.success(request, _("Saved.") if changes else _("Nothing changed."))
                return _to_event(event)
    return render(
        request,
        "events/form.html",
        {"network": net, "form": form, "event": event, "nav": "events"},
        status=400 if form.errors else 200,
    )


@require_POST
def link(request: HttpRequest, network: str, event_id: int) -> HttpResponse:
    net = _manager(request, network)
    event = get_object_or_404(Event, network=net, pk=event_id)
    form = LinkItemForm(request.POST, items=queries.linkable_items(net))
    if form.is_valid():
        try:
            actions.do_link_item_event(request.user, form.cleaned_data["item"], event, form.cleaned_data["relation"])
            messages.success(request, _("Item linked."))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return _to_event(event)


@require_POST
def unlink(request: HttpRequest, network: str, event_id: int, link_id: int) -> HttpResponse:
    net = _manager(request, network)
    row = get_object_or_404(
        ItemEvent.objects.select_related("event", "item"), event__network=net, event_id=event_id, pk=link_id
    )
    actions.do_unlink_item_event(request.user, row)
    messages.success(request, _("Link removed."))
    return _to_event(row.event)
