"""Settings of the API benchmark (bench/api.py): production-like (DEBUG off, JSON only, persistent
database connections) on a local PostgreSQL, plus the naive endpoints under /naive/v1/ used for the
comparison (bench/urls.py). Never used outside the benchmark."""

from newsroom.settings.base import *  # noqa: F403
from newsroom.settings.base import DATABASES, REST_FRAMEWORK, env, use_connection_pool

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.urls"
# BENCH_DB_CONN picks how the benchmark's server connects: "persistent" (CONN_MAX_AGE, the default), "pool"
# (psycopg's pool) or "none" (a new connection per request, as the settings were before).
BENCH_DB_CONN = env("BENCH_DB_CONN", default="persistent")
DATABASES["default"]["CONN_MAX_AGE"] = 600 if BENCH_DB_CONN == "persistent" else 0
if BENCH_DB_CONN == "pool":
    use_connection_pool(DATABASES["default"], min_size=2, max_size=4)
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}
# One load generator on one address would be throttled at once: the benchmark measures the API, not 429s.
NEWSROOM_API_ANON_RATE = ""
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
# Server-side parameter binding lets psycopg prepare the statements a page repeats on every request,
# which saves PostgreSQL planning the joins again each time.
DATABASES["default"].setdefault("OPTIONS", {}).update({"server_side_binding": True, "prepare_threshold": 2})
