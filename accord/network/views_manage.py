"""The pages where a network's admin and secretariat run it: settings, people and roles, member organisations,
chair terms and the Trio, groups. Every write goes through one action in accord.network.actions.

The secretariat sees every page; the forms of what only the admin may change (people, roles, memberships,
chair terms, settings) are shown to the admin. A refused write answers 403 and changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accord.network import actions, forms, queries
from accord.network import permissions as perms
from accord.network.models import (
    ChairTerm,
    Group,
    GroupKind,
    Membership,
    Network,
    NetworkRole,
    Organisation,
    Role,
)
from accord.web.access import get_network
from accord.web.forms import run_action


def _managed(request: HttpRequest, slug: str) -> Network:
    """The network, for someone who runs it (secretariat or admin); others get 403 (or 404 if not a member)."""
    net = get_network(request, slug)
    if not perms.can_edit_network_content(request.user, net):
        raise PermissionDenied
    return net


def _rights(user: Any, net: Network) -> dict[str, bool]:
    return {"can_manage": perms.can_manage_network(user, net), "can_groups": perms.can_manage_groups(user, net)}


def _render(
    request: HttpRequest, template: str, net: Network, tab: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    return render(
        request,
        template,
        {"network": net, "nav": "manage", "tab": tab, **_rights(request.user, net), **context},
        status=status,
    )


def _back(name: str, net: Network, *args: Any) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse(f"network:{name}", args=[net.slug, *args]))


# A new network -----------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    if not perms.can_create_network(request.user):
        raise PermissionDenied
    form = forms.NewNetworkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        net = run_action(
            form,
            actions.do_create_network,
            request.user,
            name=d["name"],
            slug=d["slug"],
            short_name=d["short_name"],
            description=d["description"],
            is_public=d["is_public"],
        )
        if net is not None:
            messages.success(request, _("Network created: you are its admin. Add its members next."))
            return _back("members", net)
    return render(request, "network/create.html", {"form": form}, status=400 if form.errors else 200)


# Settings ------------------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest, network: str) -> HttpResponse:
    net = _managed(request, network)
    initial = {
        "name": net.name,
        "short_name": net.short_name,
        "description": net.description,
        "is_public": net.is_public,
    }
    form = forms.NetworkForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not perms.can_manage_network(request.user, net):
            raise PermissionDenied
        if form.is_valid():
            changes = run_action(form, actions.do_update_network, request.user, net, **form.cleaned_data)
            if changes is not None:
                messages.success(request, _("Saved.") if changes else _("Nothing changed."))
                return _back("settings", net)
    counts = {
        "roles": net.roles.count(),
        "members": net.memberships.count(),
        "chairs": net.chair_terms.count(),
        "groups": net.groups.count(),
    }
    return _render(
        request,
        "network/settings.html",
        net,
        "settings",
        {"form": form, "counts": counts},
        status=400 if form.errors else 200,
    )


# People and roles ----------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def people(request: HttpRequest, network: str) -> HttpResponse:
    net = _managed(request, network)
    orgs = queries.role_organisations(net)
    form = forms.PersonForm(request.POST or None, organisations=orgs)
    if request.method == "POST":
        if not perms.can_manage_people(request.user, net):
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            if d["account"]:
                invitation = run_action(
                    form,
                    actions.do_invite_person,
                    request.user,
                    net,
                    name=d["name"],
                    username=d["username"],
                    role=d["role"],
                    email=d["email"],
                    organisation=d["organisation"],
                    title=d["title"],
                )
                if invitation is not None:
                    link = request.build_absolute_uri(invitation.set_password_path)
                    messages.success(
                        request,
                        _(
                            "%(name)s can now sign in as %(user)s once they choose a password "
                            "at this one-time link: %(link)s"
                        )
                        % {"name": invitation.person.name, "user": invitation.user.username, "link": link},
                    )
                    return _back("people", net)
            else:
                person = run_action(
                    form,
                    actions.do_create_person,
                    request.user,
                    name=d["name"],
                    email=d["email"],
                    organisation=d["organisation"],
                    title=d["title"],
                    network=net,
                )
                if person is not None:
                    messages.success(request, _("%(name)s added.") % {"name": person.name})
                    return _back("people", net)
    # Each row's selects are written in the template from these lists: a form per row would query the
    # organisations once per row.
    return _render(
        request,
        "network/people.html",
        net,
        "people",
        {
            "form": form,
            "roles": queries.roles(net),
            "role_choices": NetworkRole.choices,
            "org_choices": [(o.pk, o.short_name) for o in orgs],
            "others": queries.people_without_account(net),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def role(request: HttpRequest, network: str, role_id: int) -> HttpResponse:
    net = _managed(request, network)
    row = get_object_or_404(Role.objects.select_related("user"), network=net, pk=role_id)
    if not perms.can_manage_people(request.user, net):
        raise PermissionDenied
    if request.POST.get("remove"):
        form = forms.RoleForm(organisations=queries.role_organisations(net))
        if run_action(form, actions.do_set_role, request.user, net, row.user, None) is None and form.errors:
            for error in form.non_field_errors():
                messages.error(request, error)
        else:
            messages.success(request, _("%(user)s no longer has a role here.") % {"user": row.user.username})
        return _back("people", net)
    form = forms.RoleForm(request.POST, organisations=queries.role_organisations(net), prefix=f"role-{row.pk}")
    if (
        form.is_valid()
        and run_action(
            form,
            actions.do_set_role,
            request.user,
            net,
            row.user,
            form.cleaned_data["role"],
            form.cleaned_data["organisation"],
        )
        is not None
    ):
        messages.success(request, _("Role of %(user)s saved.") % {"user": row.user.username})
        return _back("people", net)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, f"{row.user.username}: {error}")
    return _back("people", net)


# Member organisations ------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def members(request: HttpRequest, network: str) -> HttpResponse:
    net = _managed(request, network)
    form = forms.MembershipForm(request.POST or None, organisations=queries.known_organisations())
    if request.method == "POST":
        if not perms.can_manage_memberships(request.user, net):
            raise PermissionDenied
        if form.is_valid():
            membership = run_action(form, _add_member, request.user, net, form)
            if membership is not None:
                messages.success(
                    request,
                    _("%(org)s added as %(role)s.")
                    % {"org": membership.organisation, "role": membership.get_role_display()},
                )
                return _back("members", net)
    return _render(
        request,
        "network/members.html",
        net,
        "members",
        {
            "form": form,
            "memberships": queries.memberships(net),
        },
        status=400 if form.errors else 200,
    )


def _add_member(actor: Any, net: Network, form: forms.MembershipForm) -> Membership:
    """An existing organisation, or a new one, and its membership: one transaction (both or neither)."""
    from django.db import transaction

    d = form.cleaned_data
    with transaction.atomic():
        org = d["existing"] or actions.do_create_organisation(actor, network=net, **form.organisation_values())
        return actions.do_add_membership(actor, net, org, role=d["role"], since=d["since"], until=d["until"])


@require_http_methods(["GET", "POST"])
def member(request: HttpRequest, network: str, slug: str) -> HttpResponse:
    net = _managed(request, network)
    org = Organisation.objects.filter(slug=slug, memberships__network=net).distinct().first()
    if org is None:
        raise Http404("Not a member of this network.")
    initial = {
        "short_name": org.short_name,
        "full_name": org.full_name,
        "aliases": "\n".join(org.aliases),
        "country": org.country,
        "type": org.type,
    }
    form = forms.OrganisationFields(request.POST or None, initial=initial)
    if request.method == "POST":
        if not perms.can_edit_organisation(request.user, org, net):
            raise PermissionDenied
        if form.is_valid():
            changes = run_action(
                form, actions.do_update_organisation, request.user, org, network=net, **form.organisation_values()
            )
            if changes is not None:
                messages.success(request, _("Saved.") if changes else _("Nothing changed."))
                return _back("member", net, org.slug)
    rows = [
        (m, forms.MembershipEditForm(initial={"role": m.role, "since": m.since, "until": m.until}, prefix=f"m-{m.pk}"))
        for m in org.memberships.filter(network=net).order_by("since", "pk")
    ]
    return _render(
        request,
        "network/member.html",
        net,
        "members",
        {
            "organisation": org,
            "form": form,
            "rows": rows,
            "can_edit_org": perms.can_edit_organisation(request.user, org, net),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def membership(request: HttpRequest, network: str, membership_id: int) -> HttpResponse:
    net = _managed(request, network)
    row = get_object_or_404(Membership.objects.select_related("organisation"), network=net, pk=membership_id)
    if not perms.can_manage_memberships(request.user, net):
        raise PermissionDenied
    org = row.organisation
    if request.POST.get("remove"):
        actions.do_remove_membership(request.user, row)
        messages.success(request, _("Membership removed."))
        return (
            _back("members", net)
            if not org.memberships.filter(network=net).exists()
            else _back("member", net, org.slug)
        )
    form = forms.MembershipEditForm(request.POST, prefix=f"m-{row.pk}")
    if (
        form.is_valid()
        and run_action(form, actions.do_update_membership, request.user, row, **form.cleaned_data) is not None
    ):
        messages.success(request, _("Membership saved."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return _back("member", net, org.slug)


# Chair terms and the Trio --------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def chairs(request: HttpRequest, network: str) -> HttpResponse:
    net = _managed(request, network)
    orgs = queries.member_organisations(net)
    form = forms.ChairTermForm(request.POST or None, organisations=orgs)
    if request.method == "POST":
        if not perms.can_manage_chair_terms(request.user, net):
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            term = run_action(
                form,
                actions.do_add_chair_term,
                request.user,
                net,
                d["organisation"],
                start=d["start"],
                end=d["end"],
                label=d["label"],
            )
            if term is not None:
                messages.success(request, _("%(term)s added.") % {"term": term})
                return _back("chairs", net)
    return _render(
        request,
        "network/chairs.html",
        net,
        "chairs",
        {
            "form": form,
            "terms": queries.chair_terms_with_trios(net),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def chair(request: HttpRequest, network: str, term_id: int) -> HttpResponse:
    net = _managed(request, network)
    term = get_object_or_404(ChairTerm, network=net, pk=term_id)
    if not perms.can_manage_chair_terms(request.user, net):
        raise PermissionDenied
    if request.POST.get("remove"):
        actions.do_delete_chair_term(request.user, term)
        messages.success(request, _("Chair term removed."))
    return _back("chairs", net)


# Groups --------------------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def groups(request: HttpRequest, network: str) -> HttpResponse:
    net = _managed(request, network)
    form = forms.GroupForm(request.POST or None)
    if request.method == "POST":
        if not perms.can_manage_groups(request.user, net):
            raise PermissionDenied
        if form.is_valid():
            group = run_action(form, actions.do_create_group, request.user, net, **form.cleaned_data)
            if group is not None:
                messages.success(
                    request, _("Group %(name)s created: add its members and leaders.") % {"name": group.name}
                )
                return _back("group", net, group.pk)
    return _render(
        request,
        "network/groups.html",
        net,
        "groups",
        {
            "form": form,
            "groups": queries.groups(net),
            "trio_kind": GroupKind.TRIO,
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def group(request: HttpRequest, network: str, group_id: int) -> HttpResponse:
    net = _managed(request, network)
    grp = get_object_or_404(Group, network=net, pk=group_id)
    # The choices include the group's current members even when they are not the network's: saving keeps them.
    people_qs, orgs = queries.group_choices(net, grp)
    details = forms.GroupForm(
        initial={"name": grp.name, "kind": grp.kind, "aliases": "\n".join(grp.aliases), "description": grp.description},
        prefix="g",
    )
    members_form = forms.GroupMembersForm(
        initial={
            "organisations": list(grp.member_organisations.values_list("pk", flat=True)),
            "people": list(grp.member_people.values_list("pk", flat=True)),
            "leaders": list(grp.leaders.values_list("pk", flat=True)),
        },
        organisations=orgs,
        people=people_qs,
        prefix="m",
    )
    status = 200
    if request.method == "POST":
        if not perms.can_manage_groups(request.user, net):
            raise PermissionDenied
        if request.POST.get("delete"):
            actions.do_delete_group(request.user, grp)
            messages.success(request, _("Group %(name)s deleted.") % {"name": grp.name})
            return _back("groups", net)
        if "m-submit" in request.POST:
            members_form = forms.GroupMembersForm(request.POST, organisations=orgs, people=people_qs, prefix="m")
            if members_form.is_valid():
                d = members_form.cleaned_data
                actions.do_set_group_members(
                    request.user,
                    grp,
                    organisations=list(d["organisations"]),
                    people=list(d["people"]),
                    leaders=list(d["leaders"]),
                )
                messages.success(request, _("Members and leaders saved."))
                return _back("group", net, grp.pk)
        else:
            details = forms.GroupForm(request.POST, prefix="g")
            if (
                details.is_valid()
                and run_action(details, actions.do_update_group, request.user, grp, **details.cleaned_data) is not None
            ):
                messages.success(request, _("Saved."))
                return _back("group", net, grp.pk)
        status = 400
    return _render(
        request,
        "network/group.html",
        net,
        "groups",
        {
            "group": grp,
            "details": details,
            "members_form": members_form,
            "is_trio": grp.kind == GroupKind.TRIO,
            "trio_terms": queries.chair_terms_with_trios(net) if grp.kind == GroupKind.TRIO else [],
        },
        status=status,
    )
