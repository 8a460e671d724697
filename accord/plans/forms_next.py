"""The form of "Start the next plan": the new plan's title, period and chair, and which unfinished items to carry."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.network.models import Organisation
from accord.plans.forms import DateInput
from accord.plans.models import Item
from accord.plans.queries import NextPlanDefaults


class StartNextPlanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    period_start = forms.DateField(label=_("Period from"), widget=DateInput())
    period_end = forms.DateField(label=_("Period to"), widget=DateInput())
    chair = forms.ModelChoiceField(
        label=_("Chair"), queryset=Organisation.objects.none(), required=False, empty_label=_("— not decided —")
    )
    chair_text = forms.CharField(label=_("Chair (as written)"), max_length=200, required=False)
    carry = forms.MultipleChoiceField(label=_("Carry over"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(
        self, data: Any = None, *, candidates: list[Item], organisations: Any, defaults: NextPlanDefaults
    ) -> None:
        initial = {
            "title": defaults.title,
            "period_start": defaults.period_start,
            "period_end": defaults.period_end,
            "chair": defaults.chair.pk if defaults.chair else None,
            "chair_text": defaults.chair_text,
            # Every unfinished item is proposed; the person unticks what stops here.
            "carry": [str(i.pk) for i in candidates],
        }
        super().__init__(data, initial=initial)
        self.candidates = {str(i.pk): i for i in candidates}
        self.fields["carry"].choices = [(key, item.what) for key, item in self.candidates.items()]
        self.fields["chair"].queryset = organisations

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return data

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "period_start": data["period_start"],
            "period_end": data["period_end"],
            "chair": data["chair"],
            "chair_text": data["chair_text"],
            "carry": [self.candidates[key] for key in data["carry"]],
        }

    def sections(self) -> list[tuple[Any, list[tuple[Item, bool]]]]:
        """The candidates grouped by section, each with whether its box is ticked (for the template)."""
        ticked = set(self["carry"].value() or [])
        groups: dict[int, tuple[Any, list[tuple[Item, bool]]]] = {}
        for key, item in self.candidates.items():
            groups.setdefault(item.section_id, (item.section, []))[1].append((item, key in ticked))
        return list(groups.values())
