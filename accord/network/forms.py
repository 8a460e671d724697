"""Forms of the network pages: they check what a person typed and turn it into an action's arguments."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.network.models import (
    GroupKind,
    MembershipRole,
    NetworkRole,
    Organisation,
    OrganisationType,
    Person,
)
from accord.web.forms import PlainForm

ALIAS_SEPARATORS = re.compile(r"\s*[\n;]\s*")


def split_aliases(text: str) -> list[str]:
    """One alias per line (or separated by semicolons): commas and slashes stay, they occur inside names."""
    return [a for a in (" ".join(part.split()) for part in ALIAS_SEPARATORS.split(text or "")) if a]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class NetworkForm(PlainForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    short_name = forms.CharField(
        label=_("Short name"),
        max_length=40,
        required=False,
        help_text=_("Shown in the top bar, e.g. “Northern Lights”."),
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    is_public = forms.BooleanField(
        label=_("Public: anonymous visitors see the plans and events marked public"), required=False
    )


class NewNetworkForm(NetworkForm):
    slug = forms.SlugField(
        label=_("Address"),
        max_length=60,
        required=False,
        help_text=_("The part after /n/ in its pages' addresses; made from the name if empty."),
    )


class OrganisationFields(PlainForm):
    short_name = forms.CharField(label=_("Short name"), max_length=80, help_text=_("As people write it, e.g. “ASO”."))
    full_name = forms.CharField(label=_("Full name"), max_length=300, required=False)
    aliases = forms.CharField(
        label=_("Other names (aliases)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: the other ways owners are written in documents."),
    )
    country = forms.CharField(
        label=_("Country code"), max_length=60, required=False, help_text=_("Two letters (ISO 3166), e.g. NO.")
    )
    type = forms.ChoiceField(label=_("Type"), choices=OrganisationType.choices, initial=OrganisationType.OTHER)

    def clean_country(self) -> str:
        value = self.cleaned_data["country"].strip().upper()
        if value and not re.fullmatch(r"[A-Z]{2}", value):
            raise forms.ValidationError(_("Write the country as two letters, e.g. NO or DE."))
        return value

    def clean_aliases(self) -> list[str]:
        return split_aliases(self.cleaned_data["aliases"])

    def organisation_values(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "short_name": d["short_name"].strip(),
            "full_name": d["full_name"].strip(),
            "aliases": d["aliases"],
            "country": d["country"],
            "type": d["type"],
        }


class MembershipForm(OrganisationFields):
    """Add a member: an organisation Accord knows, or a new one described here, with the membership's terms."""

    existing = forms.ModelChoiceField(
        label=_("An organisation Accord knows"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("— a new organisation (describe it below) —"),
    )
    role = forms.ChoiceField(label=_("Membership"), choices=MembershipRole.choices, initial=MembershipRole.MEMBER)
    since = forms.DateField(label=_("Since"), required=False, widget=DateInput())
    until = forms.DateField(label=_("Until"), required=False, widget=DateInput())

    field_order = ["existing", "short_name", "full_name", "aliases", "country", "type", "role", "since", "until"]

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["existing"].queryset = organisations if organisations is not None else Organisation.objects.none()
        self.fields["short_name"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("existing") and not (data.get("short_name") or "").strip():
            self.add_error("short_name", _("Choose an organisation Accord knows, or give the new one a short name."))
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", _("The membership cannot end before it begins."))
        return data


class MembershipEditForm(PlainForm):
    role = forms.ChoiceField(label=_("Membership"), choices=MembershipRole.choices)
    since = forms.DateField(label=_("Since"), required=False, widget=DateInput())
    until = forms.DateField(label=_("Until"), required=False, widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", _("The membership cannot end before it begins."))
        return data


class PersonForm(PlainForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Email"), required=False)
    title = forms.CharField(
        label=_("Function"), max_length=200, required=False, help_text=_("e.g. Head of Brussels Office")
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False, empty_label=_("— none —")
    )
    account = forms.BooleanField(
        label=_("Give them an account with a role in this network"), required=False, initial=True
    )
    username = forms.CharField(label=_("Username"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=NetworkRole.choices, initial=NetworkRole.VIEWER)

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("account"):
            if not (data.get("username") or "").strip():
                self.add_error("username", _("An account needs a username."))
            if data.get("role") == NetworkRole.MEMBER_EDITOR and not data.get("organisation"):
                self.add_error("organisation", _("A member editor acts for an organisation: choose one."))
        return data


class RoleForm(PlainForm):
    role = forms.ChoiceField(label=_("Role"), choices=NetworkRole.choices)
    organisation = forms.ModelChoiceField(
        label=_("Acts for"), queryset=Organisation.objects.none(), required=False, empty_label=_("— no organisation —")
    )

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("role") == NetworkRole.MEMBER_EDITOR and not data.get("organisation"):
            self.add_error("organisation", _("A member editor acts for an organisation: choose one."))
        return data


class ChairTermForm(PlainForm):
    organisation = forms.ModelChoiceField(
        label=_("Chair"), queryset=Organisation.objects.none(), empty_label=_("— choose a member organisation —")
    )
    label = forms.CharField(
        label=_("As written"),
        max_length=200,
        required=False,
        help_text=_("How documents name the chair, e.g. “CNRS/Sorbonne Université”."),
    )
    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("To"), widget=DateInput())

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("A chair term cannot end before it starts."))
        return data


class GroupForm(PlainForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=GroupKind.choices, initial=GroupKind.WORKING_GROUP)
    aliases = forms.CharField(
        label=_("Other names (aliases)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line, e.g. “WG leads”."),
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_aliases(self) -> list[str]:
        return split_aliases(self.cleaned_data["aliases"])


class GroupMembersForm(PlainForm):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Member organisations"),
        required=False,
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    people = forms.ModelMultipleChoiceField(
        label=_("Member people"), required=False, queryset=Person.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    leaders = forms.ModelMultipleChoiceField(
        label=_("Leaders"), required=False, queryset=Person.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, organisations: Any = None, people: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )
        self.fields["people"].queryset = people if people is not None else Person.objects.none()
        self.fields["leaders"].queryset = people if people is not None else Person.objects.none()
