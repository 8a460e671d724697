"""Forms of the upload page and the review page. They validate input; the actions do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.imports.resolve import Action, Resolution, group_kind_for
from accord.text.timeframe import Context


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field. Empty files pass here: each gets its own clear error as a failed job."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files and self.required:
            raise forms.ValidationError(_("Choose at least one document."), code="required")
        return files


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Documents"),
        help_text=_("Plain text, Markdown, HTML, Word (.docx), PDF or a spreadsheet (.csv, .xlsx); several at once."),
    )
    context = forms.CharField(
        label=_("Period, if the documents state none"),
        required=False,
        max_length=40,
        help_text=_('A year ("2021") or a period ("2021-07-01..2021-12-31").'),
    )

    def clean_context(self) -> str:
        value = self.cleaned_data["context"].strip()
        if value:
            try:
                Context.parse(value)
            except ValueError as exc:
                raise forms.ValidationError(_('Write a year ("2021") or a period ("2021-07-01..2021-12-31").')) from exc
        return value


def owner_choices(proposal: Resolution, organisations: list[Any], groups: list[Any]) -> list[tuple[str, str]]:
    """The options for one owner name: the proposal first, then every other way to save it."""
    described = {
        Action.ORGANISATION: _("organisation %(label)s"),
        Action.GROUP: _("group %(label)s"),
        Action.NEW_ORGANISATION: _("new organisation “%(label)s”"),
        Action.NEW_GROUP: _("new group “%(label)s”"),
        Action.TEXT: _("text “%(label)s”, not linked"),
    }
    first = str(described.get(proposal.action, described[Action.TEXT])) % {"label": proposal.label or proposal.name}
    choices = [
        ("proposal", str(_("As proposed: %(what)s")) % {"what": first}),
        ("new_org", str(_("Create a new organisation “%(name)s”")) % {"name": proposal.name}),
        ("new_group", str(_("Create a new group “%(name)s”")) % {"name": proposal.name}),
        ("text", str(_("Keep as text, not linked"))),
    ]
    choices += [(f"org:{o.pk}", str(_("Organisation: %(name)s")) % {"name": o.short_name}) for o in organisations]
    choices += [(f"group:{g.pk}", str(_("Group: %(name)s")) % {"name": g.name}) for g in groups]
    return choices


class ReviewForm(forms.Form):
    """Title, owner choices and When texts of a draft; the fields are built from the job."""

    title = forms.CharField(label=_("Title"), max_length=300)
    choose_document_version = forms.BooleanField(
        label=_("Use the document's version for items edited in Accord since the last import"), required=False
    )
    add_chair_term = forms.BooleanField(label=_("Record the chair for the plan's period"), required=False)
    delete_removed = forms.BooleanField(
        label=_(
            "Delete the items the document no longer has (otherwise they are kept, marked "
            "“removed from the document”, with their history and comments)"
        ),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        names: list[str],
        proposals: dict[str, Resolution],
        organisations: list[Any],
        groups: list[Any],
        when_keys: list[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.names, self.proposals = names, proposals
        self.org_ids = {o.pk for o in organisations}
        self.group_ids = {g.pk for g in groups}
        for i, name in enumerate(names):
            proposal = proposals.get(name) or Resolution(name=name, action=str(Action.TEXT), label=name)
            self.fields[f"owner-{i}"] = forms.ChoiceField(
                label=name, choices=owner_choices(proposal, organisations, groups), initial="proposal"
            )
        for key in when_keys:
            self.fields[f"when-{key}"] = forms.CharField(required=False, max_length=300)

    def owner_fields(self) -> list[tuple[str, Resolution, Any]]:
        return [
            (
                name,
                self.proposals.get(name) or Resolution(name=name, action=str(Action.TEXT), label=name),
                self[f"owner-{i}"],
            )
            for i, name in enumerate(self.names)
        ]

    def resolutions(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for i, name in enumerate(self.names):
            choice = self.cleaned_data.get(f"owner-{i}") or "proposal"
            proposal = self.proposals.get(name) or Resolution(name=name, action=str(Action.TEXT), label=name)
            kind, _sep, pk = choice.partition(":")
            if kind == "org" and pk.isdigit() and int(pk) in self.org_ids:
                res = Resolution(name=name, action=str(Action.ORGANISATION), id=int(pk), reason="chosen")
            elif kind == "group" and pk.isdigit() and int(pk) in self.group_ids:
                res = Resolution(name=name, action=str(Action.GROUP), id=int(pk), reason="chosen")
            elif kind == "new_org":
                res = Resolution(name=name, action=str(Action.NEW_ORGANISATION), label=name, reason="chosen")
            elif kind == "new_group":
                res = Resolution(
                    name=name,
                    action=str(Action.NEW_GROUP),
                    label=name,
                    reason="chosen",
                    group_kind=group_kind_for(name) or "working_group",
                )
            elif kind == "text":
                res = Resolution(name=name, action=str(Action.TEXT), label=name, reason="chosen")
            else:
                res = proposal
            out[name] = res.to_json()
        return out

    def when_texts(self) -> dict[str, str]:
        return {k[len("when-") :]: v for k, v in self.cleaned_data.items() if k.startswith("when-")}
