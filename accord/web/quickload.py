"""Model objects made from their rows without `Model.__init__`.

Django makes every row it reads into a model object through `Model.from_db`, which calls the model's `__init__`
with a value for each of its concrete fields: the fields a query did not select (`only()`, `defer()`) are first
filled in with a stand-in, then skipped one by one. For a page's rows that is most of the cost of reading them:
an item read with 10 of its 31 columns took 13.6 µs to make, and 1.4 µs as its attributes set at once
(docs/decisions/0015-baked-reads.md). My work makes about a hundred such objects per build.

`QuickLoad.from_db` makes the same object: a new instance whose `_state` says it was loaded (`adding` false, its
database), and whose attributes are the selected columns' values, by their names as Django gives them. That is
what `__init__` does for a loaded row, skipping what it does only for objects made in code (keyword arguments,
defaults). Django's own path is kept where it would differ: a model with `pre_init` or `post_init` receivers
(they would not be called), a field whose attribute is set through a descriptor that does more than store the
value (a file field wraps it), or a row whose values do not match its names.
"""

from __future__ import annotations

import inspect
from typing import Any

from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.signals import post_init, pre_init

# Whether each model's fields are all stored as plain attributes (worked out once per class).
_PLAIN: dict[type, bool] = {}


def _plain_fields(cls: type) -> bool:
    """Whether setting each concrete field's attribute of a new object only stores the value (no descriptor that
    does more: a foreign key's key attribute stores it, and forgets a related object a new one has not cached)."""
    for field in cls._meta.concrete_fields:  # type: ignore[attr-defined]
        found = inspect.getattr_static(cls, field.attname, None)
        if hasattr(type(found), "__set__") and not isinstance(found, ForeignKeyDeferredAttribute):
            return False
    return True


class QuickLoad:
    """A model mixin (first among the bases): its rows made into objects without `__init__` (see the module)."""

    @classmethod
    def from_db(cls, db: str | None, field_names: Any, values: Any) -> Any:
        plain = _PLAIN.get(cls)
        if plain is None:
            plain = _PLAIN[cls] = _plain_fields(cls)
        if not plain or len(field_names) != len(values) or pre_init.has_listeners(cls) or post_init.has_listeners(cls):
            return super().from_db(db, field_names, values)  # type: ignore[misc]
        new = cls.__new__(cls)
        state = new._state = ModelState()
        state.adding = False
        state.db = db
        new.__dict__.update(zip(field_names, values, strict=True))  # the lengths were compared above
        return new
