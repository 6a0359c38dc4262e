"""Shared fixtures. Services that may be absent (PostgreSQL, Redis, Chromium) are skipped with a plain
message, unless NEWSROOM_REQUIRE_SERVICES=1 (set by .ci/run), which turns such skips into failures."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

REQUIRE_SERVICES = os.environ.get("NEWSROOM_REQUIRE_SERVICES") == "1"


def skip_or_fail(reason: str) -> None:
    if REQUIRE_SERVICES:
        pytest.fail(f"required service missing: {reason}")
    pytest.skip(reason)


@pytest.fixture
def on_postgres(settings):
    from django.db import connection

    if connection.vendor != "postgresql":
        skip_or_fail("PostgreSQL is not the test database (set DATABASE_URL)")
    return connection


@pytest.fixture
def editor_user(db):
    from tests.factories import UserFactory

    return UserFactory(username="editor")


CHROMIUM = os.environ.get("NEWSROOM_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "artifacts")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never Playwright's own browser download)."""
    if not os.path.exists(CHROMIUM):
        skip_or_fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the test itself
    # are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def screenshot_dir():
    path = os.path.join(ARTIFACTS_DIR, "screenshots")
    os.makedirs(path, exist_ok=True)
    return path


# --- a real Celery worker on Redis, against the PostgreSQL test database ----------------------------

ROOT = Path(__file__).resolve().parents[1]
# How long a worker may take to print "ready" (it loads the spaCy model first). A few seconds on a quiet
# machine; generous because the suite runs on every core (pytest-xdist), two workers may start at once, and
# a shared machine can be far busier than that.
WORKER_START_TIMEOUT = 240
# Queues of this test session only (the default one, extraction's and tracking's, as in settings'
# CELERY_TASK_ROUTES); the worker consumes all three and sends its own follow-up tasks to them.
WORKER_QUEUE = f"newsroom-test-{uuid.uuid4().hex[:8]}"
EXTRACT_QUEUE = f"{WORKER_QUEUE}-extract"
TRACK_QUEUE = f"{WORKER_QUEUE}-track"


def task_routes() -> dict:
    return {
        "apps.extraction.tasks.*": {"queue": EXTRACT_QUEUE},
        "apps.tracking.tasks.*": {"queue": TRACK_QUEUE},
    }


def _forget_celery_connections(app) -> None:
    """Celery caches its queues, router and producer pool on first use (an eager test earlier in the
    session caches the default queue and no broker): drop them so they are rebuilt from the current conf."""
    app.__dict__.pop("amqp", None)
    app._pool = None  # kombu keeps the connection pools themselves, per broker URL


@pytest.fixture
def worker(on_postgres, tmp_path):
    """Start `celery -A newsroom worker` on a private queue; this process sends to it. Yields (process, log)."""
    from django.db import connection

    broker = os.environ.get("NEWSROOM_TEST_BROKER_URL", "")
    if not broker:
        skip_or_fail("no Redis broker for the worker tests (NEWSROOM_TEST_BROKER_URL is not set)")
    import redis

    try:
        redis.Redis.from_url(broker, socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        skip_or_fail(f"Redis does not answer at {broker}: {exc}")

    db = connection.settings_dict
    db_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    log = tmp_path / "worker.log"
    env = {**os.environ, "DATABASE_URL": db_url, "CELERY_BROKER_URL": broker, "CELERY_TASK_DEFAULT_QUEUE": WORKER_QUEUE}
    env.update({"NEWSROOM_EXTRACT_QUEUE": EXTRACT_QUEUE, "NEWSROOM_TRACK_QUEUE": TRACK_QUEUE})
    env["DJANGO_SETTINGS_MODULE"] = "newsroom.settings.test"
    queues = ",".join((EXTRACT_QUEUE, TRACK_QUEUE, WORKER_QUEUE))
    cmd = [sys.executable, "-m", "celery", "-A", "newsroom", "worker", "-Q", queues, "--concurrency", "2"]
    cmd += ["--loglevel", "INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"]
    cmd += ["-n", f"{WORKER_QUEUE}@%h"]
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    from newsroom.celery import app

    # Namespaced keys, as newsroom/celery.py reads Django settings with the CELERY_ namespace.
    keys = ("CELERY_TASK_ALWAYS_EAGER", "CELERY_BROKER_URL", "CELERY_TASK_DEFAULT_QUEUE", "CELERY_TASK_ROUTES")
    current = (app.conf.task_always_eager, app.conf.broker_url, app.conf.task_default_queue, app.conf.task_routes)
    saved = dict(zip(keys, current))
    app.conf.update(dict(zip(keys, (False, broker, WORKER_QUEUE, task_routes()))))
    _forget_celery_connections(app)
    try:
        deadline = time.monotonic() + WORKER_START_TIMEOUT
        while b" ready." not in log.read_bytes():
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the worker did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.3)
        yield proc, log
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        app.conf.update(saved)
        _forget_celery_connections(app)


@pytest.fixture
def folder_broker_worker(on_postgres, tmp_path):
    """The embedded default's background worker: Celery on kombu's filesystem transport (no broker server),
    as `manage.py serve` runs it, against the PostgreSQL test database (the SQLite test database lives in
    memory, where no other process can reach it). This process publishes to the folder at once; the worker
    starts when the test calls the returned function. Yields start() -> (process, log)."""
    from django.db import connection

    from newsroom.celery import app

    folder = tmp_path / "broker"
    folder.mkdir()
    options = {"data_folder_in": str(folder), "data_folder_out": str(folder), "store_processed": False}
    options["control_folder"] = str(folder / "control")
    db = connection.settings_dict
    db_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": db_url, "CELERY_BROKER_URL": "filesystem://"}
    env["NEWSROOM_BROKER_DIR"] = str(folder)
    env["DJANGO_SETTINGS_MODULE"] = "newsroom.settings.test"
    env.pop("CELERY_TASK_DEFAULT_QUEUE", None)
    # Namespaced keys, as newsroom/celery.py reads Django settings with the CELERY_ namespace.
    keys = (
        "CELERY_TASK_ALWAYS_EAGER",
        "CELERY_BROKER_URL",
        "CELERY_BROKER_TRANSPORT_OPTIONS",
        "CELERY_TASK_DEFAULT_QUEUE",
    )
    saved = dict(
        zip(
            keys,
            (
                app.conf.task_always_eager,
                app.conf.broker_url,
                app.conf.broker_transport_options,
                app.conf.task_default_queue,
            ),
        )
    )
    app.conf.update(dict(zip(keys, (False, "filesystem://", options, "celery"))))
    _forget_celery_connections(app)
    log = tmp_path / "worker.log"
    procs: list[subprocess.Popen] = []

    def start():
        cmd = [sys.executable, "-m", "celery", "-A", "newsroom", "worker", "--beat", "--pool", "solo"]
        cmd += ["--schedule", str(tmp_path / "beat-schedule"), "--loglevel", "INFO"]
        cmd += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        with open(log, "wb") as out:
            procs.append(subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT))
        deadline = time.monotonic() + WORKER_START_TIMEOUT
        while b" ready." not in log.read_bytes():
            if procs[0].poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the worker did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.3)
        return procs[0], log

    try:
        yield start
    finally:
        for proc in procs:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        app.conf.update(saved)
        _forget_celery_connections(app)


def wait_for(condition, log, *, timeout=180, what="the worker"):
    """Poll ``condition()`` until it returns a truthy value; fail with the worker's log otherwise."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.5)
    pytest.fail(f"{what} did not finish within {timeout} s\n{log.read_text()[-3000:]}")
