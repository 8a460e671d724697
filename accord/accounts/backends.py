"""Signing in with a username and password (Django's ModelBackend), with the signed-in person read through a baked
read: the second query of every signed-in request (accord.web.baked, docs/decisions/0015-baked-reads.md)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from accord.web.baked import baked

_user = baked(lambda pk: get_user_model()._default_manager.filter(pk=pk)[:1])


class AccountBackend(ModelBackend):
    def get_user(self, user_id):
        found = _user(pk=int(user_id)) if user_id is not None else []
        if not found:
            return None
        return found[0] if self.user_can_authenticate(found[0]) else None
