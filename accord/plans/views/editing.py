"""Editing an item (the Table tab's row and the item page share the form, its messages and conflicts)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from accord.network.models import Network
from accord.plans import permissions as plan_perms
from accord.plans import queries as plan_queries
from accord.plans.forms import ItemEditForm
from accord.plans.models import Item


def saved_message(item: Item, changes: dict[str, Any]) -> str:
    what = str(item)
    if not changes:
        return _("Nothing to save: '%(what)s' is unchanged.") % {"what": what}
    if "status" in changes:
        return _("Saved. '%(what)s' is now %(status)s.") % {"what": what, "status": item.get_status_display()}
    if "owners" in changes:
        return _("Saved. '%(what)s' is now owned by %(owners)s.") % {
            "what": what,
            "owners": " · ".join(o.name for o in item.owners.all()) or _("nobody"),
        }
    if "when_text" in changes or "start" in changes or "end" in changes:
        return _("Saved. '%(what)s' is now planned for %(when)s (%(interval)s).") % {
            "what": what,
            "when": item.when_text or _("no date"),
            "interval": item.interval_label,
        }
    return _("Saved. '%(what)s' was updated.") % {"what": what}


def edit_form(request: HttpRequest, net: Network, item: Item, *, row: bool, data: Any = None) -> ItemEditForm:
    can_reassign = plan_perms.can_reassign_item(request.user, item)
    known = plan_queries.known_owner_names(net, item) if can_reassign and data is not None else None
    return ItemEditForm(data, item=item, can_reassign=can_reassign, known_owners=known, row=row)


def form_errors(form: ItemEditForm, error: ValidationError) -> None:
    """An action's refusal shown next to the field it is about (or above the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def resubmit_fields(request: HttpRequest, current: Item) -> list[tuple[str, str]]:
    """The person's own values again, with the current version: "keep mine" saves them over the current."""
    fields = [
        (k, v) for k, values in request.POST.lists() if k not in ("version", "csrfmiddlewaretoken") for v in values
    ]
    return [("version", str(current.version)), *fields]
