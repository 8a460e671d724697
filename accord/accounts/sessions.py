"""Sessions in the database (shared by every worker), read through a baked read: the session is the first query of
every signed-in request, cached page or not (accord.web.baked, docs/decisions/0015-baked-reads.md)."""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from accord.web.baked import baked

_live_session = baked(lambda session_key, now: Session.objects.filter(session_key=session_key, expire_date__gt=now)[:1])


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        found = _live_session(session_key=self.session_key, now=timezone.now()) if self.session_key else []
        if not found:
            self._session_key = None
            return None
        return found[0]
