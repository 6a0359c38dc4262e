"""Real parts for the fault tests: a private redis-server on a free port (stopped and restarted at will,
without persistence), `celery -A newsroom worker -B` processes (killed with SIGKILL at will), and the
PostgreSQL test database (made to refuse connections). The shared Redis and other databases are never touched.

The workers run with short intervals (reconciler every 2 s, grace 4 s, hard time limit 30 s, retries 1-4 s)
so that recovery happens within seconds; docs/operations.md#faults gives the production values."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, WORKER_START_TIMEOUT, _forget_celery_connections, skip_or_fail

FAULT_SETTINGS = {
    "NEWSROOM_RECONCILE_INTERVAL": "2",
    "NEWSROOM_RECONCILE_GRACE": "4",
    "NEWSROOM_TASK_TIME_LIMIT": "30",
    "NEWSROOM_TASK_SOFT_TIME_LIMIT": "25",
    "NEWSROOM_STUCK_MARGIN": "2",
    "NEWSROOM_RETRY_BASE_SECONDS": "1",
    "NEWSROOM_RETRY_MAX_SECONDS": "4",
    "NEWSROOM_RETRY_ATTEMPTS": "40",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OwnRedis:
    """A redis-server of our own: no RDB snapshots, no AOF, so a restart loses every queued message."""

    def __init__(self, tmp: Path):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.tmp = tmp
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        cmd = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        cmd += ["--dir", str(self.tmp)]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        import redis

        deadline = time.monotonic() + 20
        while True:
            try:
                redis.Redis(port=self.port, socket_connect_timeout=1).ping()
                return
            except redis.RedisError:
                if time.monotonic() > deadline:
                    pytest.fail("our redis-server did not start")
                time.sleep(0.1)

    def stop(self) -> None:
        """Gone at once, as a crashed or restarted server: SIGKILL, nothing saved."""
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.proc = None


class Worker:
    """`celery -A newsroom worker -B` in its own process group (so SIGKILL reaches the pool children too)."""

    def __init__(self, env: dict[str, str], log: Path, name: str):
        self.env, self.log, self.name = env, log, name
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        schedule = self.log.with_suffix(".beat")
        cmd = [sys.executable, "-m", "celery", "-A", "newsroom", "worker", "-B", "-s", str(schedule)]
        cmd += ["--concurrency", "2", "--loglevel", "INFO", "--without-gossip", "--without-mingle"]
        cmd += ["--without-heartbeat", "-n", f"{self.name}@%h"]
        offset = self.log.stat().st_size if self.log.exists() else 0
        with open(self.log, "ab") as out:
            self.proc = subprocess.Popen(
                cmd, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + WORKER_START_TIMEOUT
        while b" ready." not in self.log.read_bytes()[offset:]:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the worker did not start:\n{self.log.read_text()[-3000:]}")
            time.sleep(0.3)

    def kill9(self) -> None:
        assert self.proc is not None
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)
        self.proc = None

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        self.proc = None


class Faults:
    """What a fault test needs: our Redis, a way to start workers on it, this process sending to it."""

    def __init__(self, tmp: Path, db_url: str, db_name: str):
        self.redis = OwnRedis(tmp)
        self.tmp, self.db_name = tmp, db_name
        self.env = {**os.environ, **FAULT_SETTINGS, "DATABASE_URL": db_url, "CELERY_BROKER_URL": self.redis.url}
        self.env["DJANGO_SETTINGS_MODULE"] = "newsroom.settings.test"
        self.env.pop("CELERY_TASK_DEFAULT_QUEUE", None)  # our own Redis: the default queue is ours alone
        self.workers: list[Worker] = []
        self.log = tmp / "workers.log"

    def worker(self) -> Worker:
        w = Worker(self.env, self.log, f"faults{len(self.workers)}-{os.getpid()}")
        self.workers.append(w)
        w.start()
        return w

    def logs(self) -> str:
        return self.log.read_text(errors="replace")[-4000:] if self.log.exists() else ""


@pytest.fixture
def faults(on_postgres, tmp_path):
    if not shutil.which("redis-server"):
        skip_or_fail("redis-server is not installed (the fault tests start their own)")
    from django.db import connection

    from newsroom.celery import app

    db = connection.settings_dict
    db_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    kit = Faults(tmp_path, db_url, db["NAME"])
    keys = ("CELERY_TASK_ALWAYS_EAGER", "CELERY_BROKER_URL", "CELERY_TASK_DEFAULT_QUEUE")
    saved = dict(zip(keys, (app.conf.task_always_eager, app.conf.broker_url, app.conf.task_default_queue)))
    app.conf.update(dict(zip(keys, (False, kit.redis.url, "celery"))))
    _forget_celery_connections(app)
    try:
        yield kit
    finally:
        for w in kit.workers:
            w.stop()
        kit.redis.stop()
        app.conf.update(saved)
        _forget_celery_connections(app)
