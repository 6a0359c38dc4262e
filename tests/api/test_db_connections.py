"""How the app connects to its database: persistent connections by default, psycopg's pool on request."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connection

from newsroom.settings.base import use_connection_pool

ROOT = Path(__file__).resolve().parents[2]


def test_the_pool_replaces_persistent_connections_on_postgresql_only():
    pg = {"ENGINE": "django.db.backends.postgresql", "CONN_MAX_AGE": 600}
    use_connection_pool(pg, min_size=2, max_size=8)
    assert pg["CONN_MAX_AGE"] == 0 and pg["OPTIONS"]["pool"] == {"min_size": 2, "max_size": 8, "timeout": 10}
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "CONN_MAX_AGE": 600}
    use_connection_pool(sqlite, min_size=2, max_size=8)
    assert sqlite == {"ENGINE": "django.db.backends.sqlite3", "CONN_MAX_AGE": 600}


@pytest.mark.skipif("CONN_MAX_AGE" in os.environ, reason="CONN_MAX_AGE is set in the environment")
def test_connections_persist_and_are_health_checked_by_default(settings):
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0 or settings.DATABASES["default"]["OPTIONS"].get("pool")
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


@pytest.mark.postgres
@pytest.mark.django_db
def test_production_settings_serve_from_the_pool_with_database_pool_1(on_postgres):
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "DATABASE_POOL": "1",
        "ALLOWED_HOSTS": "facts.example.org",  # production refuses to start without it
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "SECRET_KEY": "x" * 20 + "abcdefghijklmnopqrstuvwxyz0123456789",
    }
    code = (
        "from django.db import connection, close_old_connections\n"
        "for _ in range(3):\n"
        "    connection.cursor().execute('SELECT 1'); connection.close()\n"
        "print(type(connection.pool).__name__, connection.pool.get_stats()['requests_num'])\n"
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    name, requests = out.stdout.strip().splitlines()[-1].split()
    assert name == "ConnectionPool" and int(requests) == 3  # three checkouts from one pool, not three connections


def test_postgresql_urls_use_the_backend_whose_health_check_trusts_a_recent_success():
    from newsroom.settings import base

    assert base.POSTGRESQL_ENGINES == ("django.db.backends.postgresql", "apps.common.postgresql")
    if base.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        assert base.DATABASES["default"]["ENGINE"] == "apps.common.postgresql"
    pool = {"ENGINE": "apps.common.postgresql", "CONN_MAX_AGE": 600}
    use_connection_pool(pool, min_size=1, max_size=2)
    assert pool["OPTIONS"]["pool"]["max_size"] == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_health_check_is_skipped_only_right_after_a_request_that_used_the_connection(on_postgres, settings):
    """apps/common/postgresql/base.py: a request ending without a database error lets the next one within
    NEWSROOM_DB_HEALTH_CHECK_GRACE skip Django's SELECT 1; a pause, an error or a dropped connection does not."""
    conn = on_postgres
    settings.NEWSROOM_DB_HEALTH_CHECK_GRACE = 60.0
    checks = []
    is_usable = conn.is_usable

    def counting_is_usable():
        checks.append(1)
        return is_usable()

    conn.health_check_enabled = True
    conn.is_usable = counting_is_usable
    try:

        def request(sql="SELECT 1"):
            conn.close_if_unusable_or_obsolete()  # request_started
            try:
                with conn.cursor() as cursor:
                    cursor.execute(sql)
            finally:
                conn.close_if_unusable_or_obsolete()  # request_finished

        conn.ensure_connection()
        request()  # a fresh connection is trusted; this request's success counts
        request()
        assert checks == []
        settings.NEWSROOM_DB_HEALTH_CHECK_GRACE = 0.0  # the pause is longer than the grace
        request()
        assert len(checks) == 1
        settings.NEWSROOM_DB_HEALTH_CHECK_GRACE = 60.0
        checks.clear()
        with pytest.raises(Exception, match="no_such_table"):
            request("SELECT * FROM no_such_table")
        assert checks == [1]  # Django checks a connection that saw an error as its request ends
        settings.NEWSROOM_DB_HEALTH_CHECK_GRACE = 0.0
        before = conn.connection.info.backend_pid
        with connection_to(conn) as other:
            other.execute("SELECT pg_terminate_backend(%s)", [before])
        request()  # past the grace a dropped connection is replaced, not failed
        after = conn.connection.info.backend_pid
        assert after != before
        # Within the grace, the price: the request on a connection dropped meanwhile fails once, and the
        # connection is replaced for the next one.
        settings.NEWSROOM_DB_HEALTH_CHECK_GRACE = 60.0
        request()
        with connection_to(conn) as other:
            other.execute("SELECT pg_terminate_backend(%s)", [after])
        with pytest.raises(OperationalError):
            request()
        request()
        assert conn.connection.info.backend_pid not in (before, after)
    finally:
        del conn.is_usable


def connection_to(conn):
    import psycopg

    db = conn.settings_dict
    return psycopg.connect(
        host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"], dbname=db["NAME"], autocommit=True
    )


@pytest.mark.postgres
@pytest.mark.django_db
def test_utc_timestamps_are_read_by_psycopgs_loader_with_the_same_values(on_postgres):
    """apps/common/postgresql/base.py: the same aware UTC datetimes as Django's own loader gives."""
    from datetime import UTC, datetime

    import psycopg
    from django.db.backends.postgresql.psycopg_any import register_tzloader
    from psycopg.pq import Format

    oid = psycopg.adapters.types["timestamptz"].oid
    sql = "SELECT %s::timestamptz, '2025-09-04 18:00:00.5+02'::timestamptz, NULL::timestamptz"
    value = datetime(2024, 2, 29, 23, 59, 59, 999999, tzinfo=UTC)
    with on_postgres.cursor() as cursor:
        assert cursor.cursor.adapters.get_loader(oid, Format.TEXT) is psycopg.adapters.get_loader(oid, Format.TEXT)
        cursor.execute(sql, [value])
        ours = cursor.fetchone()
    with on_postgres.cursor() as cursor:
        register_tzloader(UTC, cursor.cursor)  # Django's loader, as its backend registers it
        cursor.execute(sql, [value])
        djangos = cursor.fetchone()
    assert ours == djangos == (value, datetime(2025, 9, 4, 16, 0, 0, 500000, tzinfo=UTC), None)
    assert ours[0].tzinfo is UTC and ours[1].tzinfo is UTC
