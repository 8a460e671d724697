"""Every Accord model is in the Django admin, its pages open, and every admin write (add, change, delete, of each
model and each inline) is an action: permission rule, audit entry with the admin as the actor."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.forms import ModelMultipleChoiceField, MultipleChoiceField
from django.urls import reverse

from accord.audit.actors import SYSTEM
from accord.audit.models import AuditEntry
from accord.events import actions as event_actions
from accord.network import actions as net_actions
from accord.network.models import Network, NetworkRole
from accord.plans import actions as plan_actions
from accord.testing import factories as f

INLINE_ONLY = {"plans.itemowner", "events.itemevent"}


def accord_models():
    return [m for m in apps.get_models() if m.__module__.startswith("accord.")]


@pytest.mark.parametrize("model", accord_models(), ids=lambda m: m._meta.label_lower)
def test_every_model_is_in_the_admin(model):
    label = model._meta.label_lower
    if label in INLINE_ONLY:
        return
    assert model in admin.site._registry, f"{label} has no admin"


@pytest.mark.parametrize(
    "model", [m for m in accord_models() if m in admin.site._registry], ids=lambda m: m._meta.label_lower
)
def test_admin_changelist_opens(admin_client, section, model):
    f.make_item(section, what="Something")
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert admin_client.get(url).status_code == 200


def test_admin_edit_is_audited(admin_client, admin_user, orgs):
    org = orgs["ZSI"]
    url = reverse("admin:network_organisation_change", args=[org.pk])
    response = admin_client.post(
        url,
        {
            "slug": org.slug,
            "short_name": "ZSI",
            "type": "research",
            "full_name": "Centre for Social Innovation",
            "aliases": '["ZSI Vienna"]',
            "country": "AT",
            "website": "",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    entry = AuditEntry.objects.for_object(org).filter(action="update").get()
    assert entry.actor == admin_user and entry.note == "admin"
    assert entry.changes["full_name"] == ["", "Centre for Social Innovation"]


def test_audit_entries_cannot_be_changed_in_the_admin(admin_client, section):
    item = f.make_item(section)
    entry = AuditEntry.objects.for_object(item).get()
    url = reverse("admin:audit_auditentry_change", args=[entry.pk])
    admin_client.post(url, {"note": "tampered"})
    entry.refresh_from_db()
    assert entry.note == ""
    delete_url = reverse("admin:audit_auditentry_delete", args=[entry.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


# Every admin change is an action: add, change and delete of each model and inline write an audit entry -----------


def form_data(response) -> dict[str, Any]:
    """What the admin page's form would send as it stands (the main form and every inline row)."""
    data: dict[str, Any] = {}

    def put(form) -> None:
        for name, field in form.fields.items():
            value = form[name].value()  # as the widget would render it
            if value in (None, []) and isinstance(field, MultipleChoiceField | ModelMultipleChoiceField):
                continue
            if isinstance(value, bool):
                if value:
                    data[form.add_prefix(name)] = "on"
            elif isinstance(value, list | tuple):
                data[form.add_prefix(name)] = [str(v) for v in value]
            else:
                data[form.add_prefix(name)] = "" if value is None else str(value)

    put(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        put(inline.formset.management_form)
        for form in inline.formset.forms:
            put(form)
    return data


@pytest.fixture
def admin_world(db, admin_user, network, orgs, section):
    """One of everything, made by the system; the admin (a superuser) changes them."""
    user = f.make_user("member")
    item = f.make_item(section, what="Mapping", owners=[orgs["ZSI"], orgs["CNRS"]])
    event = event_actions.do_create_event(SYSTEM, network, title="Assembly")
    return {
        "network": network,
        "orgs": orgs,
        "plan": section.plan,
        "section": section,
        "item": item,
        "event": event,
        "user": user,
        "person": net_actions.do_create_person(SYSTEM, name="Ada", organisation=orgs["ZSI"]),
        "group": net_actions.do_create_group(SYSTEM, network, name="Board", kind="board"),
        "membership": net_actions.do_add_membership(SYSTEM, network, orgs["ZSI"]),
        "chair_term": net_actions.do_add_chair_term(
            SYSTEM, network, orgs["ZSI"], start=dt.date(2021, 1, 1), end=dt.date(2021, 6, 30)
        ),
        "role": net_actions.do_set_role(SYSTEM, network, user, NetworkRole.VIEWER),
        "comment": plan_actions.do_add_comment(admin_user, item, "Looks good"),
        "link": event_actions.do_link_item_event(SYSTEM, item, event),
    }


# model label -> (the object to change and delete, fields for a new one, fields to change). None: not addable.
MODEL_CASES = {
    "network.network": (
        "network",
        lambda w: {"name": "Southern Cross", "slug": "southern-cross", "time_zone": "Europe/Vienna"},
        {"short_name": "NL"},
    ),
    "network.organisation": (
        "orgs.VUB",
        lambda w: {"short_name": "NKI", "slug": "nki", "type": "research"},
        {"full_name": "Vrije Universiteit Brussel"},
    ),
    "network.person": ("person", lambda w: {"name": "Grace"}, {"title": "Director"}),
    "network.group": (
        "group",
        lambda w: {"network": w["network"].pk, "name": "Trio", "kind": "trio"},
        lambda w: {"member_organisations": [str(w["orgs"]["ZSI"].pk)]},
    ),
    "network.membership": (
        "membership",
        lambda w: {"network": w["network"].pk, "organisation": w["orgs"]["VUB"].pk, "role": "observer"},
        {"until": "2030-01-01"},
    ),
    "network.chairterm": (
        "chair_term",
        lambda w: {
            "network": w["network"].pk,
            "organisation": w["orgs"]["CNRS"].pk,
            "start": "2021-07-01",
            "end": "2021-12-31",
        },
        {"label": "ZSI"},
    ),
    "network.role": (
        "role",
        lambda w: {"network": w["network"].pk, "user": f.make_user().pk, "role": "viewer"},
        {"role": "secretariat"},
    ),
    "plans.plan": (
        "plan",
        lambda w: {
            "network": w["network"].pk,
            "title": "Next programme",
            "kind": "work_programme",
            "status": "draft",
            "footnotes": "[]",
        },
        {"theme": "Oceans"},
    ),
    "plans.section": (
        "section",
        lambda w: {"plan": w["plan"].pk, "title": "Visibility", "order": "7"},
        {"narrative": "Why it matters"},
    ),
    "plans.item": (
        "item",
        lambda w: {
            "section": w["section"].pk,
            "what": "Newsletter",
            "kind": "action",
            "status": "planned",
            "order": "9",
            "precision": "open",
            "source_location": "{}",
        },
        {"status": "done"},
    ),
    "plans.comment": ("comment", None, None),  # written on item pages; the admin may only remove one
    "events.event": (
        "event",
        lambda w: {"network": w["network"].pk, "title": "Workshop", "kind": "workshop", "precision": "open"},
        {"place": "Vienna"},
    ),
}


def named(world, key: str):
    if "." in key:
        group, name = key.split(".")
        return world[group][name]
    return world[key]


def registered_writable():
    """The registered models the admin may change in some way (read-only pages excluded)."""
    request = type(
        "Request", (), {"user": type("U", (), {"is_active": True, "is_superuser": True, "has_perm": lambda *a: True})()}
    )()
    return {
        model._meta.label_lower
        for model, model_admin in admin.site._registry.items()
        if model.__module__.startswith("accord.")
        and (
            model_admin.has_add_permission(request)
            or model_admin.has_change_permission(request)
            or model_admin.has_delete_permission(request)
        )
    }


def test_every_writable_admin_page_has_an_audit_case():
    assert registered_writable() == set(MODEL_CASES)


def entries(model, action: str) -> list[AuditEntry]:
    kind = ContentType.objects.get_for_model(model)
    return list(AuditEntry.objects.filter(content_type=kind, action=action, note__endswith="admin"))


@pytest.mark.parametrize("label", MODEL_CASES)
def test_every_admin_add_change_and_delete_writes_an_audit_entry(admin_client, admin_user, admin_world, label):
    key, new, change = MODEL_CASES[label]
    change = change(admin_world) if callable(change) else change
    obj = named(admin_world, key)
    model = type(obj)
    base = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    if new is not None:
        page = admin_client.get(reverse(f"{base}_add"))
        data = {**form_data(page), **new(admin_world)}
        response = admin_client.post(reverse(f"{base}_add"), data)
        assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
        made = entries(model, "create")
        assert len(made) == 1 and made[0].actor == admin_user, f"{label}: add wrote {made}"
    if change is not None:
        url = reverse(f"{base}_change", args=[obj.pk])
        data = {**form_data(admin_client.get(url)), **change}
        response = admin_client.post(url, data)
        assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
        changed = [e for e in entries(model, "update") if e.object_id == str(obj.pk)]
        assert len(changed) == 1, f"{label}: change wrote {changed}"
        assert set(changed[0].changes) == set(change), changed[0].changes
    response = admin_client.post(reverse(f"{base}_delete", args=[obj.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not model.objects.filter(pk=obj.pk).exists()
    gone = [e for e in entries(model, "delete") if e.object_id == str(obj.pk)]
    assert len(gone) == 1 and gone[0].actor == admin_user, f"{label}: delete wrote {gone}"


# (parent model label, inline model label) -> (parent, fields of a new row, fields to change in the first row, the
# model whose audit entries tell: the row's own, or the parent's when the rows are one list, as an item's owners).
INLINE_CASES = {
    ("network.network", "network.membership"): (
        "network",
        lambda w: {"organisation": w["orgs"]["VUB"].pk, "role": "observer"},
        {"until": "2030-01-01"},
        None,
    ),
    ("network.network", "network.chairterm"): (
        "network",
        lambda w: {"organisation": w["orgs"]["CNRS"].pk, "start": "2021-07-01", "end": "2021-12-31"},
        {"label": "ZSI Vienna"},
        None,
    ),
    ("network.network", "network.role"): (
        "network",
        lambda w: {"user": f.make_user().pk, "role": "viewer"},
        {"role": "secretariat"},
        None,
    ),
    ("plans.plan", "plans.section"): (
        "plan",
        lambda w: {"order": "5", "title": "Visibility"},
        {"narrative": "Why"},
        None,
    ),
    ("plans.item", "plans.itemowner"): (
        "item",
        lambda w: {"organisation": w["orgs"]["VUB"].pk, "position": "5"},
        {"text": "Trio", "organisation": ""},
        "item",
    ),
    ("events.event", "events.itemevent"): (
        "event",
        lambda w: {"item": f.make_item(w["section"]).pk, "relation": "follows"},
        {"relation": "at"},
        None,
    ),
}


def test_every_inline_has_an_audit_case():
    found = {
        (model._meta.label_lower, inline.model._meta.label_lower)
        for model, model_admin in admin.site._registry.items()
        for inline in model_admin.inlines
    }
    assert found == set(INLINE_CASES)


@pytest.mark.parametrize("case", INLINE_CASES, ids=lambda c: c[1])
def test_every_inline_add_change_and_delete_writes_an_audit_entry(admin_client, admin_user, admin_world, case):
    key, new, change, told_by = INLINE_CASES[case]
    parent = admin_world[key]
    url = reverse(f"admin:{parent._meta.app_label}_{parent._meta.model_name}_change", args=[parent.pk])
    inline_model = next(
        i.model for i in admin.site._registry[type(parent)].inlines if i.model._meta.label_lower == case[1]
    )
    watched = type(parent) if told_by else inline_model

    def post(edit) -> list[AuditEntry]:
        page = admin_client.get(url)
        formset = next(i.formset for i in page.context["inline_admin_formsets"] if i.formset.model is inline_model)
        data = form_data(page)
        before = AuditEntry.objects.count()
        edit(data, formset.prefix, len(formset.forms))
        response = admin_client.post(url, data)
        assert response.status_code == 302, (
            [fs.formset.errors for fs in response.context["inline_admin_formsets"]] if response.context else ""
        )
        return [e for e in AuditEntry.objects.order_by("id")[before:] if e.content_type.model_class() is watched]

    def add(data, prefix, count):
        data[f"{prefix}-TOTAL_FORMS"] = str(count + 1)
        data.update({f"{prefix}-{count}-{k}": str(v) for k, v in new(admin_world).items()})

    def edit_first(data, prefix, count):
        data.update({f"{prefix}-0-{k}": v for k, v in change.items()})

    def delete_first(data, prefix, count):
        data[f"{prefix}-0-DELETE"] = "on"

    for step, expected in (
        (add, "update" if told_by else "create"),
        (edit_first, "update"),
        (delete_first, "update" if told_by else "delete"),
    ):
        written = post(step)
        assert [e.action for e in written] == [expected], f"{step.__name__}: {written}"
        assert written[0].actor == admin_user and written[0].note.endswith("admin")


def test_an_admin_change_is_refused_by_the_same_rule_as_the_pages(client, admin_world):
    """A staff account without the network's admin role may not change its members through the admin."""
    staff = f.make_user("staff", is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="network"))
    f.grant(staff, admin_world["network"], NetworkRole.VIEWER)
    client.force_login(staff)
    membership = admin_world["membership"]
    url = reverse("admin:network_membership_change", args=[membership.pk])
    before = AuditEntry.objects.count()
    response = client.post(url, {**form_data(client.get(url)), "until": "2030-01-01"})
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.until is None and AuditEntry.objects.count() == before
    assert Network.objects.filter(pk=admin_world["network"].pk).exists()


@pytest.mark.parametrize("step", ["edit", "delete"])
def test_an_owner_removed_in_the_admin_moves_its_organisations_pages(admin_client, admin_world, step):
    """The organisation that owned the item before the admin's change is told (its work version), as with the
    pages' own owner edits: its page and its people's My work show the item no more."""
    item, orgs = admin_world["item"], admin_world["orgs"]
    url = reverse("admin:plans_item_change", args=[item.pk])
    page = admin_client.get(url)
    formset = next(i.formset for i in page.context["inline_admin_formsets"] if i.formset.model.__name__ == "ItemOwner")
    data = form_data(page)
    first = next(n for n, form in enumerate(formset.forms) if form.instance.organisation_id == orgs["ZSI"].pk)
    if step == "edit":
        data[f"{formset.prefix}-{first}-organisation"] = str(orgs["VUB"].pk)
    else:
        data[f"{formset.prefix}-{first}-DELETE"] = "on"
    before = {name: orgs[name].__class__.objects.get(pk=orgs[name].pk).work_version for name in orgs}
    assert admin_client.post(url, data).status_code == 302
    after = {name: orgs[name].__class__.objects.get(pk=orgs[name].pk).work_version for name in orgs}
    moved = {name for name in orgs if after[name] != before[name]}
    assert moved == ({"ZSI", "CNRS", "VUB"} if step == "edit" else {"ZSI", "CNRS"})
    assert [o.organisation_id for o in item.owners.all()] == (
        [orgs["VUB"].pk, orgs["CNRS"].pk] if step == "edit" else [orgs["CNRS"].pk]
    )
