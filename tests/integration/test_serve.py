"""`manage.py serve` (what `make run` starts): runserver and a Celery worker on the folder broker, with no
broker server; an article ingested meanwhile is extracted in the background; SIGTERM stops both.

Runs real processes against their own SQLite file (not the test database)."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import WORKER_START_TIMEOUT

ROOT = Path(__file__).resolve().parents[2]
# own_database: the same run whatever DATABASE_URL says, so scripts/test-suite.sh runs it in the SQLite pass
# only (it used to take about a minute of the PostgreSQL pass too, for the same answer).
pytestmark = [pytest.mark.slow, pytest.mark.own_database]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True).stdout.strip()
    return bool(state) and not state.startswith("Z")


def test_serve_runs_the_site_and_a_background_worker_and_stops_both(tmp_path):
    db = tmp_path / "serve.sqlite3"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CELERY_BROKER_URL")}
    env.update(
        DATABASE_URL=f"sqlite:///{db}",
        NEWSROOM_BROKER_DIR=str(tmp_path / "broker"),
        DJANGO_SETTINGS_MODULE="newsroom.settings.base",
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
    port = _free_port()
    serve = subprocess.Popen(
        [*manage, "serve", f"127.0.0.1:{port}", "--noreload", "--state-dir", str(tmp_path / "var")],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + WORKER_START_TIMEOUT
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/login/", timeout=2)
                break
            except OSError:
                assert serve.poll() is None and time.monotonic() < deadline, "serve did not come up"
                time.sleep(0.5)
        # Another process queues an article on the same folder broker; nothing extracts it in-process.
        ingest_env = {**env, "CELERY_BROKER_URL": "filesystem://"}
        text = b"Ministers from 14 countries agreed on Monday to put $4 billion into a new climate fund."
        subprocess.run([*manage, "ingest", "-", "--title", "Fund"], input=text, env=ingest_env, cwd=ROOT, check=True)
        deadline = time.monotonic() + WORKER_START_TIMEOUT  # its worker loads the model first
        status = ""
        while time.monotonic() < deadline:
            with sqlite3.connect(db) as conn:
                status = conn.execute("select status from articles_article where title = 'Fund'").fetchone()[0]
            if status in ("extracted", "failed"):
                break
            time.sleep(1)
        assert status == "extracted", (tmp_path / "var" / "worker.log").read_text()[-2000:]
        children = _children(serve.pid)
        assert len(children) == 2  # the worker and runserver
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=60)
    time.sleep(1)
    assert not [pid for pid in children if _alive(pid)], "a child outlived serve"
