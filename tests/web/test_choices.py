"""accord.web.choices: each choice's words, translated once."""

from __future__ import annotations

from django.utils import translation
from django.utils.functional import Promise

from accord.plans.models import ItemStatus
from accord.web.choices import choice_words


def test_each_choice_gives_its_words_as_plain_text_in_the_active_language():
    words = choice_words(ItemStatus.choices)
    assert list(words) == list(ItemStatus.values)
    assert words["in_progress"] == str(ItemStatus.IN_PROGRESS.label)
    assert all(type(w) is str and not isinstance(w, Promise) for w in words.values())
    with translation.override("fr"):
        french = choice_words(ItemStatus.choices)
        assert french == {value: str(label) for value, label in ItemStatus.choices}
    assert choice_words([(1, "one"), ("x", "ex")]) == {1: "one", "x": "ex"}
