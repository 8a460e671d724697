"""Signing in with a username and password (Django's ModelBackend), with the signed-in person read through a baked
read: the second query of every signed-in request (accord.web.baked, docs/decisions/0015-baked-reads.md). On
PostgreSQL the reads registered with accord.accounts.with_user (the person's roles) come in the same round trip."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from accord.accounts.with_user import reads_with_user
from accord.web.baked import baked, pipelines, together

_user = baked(lambda pk: get_user_model()._default_manager.filter(pk=pk)[:1])


class AccountBackend(ModelBackend):
    def get_user(self, user_id):
        if user_id is None:
            return None
        pk = int(user_id)
        ahead = reads_with_user() if pipelines() else []
        found, *rows = together(_user.bind(pk=pk), *(read(pk) for read, _keep in ahead))
        if not found or not self.user_can_authenticate(found[0]):
            return None
        user = found[0]
        for (_read, keep), kept in zip(ahead, rows, strict=True):
            keep(user, kept)
        return user
