"""How the app connects to its database: persistent connections by default, psycopg's pool on request."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

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
