"""Forms of the plan management pages: a new plan, its title, period, theme and chair, its sections."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.network.models import Organisation
from accord.plans.models import PlanKind
from accord.web.forms import PlainForm


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class PlanForm(PlainForm):
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=PlanKind.choices, initial=PlanKind.WORK_PROGRAMME)
    period_start = forms.DateField(label=_("Period from"), required=False, widget=DateInput())
    period_end = forms.DateField(label=_("Period to"), required=False, widget=DateInput())
    theme = forms.CharField(label=_("Guiding theme"), max_length=500, required=False)
    chair = forms.ModelChoiceField(
        label=_("Chair"), queryset=Organisation.objects.none(), required=False, empty_label=_("— no chair —")
    )
    chair_text = forms.CharField(
        label=_("Chair as written"),
        max_length=200,
        required=False,
        help_text=_("How the document names the chair, e.g. “CNRS/Sorbonne Université”."),
    )
    is_public = forms.BooleanField(label=_("Public (when the network is public)"), required=False)

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = organisations if organisations is not None else Organisation.objects.none()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            self.add_error("period_end", _("The period cannot end before it starts."))
        if bool(data.get("period_start")) != bool(data.get("period_end")) and not self.errors:
            self.add_error(
                "period_end" if data.get("period_start") else "period_start",
                _("Give both ends of the period, or neither."),
            )
        return data


class SectionForm(PlainForm):
    number = forms.CharField(label=_("Number"), max_length=20, required=False, help_text=_("e.g. 1 or II"))
    title = forms.CharField(label=_("Title"), max_length=500)
