from django.contrib import admin

from accord.audit.admin import AuditedAdmin
from accord.network.models import ChairTerm, Group, Membership, Network, Organisation, Person, Role


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


class ChairTermInline(admin.TabularInline):
    model = ChairTerm
    extra = 0
    autocomplete_fields = ["organisation"]


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Network)
class NetworkAdmin(AuditedAdmin):
    list_display = ("name", "slug", "is_public")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [MembershipInline, ChairTermInline, RoleInline]


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ("short_name", "full_name", "country", "type")
    list_filter = ("type", "country")
    search_fields = ("short_name", "full_name", "aliases")
    prepopulated_fields = {"slug": ("short_name",)}


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    list_display = ("name", "organisation", "email")
    search_fields = ("name", "email")
    autocomplete_fields = ["organisation"]


@admin.register(Group)
class GroupAdmin(AuditedAdmin):
    list_display = ("name", "network", "kind")
    list_filter = ("kind", "network")
    search_fields = ("name",)
    filter_horizontal = ("member_organisations", "member_people", "leaders")


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ("organisation", "network", "role", "since", "until")
    list_filter = ("role", "network")


@admin.register(ChairTerm)
class ChairTermAdmin(AuditedAdmin):
    list_display = ("network", "organisation", "label", "start", "end")
    list_filter = ("network",)


@admin.register(Role)
class RoleAdmin(AuditedAdmin):
    list_display = ("user", "network", "role", "organisation")
    list_filter = ("role", "network")
