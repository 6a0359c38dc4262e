"""Benchmark of the public read API on a large archive.

Creates a PostgreSQL database (default nr_bench), migrates it, fills it with COPY (100,000 verified
claims over 20,000 articles and 2,000 actors, plus 50,000 verified commitments), starts gunicorn
(2 workers) on a free loopback port with bench/settings.py, drives it with wrk (Debian package) at 32
connections for N seconds per endpoint, then measures the same endpoints served naively (no
select_related, offset pagination: bench/naive.py) and prints requests/s, p50/p99 and the ratios.

    .venv/bin/python bench/api.py               # 20 s per endpoint
    .venv/bin/python bench/api.py --quick       # 5 s per endpoint (CI)
    .venv/bin/python bench/api.py --keep-db     # leave nr_bench for another run (--reuse-db)

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

from bench.report import capture  # noqa: E402

GOAL_P99_MS = 100.0
GOAL_RPS = 400.0

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


_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICK


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
        self.before = {pid: _cpu_seconds(pid) for pid in self.pids}
        self.load_before = resource.getrusage(resource.RUSAGE_CHILDREN)

    def stop(self) -> tuple[float, float]:
        pids = set(self.pids) | set(self._server_pids())
        server = sum(_cpu_seconds(pid) - self.before.get(pid, 0.0) for pid in pids)
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


def compare_connections(args, env: dict, info: dict, seconds: int, modes: list[str]) -> int:
    """The API pages with each way of connecting (BENCH_DB_CONN), the response cache off, beside the ceiling:
    the same first-page bytes from a static WSGI app on the same gunicorn."""
    endpoints = {
        "claims, first page": "/api/v1/claims/",
        "claims, one speaker": f"/api/v1/claims/?speaker={info['actor']}",
        "claim detail": f"/api/v1/claims/{info['claim']}/",
    }
    env = {**env, "NEWSROOM_API_RESPONSE_CACHE_SECONDS": "0"}
    rows: dict[str, dict] = {}
    for mode in modes:
        if mode not in ("none", "persistent", "pool"):
            raise SystemExit(f"--db-conn: unknown mode {mode!r} (none, persistent, pool)")
        with serving({**env, "BENCH_DB_CONN": mode}, args.workers) as (base, server):
            first_page = urllib.request.urlopen(base + endpoints["claims, first page"], timeout=10).read()
            meter = CpuMeter(server.pid, pg_url(args.pg_url, "postgres"), args.db_name)
            for name, path in endpoints.items():
                run_wrk(base + path, 1, args.connections, args.threads)  # warm up
                rows[f"{name} [{mode}]"] = f = run_wrk(base + path, seconds, args.connections, args.threads, meter)
                log(f"  {name:22} {mode:10} {f['rps']:8.1f} req/s  p50 {f['p50']:6.1f} ms  p99 {f['p99']:6.1f} ms")
    static = ROOT / "artifacts" / "bench-static-first-page.json"
    static.parent.mkdir(exist_ok=True)
    static.write_bytes(first_page)
    with serving({**env, "BENCH_STATIC_FILE": str(static)}, args.workers, "bench.static_wsgi:application") as (
        base,
        server,
    ):
        run_wrk(base + "/", 1, args.connections, args.threads)
        ceiling = run_wrk(base + "/", seconds, args.connections, args.threads)
    log("")
    log(
        f"{seconds} s per endpoint, {args.connections} connections, gunicorn {args.workers} workers, "
        f"{os.cpu_count()} CPUs, {info.get('claims', N_CLAIMS)} claims, response cache off"
    )
    log(f"| {'endpoint [connections]':36} | req/s | p50 ms | p99 ms | x static |")
    log(f"|{'-' * 38}|-------|--------|--------|----------|")
    log(
        f"| {'static first page (ceiling)':36} | {ceiling['rps']:5.0f} | {ceiling['p50']:6.1f} "
        f"| {ceiling['p99']:6.1f} |     1.00 |"
    )
    for name, f in rows.items():
        ratio = f["rps"] / ceiling["rps"] if ceiling["rps"] else 0.0
        log(f"| {name:36} | {f['rps']:5.0f} | {f['p50']:6.1f} | {f['p99']:6.1f} | {ratio:8.2f} |")
        if f["non_2xx"] or f["socket_errors"]:
            log(f"  ! {name}: {f['non_2xx']} non-2xx, socket errors: {f['socket_errors'] or 0}")
    load = os.getloadavg()
    log(f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (other programs on the machine)")
    if args.json:
        args.json.write_text(json.dumps({"seconds": seconds, "ceiling": ceiling, "endpoints": rows}, indent=2))
    return 0


# --- main -----------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=20, help="load duration per endpoint (default 20)")
    parser.add_argument("--quick", action="store_true", help="5 s per endpoint (CI)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--db-name", default="nr_bench")
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
        default="",
        metavar="MODES",
        help="comma-separated none,persistent,pool: measure the first page, a filtered page and a detail with each "
        "way of connecting to PostgreSQL, beside a static response's ceiling (instead of the naive comparison)",
    )
    args = parser.parse_args()
    seconds = 5 if args.quick else args.seconds
    if not shutil.which("wrk"):
        raise SystemExit("wrk not found: apt-get install -y wrk")

    url = pg_url(args.pg_url, args.db_name)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": url,
        "PYTHONPATH": str(ROOT),
        "DEBUG": "False",
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

    if args.db_conn:
        try:
            return compare_connections(args, env, info, seconds, [m.strip() for m in args.db_conn.split(",")])
        finally:
            if not args.keep_db:
                drop_database(args.pg_url, args.db_name)

    endpoints = {
        "claims, first page": "/{v}/claims/",
        "commitments, one actor and stance": f"/{{v}}/commitments/?actor={info['actor']}&stance={info['stance']}",
        "claims, search": f"/{{v}}/claims/?search={RARE_WORD}",
        "claim detail": f"/{{v}}/claims/{info['claim']}/",
    }
    figures = {}

    def measure(name: str, variant: str, target: str, meter: CpuMeter) -> None:
        run_wrk(target, 1, args.connections, args.threads)  # warm both workers up
        figures[(name, variant)] = f = run_wrk(target, seconds, args.connections, args.threads, meter)
        log(
            f"  {name:36} {variant:9} {f['rps']:8.1f} req/s  p50 {f['p50']:7.1f} ms  p99 {f['p99']:7.1f} ms"
            f"  server CPU {f['server_cpu_ms']:5.2f} ms/req  wrk CPU {f['load_cpu_ms']:4.2f} ms/req"
        )

    try:
        with serving(env, args.workers) as (base, server):
            # Same answers both ways before measuring anything.
            for name, path in endpoints.items():
                fast, naive = fetch(base + path.format(v="api/v1")), fetch(base + path.format(v="naive/v1"))
                if "results" in fast:
                    assert fast["results"], f"{name}: empty page"
                    assert fast["results"] == naive["results"], f"{name}: naive and fast answers differ"
                else:
                    assert fast == naive, f"{name}: naive and fast answers differ"
            meter = CpuMeter(server.pid, pg_url(args.pg_url, "postgres"), args.db_name)
            for name, path in endpoints.items():
                for variant, prefix in (("optimised", "api/v1"), ("naive", "naive/v1")):
                    measure(name, variant, base + path.format(v=prefix), meter)
        if args.response_cache:
            # The same first page with the optional shared response cache (a separate server: the setting
            # comes from the environment).
            cached_env = {**env, "NEWSROOM_API_RESPONSE_CACHE_SECONDS": str(args.response_cache)}
            with serving(cached_env, args.workers) as (base, server):
                meter = CpuMeter(server.pid, pg_url(args.pg_url, "postgres"), args.db_name)
                measure("claims, first page", "cached", base + "/api/v1/claims/", meter)
    finally:
        if not args.keep_db:
            drop_database(args.pg_url, args.db_name)

    log("")
    log(
        f"{seconds} s per endpoint, {args.connections} connections, gunicorn {args.workers} workers, "
        f"wrk {args.threads} threads, {os.cpu_count()} CPUs"
    )
    header = (
        f"| {'endpoint':36} | req/s | p50 ms | p99 ms | CPU ms/req "
        "| naive req/s | naive p50 | naive p99 | naive CPU ms/req | req/s ratio | p99 ratio | CPU ratio |"
    )
    log(header)
    log("|" + "|".join("-" * (len(c)) for c in header.split("|")[1:-1]) + "|")
    rows = {}
    for name in endpoints:
        fast, naive = figures[(name, "optimised")], figures[(name, "naive")]
        speedup = fast["rps"] / naive["rps"] if naive["rps"] else float("inf")
        p99_ratio = naive["p99"] / fast["p99"] if fast["p99"] else float("inf")
        cpu_ratio = naive["server_cpu_ms"] / fast["server_cpu_ms"] if fast["server_cpu_ms"] else float("inf")
        rows[name] = {
            "optimised": fast, "naive": naive, "rps_ratio": speedup, "p99_ratio": p99_ratio, "cpu_ratio": cpu_ratio,
        }  # fmt: skip
        log(
            f"| {name:36} | {fast['rps']:5.0f} | {fast['p50']:6.1f} | {fast['p99']:6.1f} "
            f"| {fast['server_cpu_ms']:10.2f} "
            f"| {naive['rps']:11.0f} | {naive['p50']:9.1f} | {naive['p99']:9.1f} | {naive['server_cpu_ms']:16.2f} "
            f"| {speedup:11.1f} | {p99_ratio:9.1f} | {cpu_ratio:9.1f} |"
        )
        for variant, f in (("optimised", fast), ("naive", naive)):
            if f["non_2xx"] or f["socket_errors"]:
                log(f"  ! {name} ({variant}): {f['non_2xx']} non-2xx, socket errors: {f['socket_errors'] or 0}")
    log(
        "CPU ms/req: CPU time of gunicorn and of its PostgreSQL backends per request (wrk's own CPU not included);"
        f" {os.cpu_count()} dedicated cores would serve at most {os.cpu_count()} * 1000 / (CPU ms/req) req/s."
    )
    load = os.getloadavg()
    log(f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (other programs on the machine)")
    first = figures[("claims, first page", "optimised")]
    met = first["p99"] < GOAL_P99_MS and first["rps"] >= GOAL_RPS
    log(
        f"goal for the first page of claims (p99 < {GOAL_P99_MS:.0f} ms, >= {GOAL_RPS:.0f} req/s): "
        + ("met" if met else "NOT met")
    )
    cached = figures.get(("claims, first page", "cached"))
    if cached:
        rows["claims, first page, response cache"] = {"cached": cached}
        cached_met = cached["p99"] < GOAL_P99_MS and cached["rps"] >= GOAL_RPS
        log(
            f"with the {args.response_cache} s response cache: {cached['rps']:.0f} req/s, p50 {cached['p50']:.1f} ms, "
            f"p99 {cached['p99']:.1f} ms, {cached['server_cpu_ms']:.2f} CPU ms/req: goal "
            + ("met" if cached_met else "NOT met")
        )
    if args.json:
        args.json.write_text(json.dumps({"seconds": seconds, "endpoints": rows, "goal_met": met}, indent=2))
    return 0


if __name__ == "__main__":
    with capture("api", "Public API under load (bench/api.py)", argv=sys.argv):
        code = main()
    sys.exit(code)
