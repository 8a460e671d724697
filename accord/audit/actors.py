"""Who acts when no person does: the one system actor.

The importer's command line, the generated demo data and data migrations act as `SYSTEM`. It is an explicit value
so that a forgotten actor (`None`) is an error, never a silent grant: the permission guard
(`accord.network.permissions.require`) refuses `None`, and only `SYSTEM` passes the checks reserved to the system.
"""

from __future__ import annotations

from typing import Final


class SystemActor:
    """Not a user: it holds no role, is never signed in, and its audit entries have no actor account."""

    is_authenticated: Final = False
    is_anonymous: Final = False
    is_active: Final = False
    is_superuser: Final = False
    pk: Final = None

    def get_username(self) -> str:
        return "system"

    def __repr__(self) -> str:
        return "SYSTEM"

    def __str__(self) -> str:
        return "system"


SYSTEM: Final = SystemActor()
