"""CPU per request of the public API's pages in one process, without a server or a load generator.

Calls the WSGI application directly (bench/settings.py) on a database filled by
``bench/api.py --fill-only --db-name NAME``, and prints per page: the Python CPU time of a request (best of
7 rounds of N calls, ``time.process_time()``), the CPU time of the PostgreSQL backend serving this process's
connection over the same rounds (from /proc, so only with a local server), and the number of Python function
calls per request (cProfile), which does not depend on the machine's load.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nr_bench .venv/bin/python bench/api_cpu.py
    ... bench/api_cpu.py --profile          # also cProfile's top functions per page (--sort tottime)
    ... bench/api_cpu.py --pages speaker,detail
    ... bench/api_cpu.py --dump pages.json  # the pages' status, headers and bodies (to compare two versions)
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.proc import cpu_seconds  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=100, help="calls per round")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sort", default="cumulative", help="cProfile order with --profile (e.g. tottime)")
    parser.add_argument("--dump")
    parser.add_argument("--pages", help="run only the pages whose name contains one of these comma-separated words")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection

    app = WSGIHandler()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT speaker_id FROM claims_claim WHERE speaker_id IS NOT NULL"
            " AND review_status IN ('verified', 'corrected') GROUP BY speaker_id ORDER BY count(*) DESC LIMIT 1"
        )
        actor = cursor.fetchone()[0]
        cursor.execute("SELECT max(id) FROM claims_claim WHERE review_status IN ('verified', 'corrected')")
        claim = cursor.fetchone()[0]
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    pages = {
        "claims, first page": "/api/v1/claims/",
        "claims, one speaker": f"/api/v1/claims/?speaker={actor}",
        "claim detail": f"/api/v1/claims/{claim}/",
    }

    def call(url: str):
        path, _, query = url.partition("?")
        environ = {
            "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000", "HTTP_HOST": "127.0.0.1:8000", "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr, "REMOTE_ADDR": "127.0.0.1", "HTTP_ACCEPT": "*/*",
        }  # fmt: skip
        answer = {}

        def start_response(status, headers, exc_info=None):
            answer.update(status=status, headers=sorted(headers))

        answer["body"] = b"".join(app(environ, start_response)).decode()
        return answer

    if args.dump:
        Path(args.dump).write_text(json.dumps({name: call(url) for name, url in pages.items()}, indent=1))
        return
    words = [word.strip() for word in args.pages.split(",")] if args.pages else [""]
    for name in [page for page in pages if any(word in page for word in words)]:
        url = pages[name]
        for _ in range(30):
            call(url)
        rounds = []
        backend_start = cpu_seconds(backend)
        for _ in range(7):
            start = time.process_time()
            for _ in range(args.n):
                call(url)
            rounds.append((time.process_time() - start) / args.n * 1000)
        backend_ms = (cpu_seconds(backend) - backend_start) / (7 * args.n) * 1000
        # The persistent connection must be the one measured: a reconnect would hide the backend's CPU.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            if cursor.fetchone()[0] != backend:
                raise SystemExit("the database connection changed during the rounds")
        profile = cProfile.Profile(time.process_time)
        profile.enable()
        for _ in range(args.n):
            call(url)
        profile.disable()
        stats = pstats.Stats(profile)
        calls = stats.total_calls / args.n  # type: ignore[attr-defined]
        print(
            f"{name}: {min(rounds):.2f} ms CPU (median {sorted(rounds)[3]:.2f}),"
            f" PostgreSQL backend {backend_ms:.2f} ms,"
            f" {calls:,.0f} function calls"
        )
        if args.profile:
            stats.sort_stats(args.sort).print_stats(40)


if __name__ == "__main__":
    main()
