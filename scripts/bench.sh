#!/usr/bin/env bash
# Every benchmark under bench/, each printing its figures next to its baseline.
#   scripts/bench.sh          full runs (several minutes)
#   scripts/bench.sh --quick  the short runs CI makes
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PG=${NEWSROOM_BENCH_PG:-postgres://postgres@127.0.0.1:5432}
# bench/pipeline.py's broker: NEWSROOM_BENCH_BROKER (default redis://127.0.0.1:6379/7); its queues are private to the run.
quick=0; [ "${1:-}" = "--quick" ] && quick=1
status=0
run() { printf '\n==> %s\n' "$*"; "$@" || { echo "FAILED: $*"; status=1; }; }

if [ $quick = 1 ]; then
  run $PY bench/extract.py --quick
  run $PY bench/matching.py
  run env DATABASE_URL="$PG/nr_bench_admin" $PY bench/admin.py --claims 20000
  run $PY bench/api.py --quick --pg-url "$PG"
  run $PY bench/pipeline.py --quick --pg-url "$PG"
else
  run $PY bench/extract.py
  run $PY bench/matching.py
  run env DATABASE_URL="$PG/nr_bench_admin" $PY bench/admin.py --claims 100000
  run $PY bench/api.py --pg-url "$PG"
  run $PY bench/pipeline.py --pg-url "$PG"
  run $PY bench/pipeline.py --pg-url "$PG" --stored 10000
fi
exit $status
