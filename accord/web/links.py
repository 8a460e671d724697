"""Links made in a loop: the toolkit's stand-in for reverse() per row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse


def url_maker(name: str, *args: Any) -> Callable[[Any], str]:
    """A fast stand-in for reverse() in a loop: reverse once with a placeholder, then fill in each key."""
    placeholder = "0000000000"
    head, tail = reverse(name, args=[*args, placeholder]).rsplit(placeholder, 1)
    return lambda key: f"{head}{key}{tail}"
