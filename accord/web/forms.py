"""Helpers every page's forms share: an action's ValidationError shown on the form it came from, and choices
given as plain pairs."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.choices import BaseChoiceIterator


def add_action_errors(form: forms.Form, error: ValidationError) -> None:
    """Put an action's refusal on the form: a field's message beside the field, the rest above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def run_action(form: forms.Form, action: Any, *args: Any, **kwargs: Any) -> Any:
    """Call an action with a valid form's values; on a ValidationError, show it on the form and return None."""
    try:
        return action(*args, **kwargs)
    except ValidationError as error:
        add_action_errors(form, error)
        return None


class PlainForm(forms.Form):
    """A form whose labels carry no colon: they sit above their fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class FlatChoices(BaseChoiceIterator):
    """A choice field's (value, label) pairs, kept as given: no groups, no enumeration members. Django normalises a
    plain list of choices when it is set (a recursive check of every value and label, once for the field and once
    more for its widget): 2 ms for a plan's 200 owners, on every build of the Table tab. Given as this (Django's
    own base of lazy choices), they are iterated as they are."""

    def __init__(self, pairs: list[tuple[Any, Any]]) -> None:
        self.pairs = pairs

    def __iter__(self) -> Any:
        return iter(self.pairs)

    def __len__(self) -> int:
        return len(self.pairs)
