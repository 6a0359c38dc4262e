"""The production settings module refuses unsafe values and passes `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k7#Qz9!vR2@pL5$wX8^mN3&bT6*cY1(hJ4)dF0_gS-eA+uK=iO"


def run_manage(*args, env_extra):
    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the shared Playwright fixture for the browser tests.
    drop = ("SECRET_KEY", "DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "ALLOWED_HOSTS")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update({"DJANGO_SETTINGS_MODULE": "newsroom.settings.production", **env_extra})
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)


def test_production_refuses_to_start_without_a_real_secret_key():
    proc = run_manage("check", env_extra={})
    assert proc.returncode != 0
    assert "SECRET_KEY must be set" in proc.stderr


def test_production_refuses_a_short_secret_key():
    proc = run_manage("check", env_extra={"SECRET_KEY": "short"})
    assert proc.returncode != 0
    assert "SECRET_KEY" in proc.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    proc = run_manage("check", env_extra={"SECRET_KEY": GOOD_KEY})
    assert proc.returncode != 0
    assert "ALLOWED_HOSTS must be set" in proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith("django.core.exceptions.ImproperlyConfigured")


def test_production_passes_check_deploy_without_warnings():
    proc = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "facts.example.org"},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no issues" in proc.stdout
