#!/usr/bin/env bash
# The whole test suite, as `make test` runs it:
#   1. lint (ruff), import contracts (import-linter, .importlinter), types (mypy), migrations up to date,
#      OpenAPI schema without warnings
#   2. pytest on SQLite (the embedded default)
#   3. pytest on PostgreSQL with a real Celery worker on Redis, when both answer (all but tests/engine and
#      the tests marked own_database, which use no test database)
#   4. the extractor's figures on the seed gold, when ../shared exists
#   5. the extractor's figures on the dev/test corpora, seeds and older articles against the floors in
#      eval/thresholds.json (bench/eval.py), when ../shared exists
#      (4 and 5 run in the background during 3; their output is printed after it)
# Services that are missing are skipped with a plain message; NEWSROOM_REQUIRE_SERVICES=1 (set by .ci/run)
# turns every such skip into a failure.
#
# Both pytest passes run on every core with pytest-xdist (NEWSROOM_TEST_WORKERS, default `auto`: one worker
# process per core). Each worker has its own test database (pytest-django adds _gw0, _gw1 ... to the name),
# its own Celery queues, live server port and Chromium. NEWSROOM_TEST_WORKERS=0 runs each pass in this one
# process, in file order, as plain pytest does (for debugging; `pdb` and `-s` work there).
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PG_URL=${NEWSROOM_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/newsroom}
REDIS_URL=${NEWSROOM_TEST_REDIS_URL:-redis://127.0.0.1:6379/15}
REQUIRE=${NEWSROOM_REQUIRE_SERVICES:-0}
WORKERS=${NEWSROOM_TEST_WORKERS:-auto}
status=0
skipped=()

step() { printf '\n==> %s\n' "$*"; }
fail() { echo "FAILED: $*"; status=1; }

# pytest-xdist's options, or none when running serially (or when the venv predates it: then say so).
parallel=()
if [ "$WORKERS" != 0 ]; then
  if $PY -c "import xdist" 2>/dev/null; then
    # worksteal: a worker that runs out of tests takes half of the other's queue, so one long test
    # (the fault and worker tests take up to a minute) does not leave a core idle at the end.
    parallel=(-n "$WORKERS" --dist worksteal)
  else
    echo "pytest-xdist is not installed (make install-dev): the passes run serially"
  fi
fi

step "ruff"
.venv/bin/ruff check . || fail "ruff"

step "import contracts (.importlinter)"
.venv/bin/lint-imports --no-cache || fail "lint-imports"

step "types (mypy over apps/ and newsroom/)"
.venv/bin/mypy || fail "mypy"

step "migrations are up to date"
env -u DATABASE_URL $PY manage.py makemigrations --check --dry-run || fail "makemigrations --check"

step "pytest on SQLite (tests marked postgres run in the PostgreSQL pass)"
env -u DATABASE_URL -u CELERY_BROKER_URL $PY -m pytest -q -p no:cacheprovider "${parallel[@]}" -m "not postgres" "$@"
rc=$?; [ $rc -eq 0 ] || fail "pytest on SQLite (exit $rc)"

pg_ok=0; redis_ok=0
$PY - "$PG_URL" <<'PYEOF' && pg_ok=1
import sys, psycopg, environ
cfg = environ.Env.db_url_config(sys.argv[1])
psycopg.connect(host=cfg["HOST"], port=cfg["PORT"] or 5432, user=cfg["USER"], dbname="postgres", connect_timeout=3).close()
PYEOF
$PY - "$REDIS_URL" <<'PYEOF' && redis_ok=1
import sys, redis
redis.Redis.from_url(sys.argv[1], socket_connect_timeout=3).ping()
PYEOF

# Steps 4 and 5 (single processes, about a minute of CPU) start now, in the background, with their output
# kept aside and printed after the PostgreSQL pass: that pass spends much of its time waiting (for Celery
# workers to start, for a killed worker's time limit, for an outage to end), which they fill.
figures=""; figures_pids=()
if [ -x ../shared/eval/run_seeds.sh ]; then
  figures=$(mktemp -d)
  (../shared/eval/run_seeds.sh --quiet --cmd "$PY manage.py extract --format json" >"$figures/seeds.log" 2>&1
   echo $? >"$figures/seeds.rc") &
  figures_pids+=($!)
  (env -u DATABASE_URL $PY bench/eval.py --no-baseline --min-file eval/thresholds.json >"$figures/eval.log" 2>&1
   echo $? >"$figures/eval.rc") &
  figures_pids+=($!)
fi

if [ $pg_ok = 1 ]; then
  if [ $redis_ok = 1 ]; then
    step "pytest on PostgreSQL, with a real Celery worker on Redis"
    broker=$REDIS_URL
  else
    step "pytest on PostgreSQL (Redis is not answering at $REDIS_URL: worker tests skipped)"
    skipped+=("Celery worker integration tests (no Redis at $REDIS_URL)")
    broker=""
  fi
  # tests/engine is left out here: the engine imports no Django (an import contract), so its ~1,500 tests
  # give the same answers on every database and already ran in the SQLite pass. So are the tests marked
  # own_database, which make and use a database of their own whatever DATABASE_URL says.
  DATABASE_URL=$PG_URL NEWSROOM_TEST_BROKER_URL=$broker env -u CELERY_BROKER_URL \
    $PY -m pytest -q -p no:cacheprovider "${parallel[@]}" --ignore=tests/engine -m "not own_database" "$@"
  rc=$?; [ $rc -eq 0 ] || fail "pytest on PostgreSQL (exit $rc)"
else
  skipped+=("the whole suite on PostgreSQL, and the worker tests (no PostgreSQL at $PG_URL)")
fi

if [ -n "$figures" ]; then
  wait "${figures_pids[@]}"
  step "extractor on the seed gold (../shared/eval/run_seeds.sh)"
  cat "$figures/seeds.log"; [ "$(cat "$figures/seeds.rc")" = 0 ] || fail "seed scorer"
  step "extractor on the evaluation corpora, against the recorded floors (bench/eval.py)"
  cat "$figures/eval.log"; [ "$(cat "$figures/eval.rc")" = 0 ] || fail "evaluation floors"
  rm -rf "$figures"
fi

if [ ${#skipped[@]} -gt 0 ]; then
  step "SKIPPED (services missing on this machine)"
  printf '  - %s\n' "${skipped[@]}"
  if [ "$REQUIRE" = 1 ]; then fail "services required by NEWSROOM_REQUIRE_SERVICES=1 are missing"; fi
fi
[ $status -eq 0 ] && step "all green" || step "FAILURES above"
exit $status
