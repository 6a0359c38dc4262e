"""Benchmark of the public read API on a large archive.

Creates a PostgreSQL database (default nr_bench), migrates it, fills it with COPY (100,000 verified
claims over 20,000 articles and 2,000 actors, plus 50,000 verified commitments), starts gunicorn
(2 workers) on a free loopback port with bench/settings.py, drives it with wrk (Debian package) at 32
connections for N seconds per endpoint, once per way of connecting to PostgreSQL (--db-conn: persistent
connections, psycopg's pool, a new connection per request), measures the same endpoints served naively
(no select_related, offset pagination: bench/naive.py), then the ceiling: each endpoint's own response
bytes from a static WSGI app (bench/static_wsgi.py) on the same gunicorn. It prints requests/s, p50/p99,
server CPU per request, the ratio to the static response and whether issue 12's target is met.

    .venv/bin/python bench/api.py               # 20 s per endpoint
    .venv/bin/python bench/api.py --quick       # 5 s per endpoint (CI)
    .venv/bin/python bench/api.py --keep-db     # leave nr_bench for another run (--reuse-db)
    .venv/bin/python bench/api.py --db-conn persistent,pool,none --db-name nr_mine   # all three, own database

Needs: PostgreSQL on 127.0.0.1:5432 (or --pg-url), wrk (apt-get install wrk).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import random
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.proc import cpu_seconds  # noqa: E402
from bench.report import capture  # noqa: E402

GOAL_P99_MS = 100.0
GOAL_STATIC_RATIO = 0.10  # issue 12: each page at least a tenth of the static response's req/s

N_OUTLETS = 50
N_ARTICLES = 20_000
N_ACTORS = 2_000
N_CLAIMS = 100_000
N_COMMITMENTS = 50_000
STANCES = ["committed", "conditional", "open", "undecided", "declined", "opposed"]
KINDS = ["quantitative", "attributed", "factual"]
WORDS = (
    "government minister said country will troops border peace talks agreement economy budget "
    "percent billion million euros dollars growth inflation election vote parliament coalition "
    "support defence security army forces alliance summit leaders president announced plan "
    "reform tax energy gas oil prices sanctions trade exports imports aid military training "
    "capital city region police court law report data record year month week increase fall"
).split()
RARE_WORD = "ceasefire"  # in about 1% of the claims: the search benchmark's term


def log(message: str) -> None:
    print(message, flush=True)


def pg_url(base: str, dbname: str) -> str:
    return base.rstrip("/") + "/" + dbname


# --- database ---------------------------------------------------------------------------------


def create_database(base_url: str, name: str) -> None:
    with psycopg.connect(pg_url(base_url, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(base_url: str, name: str) -> None:
    with psycopg.connect(pg_url(base_url, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database_filled(base_url: str, name: str) -> bool:
    try:
        with psycopg.connect(pg_url(base_url, name)) as conn:
            return conn.execute("SELECT count(*) FROM claims_claim").fetchone()[0] >= N_CLAIMS
    except psycopg.Error:
        return False


def migrate(env: dict) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True, timeout=300
    )


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def fill(url: str) -> dict:
    """COPY the archive in (ids start at 1 in the fresh database). Returns facts the endpoints need."""
    rng = random.Random(20250904)
    now = dt.datetime(2025, 9, 4, 12, 0, tzinfo=dt.UTC)
    start = time.perf_counter()
    review = ["machine", "verified", None, now, "", "{}", None, "bench", 1]
    review_cols = (
        "origin, review_status, reviewed_by_id, reviewed_at, review_note, machine_values, machine_candidate, "
        "extractor_version, version"
    )
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        with cur.copy("COPY articles_outlet (created_at, updated_at, name, domain) FROM STDIN") as copy:
            for i in range(N_OUTLETS):
                copy.write_row((now, now, f"Outlet {i}", f"outlet{i}.example.org"))
        body_words = 450  # about 3 KB of text per article: what a naive queryset drags along
        with cur.copy(
            "COPY articles_article (created_at, updated_at, title, outlet_id, url, published_at, language, body, "
            "body_sha256, source, source_name, status, failure_reason, extractor_version) FROM STDIN"
        ) as copy:
            for i in range(1, N_ARTICLES + 1):
                body = f"Article {i}. " + _sentence(rng, body_words)
                published = now - dt.timedelta(minutes=37 * i)
                copy.write_row(
                    (
                        now, now, _sentence(rng, 8)[:-1], rng.randint(1, N_OUTLETS), f"https://news.example.org/{i}",
                        published, "en", body, hashlib.sha256(body.encode()).hexdigest(), "text", "", "extracted",
                        "", "bench",
                    )
                )  # fmt: skip
        with cur.copy(
            "COPY actors_actor (created_at, updated_at, name, kind, country_code, description, wikidata_id, "
            "origin, version) FROM STDIN"
        ) as copy:
            for i in range(1, N_ACTORS + 1):
                copy.write_row((now, now, f"Actor {i}", "person", "", "", "", "machine", 1))
        with cur.copy(
            f'COPY claims_claim (created_at, updated_at, start, "end", machine_key, {review_cols}, article_id, text, '
            "kind, quantity_value, quantity_unit, quantity_qualifier, speaker_id, score) FROM STDIN"
        ) as copy:
            spans: dict[int, int] = {}
            for _ in range(N_CLAIMS):
                article = rng.randint(1, N_ARTICLES)
                n = spans[article] = spans.get(article, -1) + 1  # machine spans are unique per article
                text = _sentence(rng, 14)
                if rng.random() < 0.01:
                    text = text[:-1] + f" after the {RARE_WORD}."
                quantitative = rng.random() < 0.5
                copy.write_row(
                    (
                        now, now, n * 60, n * 60 + 50, f"{n * 60}-{n * 60 + 50}", *review, article, text,
                        "quantitative" if quantitative else rng.choice(KINDS[1:]),
                        rng.randint(1, 10_000) if quantitative else None, "percent" if quantitative else "", "",
                        rng.randint(1, N_ACTORS) if rng.random() < 0.9 else None, round(rng.random(), 3),
                    )
                )  # fmt: skip
        with cur.copy(
            f'COPY commitments_commitment (created_at, updated_at, start, "end", machine_key, {review_cols}, '
            "article_id, actor_id, stance, action, condition, stated_on) FROM STDIN"
        ) as copy:
            spans = {}
            for _ in range(N_COMMITMENTS):
                article = rng.randint(1, N_ARTICLES)
                n = spans[article] = spans.get(article, -1) + 1
                copy.write_row(
                    (
                        now, now, n * 60, n * 60 + 30, f"{n * 60}-{n * 60 + 30}", *review, article,
                        rng.randint(1, N_ACTORS), rng.choice(STANCES), _sentence(rng, 6), "",
                        (now - dt.timedelta(days=rng.randint(0, 900))).date(),
                    )
                )  # fmt: skip
        conn.commit()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    log(f"filled in {time.perf_counter() - start:.1f} s")
    return facts(url)


def facts(url: str) -> dict:
    with psycopg.connect(url) as conn:
        busiest = conn.execute(
            "SELECT actor_id, stance, count(*) FROM commitments_commitment GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1"
        ).fetchone()
        claim_id = conn.execute("SELECT id FROM claims_claim ORDER BY id OFFSET %s LIMIT 1", [N_CLAIMS // 2]).fetchone()
    return {"actor": busiest[0], "stance": busiest[1], "claim": claim_id[0]}


# --- server and load ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env: dict, port: int, workers: int, app: str = "newsroom.wsgi:application") -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", app, "--workers", str(workers),
            "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--backlog", "256",
        ],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip


@contextlib.contextmanager
def serving(env: dict, workers: int, app: str = "newsroom.wsgi:application"):
    """gunicorn on a free loopback port for the duration of the block; stopped by its own process group."""
    port = free_port()
    server = start_gunicorn(env, port, workers, app)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_ready(base)
        yield base, server
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=20)


def wait_ready(base: str, deadline_s: float = 60.0) -> None:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(base + "/api/v1/claims/?page_size=1", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer within 60 s")


def fetch(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return out


class CpuMeter:
    """CPU time spent by the server side (gunicorn master and workers, and the PostgreSQL backends of the
    benchmark database) and by the load generator, during one run: a figure the other programs sharing
    the machine disturb much less than requests per second."""

    def __init__(self, server_pid: int, db_url: str, db_name: str) -> None:
        self.server_pid, self.db_url, self.db_name = server_pid, db_url, db_name

    def _server_pids(self) -> list[int]:
        with psycopg.connect(self.db_url, autocommit=True) as conn:
            backends = [
                r[0]
                for r in conn.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [self.db_name]
                )
            ]
        return [self.server_pid, *_children(self.server_pid), *backends]

    def start(self) -> None:
        self.pids = self._server_pids()
        self.before = {pid: cpu_seconds(pid) for pid in self.pids}
        self.load_before = resource.getrusage(resource.RUSAGE_CHILDREN)

    def stop(self) -> tuple[float, float]:
        pids = set(self.pids) | set(self._server_pids())
        server = sum(cpu_seconds(pid) - self.before.get(pid, 0.0) for pid in pids)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        load = (after.ru_utime + after.ru_stime) - (self.load_before.ru_utime + self.load_before.ru_stime)
        return server, load


def run_wrk(url: str, seconds: int, connections: int, threads: int, meter: CpuMeter | None = None) -> dict:
    if meter:
        meter.start()
    result = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency", url],
        capture_output=True, text=True, timeout=seconds + 60, check=True,
    )  # fmt: skip
    server_cpu, load_cpu = meter.stop() if meter else (0.0, 0.0)
    out = result.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": rps,
        "p50": p50,
        "p99": p99,
        "requests": total,
        "server_cpu_ms": 1000 * server_cpu / total if total else 0.0,
        "load_cpu_ms": 1000 * load_cpu / total if total else 0.0,
        "non_2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(1) if errors else "",
    }


# --- main -----------------------------------------------------------------------------------------


def endpoints_for(info: dict) -> dict[str, tuple[str, bool]]:
    """Name -> (path, whether issue 12's target applies): the first page, a filtered page and a detail."""
    return {
        "claims, first page": ("/api/v1/claims/", True),
        "claims, one speaker": (f"/api/v1/claims/?speaker={info['actor']}", True),
        "claim detail": (f"/api/v1/claims/{info['claim']}/", True),
        "commitments, one actor and stance": (
            f"/api/v1/commitments/?actor={info['actor']}&stance={info['stance']}", False,
        ),
        "claims, search": (f"/api/v1/claims/?search={RARE_WORD}", False),
    }  # fmt: skip


def naive_path(path: str) -> str:
    return path.replace("/api/v1/", "/naive/v1/", 1)


def target_met(f: dict, static: dict) -> bool:
    return f["rps"] >= GOAL_STATIC_RATIO * static["rps"] and f["p99"] < GOAL_P99_MS


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=20, help="load duration per endpoint (default 20)")
    parser.add_argument("--quick", action="store_true", help="5 s per endpoint (CI)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (the API's and the static app's)")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--db-name", default=os.environ.get("BENCH_DB_NAME", "nr_bench"))
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database at the end")
    parser.add_argument("--reuse-db", action="store_true", help="reuse a filled database from --keep-db")
    parser.add_argument("--fill-only", action="store_true", help="create and fill the database, keep it, and stop")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--response-cache",
        type=int,
        default=5,
        metavar="SECONDS",
        help="also measure the first page with NEWSROOM_API_RESPONSE_CACHE_SECONDS=SECONDS (0: skip; default 5)",
    )
    parser.add_argument(
        "--db-conn",
        default="persistent,pool,none",
        metavar="MODES",
        help="comma-separated ways of connecting to PostgreSQL to measure, among persistent (CONN_MAX_AGE, the "
        "settings' default), pool (psycopg's pool, DATABASE_POOL=1) and none (a new connection per request); "
        "default all three",
    )
    parser.add_argument("--no-naive", action="store_true", help="skip the naive endpoints")
    args = parser.parse_args()
    seconds = 5 if args.quick else args.seconds
    if not shutil.which("wrk"):
        raise SystemExit("wrk not found: apt-get install -y wrk")
    modes = [m.strip() for m in args.db_conn.split(",") if m.strip()]
    for mode in modes:
        if mode not in ("none", "persistent", "pool"):
            raise SystemExit(f"--db-conn: unknown mode {mode!r} (none, persistent, pool)")

    url = pg_url(args.pg_url, args.db_name)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": url,
        "PYTHONPATH": str(ROOT),
        "DEBUG": "False",
        # The measured figures are without the optional response cache (measured apart below).
        "NEWSROOM_API_RESPONSE_CACHE_SECONDS": "0",
    }
    if args.reuse_db and database_filled(args.pg_url, args.db_name):
        log(f"reusing {args.db_name}")
        info = facts(url)
    else:
        log(f"creating {args.db_name} and migrating")
        create_database(args.pg_url, args.db_name)
        migrate(env)
        log(f"filling: {N_CLAIMS} claims, {N_ARTICLES} articles, {N_ACTORS} actors, {N_COMMITMENTS} commitments")
        info = fill(url)
    if args.fill_only:
        log(f"{args.db_name} is ready: {info}")
        return 0

    endpoints = endpoints_for(info)
    figures: dict[tuple[str, str], dict] = {}

    def measure(name: str, variant: str, target: str, meter: CpuMeter | None) -> None:
        run_wrk(target, 1, args.connections, args.threads)  # warm both workers up
        figures[(name, variant)] = f = run_wrk(target, seconds, args.connections, args.threads, meter)
        log(
            f"  {name:36} {variant:10} {f['rps']:8.1f} req/s  p50 {f['p50']:7.1f} ms  p99 {f['p99']:7.1f} ms"
            f"  server CPU {f['server_cpu_ms']:5.2f} ms/req  wrk CPU {f['load_cpu_ms']:4.2f} ms/req"
        )

    bodies: dict[str, str] = {}
    try:
        for i, mode in enumerate(modes):
            with serving({**env, "BENCH_DB_CONN": mode}, args.workers) as (base, server):
                if i == 0:
                    # Same answers both ways before measuring anything; keep the bytes for the static app.
                    for name, (path, _) in endpoints.items():
                        bodies[path] = urllib.request.urlopen(base + path, timeout=10).read().decode()
                        fast = json.loads(bodies[path])
                        if args.no_naive:
                            continue
                        naive = fetch(base + naive_path(path))
                        if "results" in fast:
                            assert fast["results"], f"{name}: empty page"
                            assert fast["results"] == naive["results"], f"{name}: naive and fast answers differ"
                        else:
                            assert fast == naive, f"{name}: naive and fast answers differ"
                meter = CpuMeter(server.pid, pg_url(args.pg_url, "postgres"), args.db_name)
                for name, (path, _) in endpoints.items():
                    measure(name, mode, base + path, meter)
                if i == 0 and not args.no_naive:
                    # Last on this server: a naive page takes long enough that requests still queued when
                    # wrk stops would be served during the next measurement.
                    for name, (path, _) in endpoints.items():
                        measure(name, "naive", base + naive_path(path), meter)
        # The ceiling: each endpoint's own bytes from a static WSGI app on the same gunicorn.
        static_file = ROOT / "artifacts" / "bench-static-responses.json"
        static_file.parent.mkdir(exist_ok=True)
        static_file.write_text(json.dumps(bodies), encoding="utf-8")
        with serving({**env, "BENCH_STATIC_FILE": str(static_file)}, args.workers, "bench.static_wsgi:application") as (
            base,
            server,
        ):
            meter = CpuMeter(server.pid, pg_url(args.pg_url, "postgres"), args.db_name)
            for name, (path, _) in endpoints.items():
                measure(name, "static", base + path, meter)
        if args.response_cache:
            # The first page with the optional shared response cache (a separate server: the setting comes
            # from the environment). Not part of the targets.
            cached_env = {**env, "NEWSROOM_API_RESPONSE_CACHE_SECONDS": str(args.response_cache)}
            with serving({**cached_env, "BENCH_DB_CONN": modes[0]}, args.workers) as (base, server):
                meter = CpuMeter(server.pid, pg_url(args.pg_url, "postgres"), args.db_name)
                measure("claims, first page", "cached", base + endpoints["claims, first page"][0], meter)
    finally:
        if not args.keep_db:
            drop_database(args.pg_url, args.db_name)

    log("")
    log(
        f"{seconds} s per endpoint, {args.connections} connections, gunicorn {args.workers} sync workers, "
        f"wrk {args.threads} threads, {os.cpu_count()} CPUs, {N_CLAIMS:,} verified claims, response cache off"
    )
    log(
        f"target (issue 12, the first three rows): >= {GOAL_STATIC_RATIO:.2f}x the static response's req/s and "
        f"p99 < {GOAL_P99_MS:.0f} ms; static = the same bytes from bench/static_wsgi.py on the same gunicorn"
    )
    header = (
        f"| {'endpoint':36} | {'connections':11} | req/s | p50 ms | p99 ms | CPU ms/req | static req/s "
        "| x static | target |"
    )
    log(header)
    log("|" + "|".join("-" * len(c) for c in header.split("|")[1:-1]) + "|")
    rows: dict[str, dict] = {}
    all_met = True
    for name, (_, targeted) in endpoints.items():
        static = figures[(name, "static")]
        for mode in modes:
            f = figures[(name, mode)]
            ratio = f["rps"] / static["rps"] if static["rps"] else 0.0
            met = target_met(f, static)
            if targeted and mode == modes[0]:
                all_met = all_met and met
            verdict = ("met" if met else "NOT met") if targeted else "-"
            rows[f"{name} [{mode}]"] = {
                **f,
                "static": static,
                "x_static": ratio,
                "target_met": met if targeted else None,
            }
            log(
                f"| {name:36} | {mode:11} | {f['rps']:5.0f} | {f['p50']:6.1f} | {f['p99']:6.1f} "
                f"| {f['server_cpu_ms']:10.2f} | {static['rps']:12.0f} | {ratio:8.3f} | {verdict:6} |"
            )
            if f["non_2xx"] or f["socket_errors"]:
                log(f"  ! {name} [{mode}]: {f['non_2xx']} non-2xx, socket errors: {f['socket_errors'] or 0}")
    log(
        "CPU ms/req: CPU time of gunicorn and of its PostgreSQL backends per request (wrk's own CPU not included);"
        f" {os.cpu_count()} dedicated cores would serve at most {os.cpu_count()} * 1000 / (CPU ms/req) req/s."
    )
    if not args.no_naive:
        log("")
        log(f"optimised [{modes[0]}] vs naive (no select_related/only, offset pagination with its COUNT):")
        header = (
            "| endpoint                             | req/s | naive req/s | CPU ms/req | naive CPU ms/req | CPU ratio |"
        )
        log(header)
        log("|" + "|".join("-" * len(c) for c in header.split("|")[1:-1]) + "|")
        for name in endpoints:
            fast, naive = figures[(name, modes[0])], figures[(name, "naive")]
            rows[f"{name} [naive]"] = naive
            if not naive["requests"]:  # every naive request outlasted wrk's timeout
                log(
                    f"| {name:36} | {fast['rps']:5.0f} | {0:11.0f} | {fast['server_cpu_ms']:10.2f} "
                    f"| {'-':>16} | {'-':>9} |"
                )
                continue
            cpu_ratio = naive["server_cpu_ms"] / fast["server_cpu_ms"] if fast["server_cpu_ms"] else 0.0
            log(
                f"| {name:36} | {fast['rps']:5.0f} | {naive['rps']:11.0f} | {fast['server_cpu_ms']:10.2f} "
                f"| {naive['server_cpu_ms']:16.2f} | {cpu_ratio:9.1f} |"
            )
    cached = figures.get(("claims, first page", "cached"))
    if cached:
        rows["claims, first page [response cache]"] = cached
        log(
            f"with the optional {args.response_cache} s response cache (not part of the target): first page "
            f"{cached['rps']:.0f} req/s, p50 {cached['p50']:.1f} ms, p99 {cached['p99']:.1f} ms, "
            f"{cached['server_cpu_ms']:.2f} CPU ms/req"
        )
    load = os.getloadavg()
    log(f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (other programs on the machine)")
    log(
        f"target for the first page, the filtered page and the detail [{modes[0]}]: "
        + ("met" if all_met else "NOT met")
    )
    if args.json:
        args.json.write_text(json.dumps({"seconds": seconds, "endpoints": rows, "target_met": all_met}, indent=2))
    return 0


if __name__ == "__main__":
    if "--fill-only" in sys.argv:
        os.environ["NEWSROOM_BENCH_NO_REPORT"] = "1"  # nothing measured: leave docs/benchmarks.md alone
    with capture("api", "Public API under load (bench/api.py)", argv=sys.argv):
        code = main()
    sys.exit(code)
