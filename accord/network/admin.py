"""The admin of networks, organisations, people, groups, memberships, chair terms and roles: every write is one of
accord.network.actions (accord.audit.admin.ActionAdmin)."""

from django.contrib import admin

from accord.audit.admin import ActionAdmin, ActionInline
from accord.network import actions
from accord.network.models import ChairTerm, Group, Membership, Network, Organisation, Person, Role


def _membership_values(values):
    return {k: values[k] for k in ("role", "since", "until") if k in values}


class MembershipInline(ActionInline, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]

    def create(self, actor, parent, values):
        return actions.do_add_membership(actor, parent, values["organisation"], **_membership_values(values))

    def update(self, actor, row, values):
        if "organisation" in values:  # another organisation is another membership
            self.delete(actor, row)
            return self.create(actor, row.network, {**_membership_values(row.__dict__), **values})
        return actions.do_update_membership(actor, row, **values)

    def delete(self, actor, row):
        actions.do_remove_membership(actor, row)


class ChairTermInline(ActionInline, admin.TabularInline):
    model = ChairTerm
    extra = 0
    autocomplete_fields = ["organisation"]

    def create(self, actor, parent, values):
        return actions.do_add_chair_term(
            actor,
            parent,
            values["organisation"],
            start=values["start"],
            end=values["end"],
            label=values.get("label", ""),
        )

    def update(self, actor, row, values):
        return actions.do_update_chair_term(actor, row, **values)

    def delete(self, actor, row):
        actions.do_delete_chair_term(actor, row)


class RoleInline(ActionInline, admin.TabularInline):
    model = Role
    extra = 0
    autocomplete_fields = ["organisation"]

    def create(self, actor, parent, values):
        return actions.do_set_role(actor, parent, values["user"], values["role"], values.get("organisation"))

    def update(self, actor, row, values):
        if "user" in values:
            self.delete(actor, row)
        merged = {"user": row.user, "role": row.role, "organisation": row.organisation, **values}
        return actions.do_set_role(actor, row.network, merged["user"], merged["role"], merged["organisation"])

    def delete(self, actor, row):
        actions.do_set_role(actor, row.network, row.user, None)


@admin.register(Network)
class NetworkAdmin(ActionAdmin):
    list_display = ("name", "slug", "is_public")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [MembershipInline, ChairTermInline, RoleInline]

    def create(self, actor, values):
        return actions.do_create_network(actor, **values)

    def update(self, actor, obj, values):
        return actions.do_update_network(actor, obj, **values)

    def delete(self, actor, obj):
        actions.do_delete_network(actor, obj)


@admin.register(Organisation)
class OrganisationAdmin(ActionAdmin):
    list_display = ("short_name", "full_name", "country", "type")
    list_filter = ("type", "country")
    search_fields = ("short_name", "full_name", "aliases")
    prepopulated_fields = {"slug": ("short_name",)}

    def create(self, actor, values):
        return actions.do_create_organisation(actor, **values)

    def update(self, actor, obj, values):
        return actions.do_update_organisation(actor, obj, **values)

    def delete(self, actor, obj):
        actions.do_delete_organisation(actor, obj)


@admin.register(Person)
class PersonAdmin(ActionAdmin):
    list_display = ("name", "organisation", "email")
    search_fields = ("name", "email")
    autocomplete_fields = ["organisation"]

    def create(self, actor, values):
        return actions.do_create_person(actor, **values)

    def update(self, actor, obj, values):
        return actions.do_update_person(actor, obj, **values)

    def delete(self, actor, obj):
        actions.do_delete_person(actor, obj)


@admin.register(Group)
class GroupAdmin(ActionAdmin):
    list_display = ("name", "network", "kind")
    list_filter = ("kind", "network")
    search_fields = ("name",)
    filter_horizontal = ("member_organisations", "member_people", "leaders")

    def get_readonly_fields(self, request, obj=None):
        return ("network",) if obj is not None else ()  # a group belongs to its network for good

    def create(self, actor, values):
        return actions.do_create_group(
            actor,
            values["network"],
            name=values["name"],
            kind=values["kind"],
            aliases=values.get("aliases") or [],
            description=values.get("description", ""),
        )

    def update(self, actor, obj, values):
        return actions.do_update_group(actor, obj, **values)

    def set_related(self, actor, obj, values):
        actions.do_set_group_members(
            actor,
            obj,
            organisations=values.get("member_organisations"),
            people=values.get("member_people"),
            leaders=values.get("leaders"),
        )

    def delete(self, actor, obj):
        actions.do_delete_group(actor, obj)


@admin.register(Membership)
class MembershipAdmin(ActionAdmin):
    list_display = ("organisation", "network", "role", "since", "until")
    list_filter = ("role", "network")

    def get_readonly_fields(self, request, obj=None):
        return ("network", "organisation") if obj is not None else ()

    def create(self, actor, values):
        return actions.do_add_membership(actor, values["network"], values["organisation"], **_membership_values(values))

    def update(self, actor, obj, values):
        return actions.do_update_membership(actor, obj, **values)

    def delete(self, actor, obj):
        actions.do_remove_membership(actor, obj)


@admin.register(ChairTerm)
class ChairTermAdmin(ActionAdmin):
    list_display = ("network", "organisation", "label", "start", "end")
    list_filter = ("network",)

    def get_readonly_fields(self, request, obj=None):
        return ("network",) if obj is not None else ()

    def create(self, actor, values):
        return actions.do_add_chair_term(
            actor,
            values["network"],
            values["organisation"],
            start=values["start"],
            end=values["end"],
            label=values.get("label", ""),
        )

    def update(self, actor, obj, values):
        return actions.do_update_chair_term(actor, obj, **values)

    def delete(self, actor, obj):
        actions.do_delete_chair_term(actor, obj)


@admin.register(Role)
class RoleAdmin(ActionAdmin):
    list_display = ("user", "network", "role", "organisation")
    list_filter = ("role", "network")

    def get_readonly_fields(self, request, obj=None):
        return ("network", "user") if obj is not None else ()

    def create(self, actor, values):
        return actions.do_set_role(actor, values["network"], values["user"], values["role"], values.get("organisation"))

    def update(self, actor, obj, values):
        merged = {"role": obj.role, "organisation": obj.organisation, **values}
        return actions.do_set_role(actor, obj.network, obj.user, merged["role"], merged["organisation"])

    def delete(self, actor, obj):
        actions.do_set_role(actor, obj.network, obj.user, None)
