"""manage.py serve [ADDRPORT]: the web server and a background Celery worker, started and stopped together.

What `make run` starts. Without a broker configured, the worker and the web server share kombu's
filesystem transport (a folder of message files under var/broker), so the admin's add returns at once
and extraction runs in the background with no broker server to install. `--beat` runs the periodic
tasks (CELERY_BEAT_SCHEDULE) in the same worker. Production runs its own worker and beat; this command
is for one machine.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

FOLDER_BROKER = "filesystem://"


def _stop(proc: subprocess.Popen, timeout: float = 20) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = "Serve the site and run the pipeline's tasks in a background worker (Ctrl-C stops both)."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--noreload", action="store_true", help="runserver without its auto-reloader")
        parser.add_argument(
            "--state-dir",
            default=str(Path(settings.BASE_DIR) / "var"),
            help="where the worker's log, beat's schedule and (unless NEWSROOM_BROKER_DIR says) the broker folder go",
        )

    def handle(self, *args, addrport, noreload, state_dir, **opts):
        var = Path(state_dir)
        var.mkdir(parents=True, exist_ok=True)
        env = {**os.environ}
        # Both processes must read the same broker: the worker and runserver are started with it.
        if not env.get("CELERY_BROKER_URL"):
            env["CELERY_BROKER_URL"] = FOLDER_BROKER
            env.setdefault("NEWSROOM_BROKER_DIR", str(var / "broker"))
        log_path = var / "worker.log"
        # One task at a time (solo pool): the embedded SQLite database takes one writer at a time anyway.
        worker_cmd = [sys.executable, "-m", "celery", "-A", "newsroom", "worker", "--beat", "--pool", "solo"]
        worker_cmd += ["--schedule", str(var / "celerybeat-schedule"), "--loglevel", "INFO"]
        worker_cmd += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        web_cmd = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "runserver", addrport]
        if noreload:
            web_cmd.append("--noreload")
        self.stdout.write(f"background worker: {env['CELERY_BROKER_URL']} broker, log in {log_path}")
        # A SIGTERM to this process stops both children too, as Ctrl-C does.
        signal.signal(signal.SIGTERM, _interrupt)
        with open(log_path, "ab") as log:
            worker = subprocess.Popen(worker_cmd, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
            web = subprocess.Popen(web_cmd, cwd=settings.BASE_DIR, env=env)
            try:
                while worker.poll() is None and web.poll() is None:
                    time.sleep(0.5)
                if worker.returncode is not None:
                    self.stderr.write(f"the background worker stopped (exit {worker.returncode}); see {log_path}")
            except KeyboardInterrupt:
                pass
            finally:
                _stop(web)
                _stop(worker)
        return None
