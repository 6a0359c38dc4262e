"""Django's PostgreSQL backend, whose health check trusts a connection that just served a request, and
which reads UTC timestamps with psycopg's own loader.

With ``CONN_HEALTH_CHECKS`` (on by default, newsroom/settings/base.py) Django sends ``SELECT 1`` before the
first query of every request that reuses a persistent connection, so that a connection PostgreSQL dropped
(a restart, an idle timeout) is replaced instead of failing the request. On a busy web process that is one
more round trip per page, about a twentieth of an API page's CPU (the process's and PostgreSQL's). Here a
connection that served a request without a database error less than ``NEWSROOM_DB_HEALTH_CHECK_GRACE``
seconds ago (default 1) is not checked again; after a longer pause it is checked as before. The price: if
PostgreSQL drops the connection within that second, the next request on it fails once (as every request did
before Django had health checks) and Django then closes the connection, since the request ended in a
database error. ``NEWSROOM_DB_HEALTH_CHECK_GRACE=0`` checks before every request.

Timestamps: Django loads every ``timestamptz`` value through a Python subclass of psycopg's loader that
sets the time zone afterwards (django/db/backends/postgresql/psycopg_any.py), about ten times the cost of
psycopg's compiled loader: a tenth of an API page's CPU for its 40 dates. When Django's time zone and the
session's are both UTC (the settings' ``TIME_ZONE``; Django sets the session's), psycopg's own loader gives
the same values (aware datetimes in ``datetime.timezone.utc``), so each cursor uses it.
"""

from __future__ import annotations

import time
from datetime import UTC

import psycopg
from django.conf import settings
from django.db.backends.postgresql import base
from psycopg.pq import Format

_TIMESTAMPTZ_OID = psycopg.adapters.types["timestamptz"].oid
# psycopg's loader (its compiled version when psycopg's C extension is installed).
_TIMESTAMPTZ_LOADER = psycopg.adapters.get_loader(_TIMESTAMPTZ_OID, Format.TEXT)


class DatabaseWrapper(base.DatabaseWrapper):
    # time.monotonic() when a request last ended with this connection used and no database error
    healthy_at: float | None = None

    def close_if_health_check_failed(self):
        if (
            self.connection is not None
            and self.health_check_enabled
            and not self.health_check_done
            and self.healthy_at is not None
            and time.monotonic() - self.healthy_at < settings.NEWSROOM_DB_HEALTH_CHECK_GRACE
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()

    def close_if_unusable_or_obsolete(self):
        # Called as each request starts and ends. health_check_done is set once a request reaches the
        # connection (checked, opened or trusted) and cleared below: set here, the connection ran this
        # request's queries, and errors_occurred says whether they all reached PostgreSQL. A request that
        # did not use the database leaves the time of the last one that did.
        if self.connection is not None and self.health_check_done:
            self.healthy_at = None if self.errors_occurred else time.monotonic()
        super().close_if_unusable_or_obsolete()

    def create_cursor(self, name=None):
        cursor = super().create_cursor(name)
        if self.timezone is UTC and self.connection.info.parameter_status("TimeZone") == "UTC":
            cursor.adapters.register_loader(_TIMESTAMPTZ_OID, _TIMESTAMPTZ_LOADER)
        return cursor

    def connect(self):
        self.healthy_at = None
        super().connect()
