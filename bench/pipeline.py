"""End-to-end benchmark of the pipeline, run as an operator would run it.

A throwaway PostgreSQL database (default nr_bench_pipeline), a real `celery -A newsroom worker` on Redis
consuming the extraction and tracking queues, `manage.py ingest DIR` of N real article texts (the seed
articles and eval/corpus/dev, each copy made unique by a last line), then waiting until every article is
extracted and tracked. Printed beside the engine-alone ceiling measured in the same run (two processes
running the engine over the same texts, model loaded):

    articles/s and per day, created -> extracted and created -> tracked latency p50/p95, CPU seconds per
    article by stage (engine, persistence, tracking), database queries per article, worker memory.

    .venv/bin/python bench/pipeline.py                # 300 articles
    .venv/bin/python bench/pipeline.py --quick        # 40 articles (scripts/bench.sh --quick, CI)
    .venv/bin/python bench/pipeline.py --stored 10000 # first load 10,000 extracted articles (growth)

The per-stage figures come from the worker's log: every task logs its CPU time and queries
(apps/pipeline/worker.py), the extraction service its engine/persistence split. Needs PostgreSQL
(--pg-url, NEWSROOM_BENCH_PG) and Redis (--broker, NEWSROOM_BENCH_BROKER; default db 7). The queues are
private to the run (bench-<id>-extract, ...), so a shared Redis database is not disturbed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.report import capture  # noqa: E402

PY = sys.executable
SOURCES = [ROOT.parent / "shared" / "seeds", ROOT / "eval" / "corpus" / "dev"]
TASK_LINE = re.compile(
    r"task (?P<name>[\w.]+) args=(?P<args>\[.*?\]) cpu=(?P<cpu>[\d.]+) queries=(?P<q>\d+) ended=(?P<end>[\d.]+)"
)
STAGE_LINE = re.compile(r"article (?P<id>\d+) extracted: engine_cpu=(?P<engine>[\d.]+) persist_cpu=(?P<persist>[\d.]+)")


def log(message: str) -> None:
    print(message, flush=True)


def texts() -> list[tuple[str, str]]:
    """(name, text) of the real articles the run copies."""
    found = [(p.stem, p.read_text(encoding="utf-8")) for d in SOURCES if d.is_dir() for p in sorted(d.glob("*.txt"))]
    if not found:
        sys.exit(f"no article texts found in {', '.join(map(str, SOURCES))}")
    return found


def copies(n: int, run: str, label: str) -> list[tuple[str, str]]:
    """``n`` unique texts: the real ones in turn, each copy given its own last line."""
    base = texts()
    return [
        (
            f"{label}-{i:05d}-{base[i % len(base)][0]}",
            f"{base[i % len(base)][1].rstrip()}\n\n({label} copy {i}, run {run}.)\n",
        )
        for i in range(n)
    ]


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


# --- the ceiling: the engine alone, two processes ------------------------------------------------

ENGINE_ONLY = """
import json, resource, sys, time
from apps.extraction.engine import extract_many
from apps.extraction.engine.pipeline import preload
texts = [json.loads(line)["text"] for line in sys.stdin if line.strip()]
preload()
start = time.monotonic()
for _ in extract_many(texts):
    pass
print(json.dumps({"seconds": time.monotonic() - start, "n": len(texts),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def engine_ceiling(items: list[tuple[str, str]], processes: int) -> dict:
    """Articles/s of ``processes`` engine processes sharing the texts, the model loaded (the extract_many
    that `manage.py extract --jsonl` runs), timed from the moment all have loaded."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = []
    for k in range(processes):
        part = "".join(json.dumps({"id": name, "text": text}) + "\n" for name, text in items[k::processes])
        proc = subprocess.Popen(
            [PY, "-c", ENGINE_ONLY], cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        procs.append((proc, part))
    results = []
    for proc, part in procs:
        out, _ = proc.communicate(part, timeout=900)
        results.append(json.loads(out.strip().splitlines()[-1]))
    slowest = max(r["seconds"] for r in results)
    return {"rate": sum(r["n"] for r in results) / slowest, "rss_mb": max(r["rss_mb"] for r in results)}


# --- database, worker --------------------------------------------------------------------------


def admin_conn(base: str) -> psycopg.Connection:
    return psycopg.connect(base.rstrip("/") + "/postgres", autocommit=True)


def recreate_database(base: str, name: str) -> None:
    with admin_conn(base) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(base: str, name: str) -> None:
    with admin_conn(base) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(env: dict, *args: str, stdin: str | None = None, timeout: int = 900) -> str:
    done = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, input=stdin, capture_output=True, text=True, timeout=timeout
    )
    if done.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return done.stdout


def process_tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        for task in Path(f"/proc/{p}/task").glob("*/children"):
            todo += [int(c) for c in task.read_text().split()]
    return pids


def memory_mb(pid: int, field: str) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def start_worker(env: dict, queues: list[str], concurrency: int, logfile: Path) -> subprocess.Popen:
    cmd = [PY, "-m", "celery", "-A", "newsroom", "worker", "-Q", ",".join(queues), "--concurrency", str(concurrency)]
    cmd += [
        "--loglevel",
        "INFO",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "-n",
        f"{queues[0]}@%h",
    ]
    with open(logfile, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 120
    while b" ready." not in logfile.read_bytes():
        if proc.poll() is not None or time.monotonic() > deadline:
            sys.exit(f"the worker did not start:\n{logfile.read_text()[-3000:]}")
        time.sleep(0.3)
    return proc


def worker_logs(workers: list) -> str:
    return "".join(w[3].read_text() for w in workers)


def stop_worker(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def forget_queues(broker: str, queues: list[str]) -> None:
    import redis

    client = redis.Redis.from_url(broker)
    client.delete(
        *queues,
        *(f"{q}\x06\x163" for q in queues),
        *(f"{q}\x06\x166" for q in queues),
        *(f"{q}\x06\x169" for q in queues),
    )


# --- stored archive ----------------------------------------------------------------------------

LOAD_STORED = """
import datetime as dt, hashlib, sys
import django
django.setup()
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from apps.actors.models import Mention
from apps.articles.models import Article
from apps.articles.services import article_ingest
from apps.claims.models import Claim
from apps.commitments.models import Commitment
from apps.quotes.models import Quote
from apps.tracking.models import ClaimKey, CommitmentInitiative, TrackingState

n, run = int(sys.argv[1]), sys.argv[2]
# A handful of real articles extracted and tracked in this process (no broker): the templates.
paths = sys.argv[3:]
made_templates = [article_ingest(text=open(p, encoding="utf-8").read(), filename=p.rsplit("/", 1)[-1]) for p in paths]
templates = list(Article.objects.filter(pk__in=[t.pk for t in made_templates], status="extracted"))
of = {m: {} for m in (Claim, Quote, Commitment, Mention)}
for model in of:
    for row in model.objects.filter(article__in=templates).order_by("pk"):
        of[model].setdefault(row.article_id, []).append(row)
keys = {}
for k in ClaimKey.objects.filter(article_id__in=[t.pk for t in templates]):
    keys.setdefault(k.claim_id, []).append(k.key)
links = dict(
    CommitmentInitiative.objects.filter(commitment__article__in=templates).values_list("commitment_id", "initiative_id")
)
now = timezone.now()
made = 0
# Each copy is published two hours before the previous one: the archive spreads over months, as a newsroom's does.
while made < n:
    with transaction.atomic():
        chunk = range(made, min(n, made + 500))
        batch = []
        for i in chunk:
            t = templates[i % len(templates)]
            body = f"{t.body.rstrip()}\\n\\n(stored copy {i}, run {run}.)\\n"
            published = (t.published_at or now) - dt.timedelta(hours=2 * (i + 1))
            batch.append(Article(title=t.title, body=body, body_sha256=hashlib.sha256(body.encode()).hexdigest(),
                                 language="en", status="extracted", extracted_at=now, tracking_status="tracked",
                                 tracked_at=now, extractor_version=t.extractor_version, published_at=published))
        created = Article.objects.bulk_create(batch)
        pairs = [(templates[i % len(templates)], a) for i, a in zip(chunk, created)]
        copied = {}
        for model in of:
            rows, sources = [], []
            for t, article in pairs:
                for row in of[model].get(t.pk, []):
                    sources.append(row.pk)
                    clone = model(**{f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields})
                    clone.pk = None
                    clone.article_id = article.pk
                    rows.append(clone)
            model.objects.bulk_create(rows, batch_size=2000)
            copied[model] = list(zip(sources, rows))
        day = {a.pk: a.published_at.date() for _t, a in pairs}
        ClaimKey.objects.bulk_create(
            [ClaimKey(claim_id=c.pk, article_id=c.article_id, key=k, day=day[c.article_id])
             for src, c in copied[Claim] for k in keys.get(src, [])], batch_size=5000)
        CommitmentInitiative.objects.bulk_create(
            [CommitmentInitiative(commitment_id=c.pk, initiative_id=links[src], score=0.5)
             for src, c in copied[Commitment] if src in links], batch_size=5000)
        made += len(created)
# The copies are in the matching index already: tracking must not index them again.
TrackingState.objects.filter(pk=TrackingState.INDEX).update(indexed_through=Claim.objects.aggregate(m=Max("pk"))["m"])
print(made)
"""


def load_stored(env: dict, n: int, run: str) -> float:
    """``n`` extracted articles in the database before the run: a few real ones extracted, then copied."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for name, text in copies(min(12, n), run, "template"):
            path = Path(tmp) / f"{name}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        local = {k: v for k, v in env.items() if k != "CELERY_BROKER_URL"}  # extract the templates in-process
        done = subprocess.run(
            [PY, "-c", LOAD_STORED, str(n), run, *paths], cwd=ROOT, env=local, capture_output=True, text=True
        )
        if done.returncode != 0:
            sys.exit(f"loading stored articles failed:\n{done.stderr[-3000:]}")
    return time.monotonic() - started


# --- the run -----------------------------------------------------------------------------------


def article_ids(args_json: str) -> list[int]:
    def flat(value) -> list[int]:
        if isinstance(value, int):
            return [value]
        if isinstance(value, list):
            return [i for v in value for i in flat(v)]
        return []

    return flat(json.loads(args_json))


def run(opts: argparse.Namespace) -> None:
    run_id = uuid.uuid4().hex[:6]
    queues = [f"bench-{run_id}-{q}" for q in ("extract", "track", "default")]
    db_url = opts.pg_url.rstrip("/") + "/" + opts.db
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.base",
        "DATABASE_URL": db_url,
        "CELERY_BROKER_URL": opts.broker,
        "NEWSROOM_EXTRACT_QUEUE": queues[0],
        "NEWSROOM_TRACK_QUEUE": queues[1],
        "CELERY_TASK_DEFAULT_QUEUE": queues[2],
        "LOG_LEVEL": "INFO",
        "DEBUG": "0",  # as deployed: Django keeps no query log
        # As docs/operations.md advises for workers: a task reuses its process's database connection.
        "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "600"),
        "PYTHONPATH": str(ROOT),
    }
    items = copies(opts.articles, run_id, "bench")
    words = sum(len(t.split()) for _n, t in items) / len(items)

    log(f"engine alone: {opts.concurrency} processes over the same {len(items)} texts ...")
    ceiling = engine_ceiling(items, opts.concurrency)

    log(f"database {opts.db}: create and migrate ...")
    recreate_database(opts.pg_url, opts.db)
    manage(env, "migrate", "--noinput")
    stored_s = None
    if opts.stored:
        log(f"loading {opts.stored} stored extracted articles ...")
        stored_s = load_stored(env, opts.stored, run_id)

    workdir = Path(tempfile.mkdtemp(prefix="bench-pipeline-"))
    indir = workdir / "articles"
    indir.mkdir()
    if opts.workers == "split":
        # As docs/operations.md advises: the engine's worker one process a core, tracking's beside it.
        layout = [("extract", [queues[0]], opts.concurrency), ("track", [queues[1], queues[2]], 1)]
    else:
        layout = [("all", queues, opts.concurrency)]
    workers: list[tuple[str, list[str], int, Path, subprocess.Popen]] = []
    try:
        for label, qs, conc in layout:
            logfile = workdir / f"worker-{label}.log"
            workers.append((label, qs, conc, logfile, start_worker(env, qs, conc, logfile)))
        for name, text in items:
            (indir / f"{name}.txt").write_text(text, encoding="utf-8")
        log(f"ingesting {len(items)} articles (~{words:.0f} words each) with manage.py ingest ...")
        with psycopg.connect(db_url, autocommit=True) as conn:
            before = conn.execute("select coalesce(max(id), 0) from articles_article").fetchone()[0]
        started = time.time()
        manage(env, "ingest", str(indir))
        ingest_s = time.time() - started
        peak_rss: dict[int, float] = {}
        owner: dict[int, str] = {}
        with psycopg.connect(db_url, autocommit=True) as conn:
            ids = [r[0] for r in conn.execute("select id from articles_article where id > %s", [before])]
            extracted_at = tracked_at = None
            deadline = time.monotonic() + opts.timeout
            while time.monotonic() < deadline:
                for label, *_rest, proc in workers:
                    for pid in process_tree(proc.pid):
                        peak_rss[pid] = max(peak_rss.get(pid, 0.0), memory_mb(pid, "VmRSS"))
                        owner[pid] = label
                row = conn.execute(
                    "select count(*) filter (where status in ('extracted', 'failed')),"
                    " count(*) filter (where status = 'failed' or tracking_status in ('tracked', 'failed')), count(*)"
                    " from articles_article where id > %s",
                    [before],
                ).fetchone()
                if row[0] == row[2] and extracted_at is None:
                    extracted_at = time.time()
                if extracted_at and row[1] == row[2]:
                    tracked_at = time.time()
                    break
                time.sleep(0.5)
            statuses = dict(
                conn.execute(
                    "select status, count(*) from articles_article where id > %s group by status", [before]
                ).fetchall()
            )
            created = {
                r[0]: (r[1].timestamp(), r[2].timestamp() if r[2] else None)
                for r in conn.execute(
                    "select id, created_at, extracted_at from articles_article where id > %s", [before]
                )
            }
            tracked_end = {
                r[0]: r[1].timestamp()
                for r in conn.execute(
                    "select id, tracked_at from articles_article where id > %s and tracked_at is not null", [before]
                )
            }
        hwm = {pid: memory_mb(pid, "VmHWM") for w in workers for pid in process_tree(w[4].pid)}
    finally:
        for w in workers:
            stop_worker(w[4])
        forget_queues(opts.broker, queues)
    text = worker_logs(workers)
    if not opts.keep_db:
        drop_database(opts.pg_url, opts.db)

    stages = {int(m["id"]): (float(m["engine"]), float(m["persist"])) for m in STAGE_LINE.finditer(text)}
    tasks = [m for m in TASK_LINE.finditer(text)]
    mine = set(ids)
    extract_tasks = [m for m in tasks if ".extraction." in m["name"] and set(article_ids(m["args"])) & mine]
    # The tracking worker is the run's own: every tracking task it ran counts (a batch task names one article
    # and tracks whatever waits, so its arguments don't say which articles it tracked; the database does).
    track_tasks = [m for m in tasks if ".tracking." in m["name"]]
    n = len(ids)
    to_extracted = [e - c for c, e in created.values() if e]
    to_tracked = [tracked_end[i] - created[i][0] for i in ids if i in tracked_end]
    errors = text.count("raised unexpected") + text.count(": ERROR/")
    t0 = min(c for c, _e in created.values())  # the first article's arrival

    title = f"Pipeline end to end: {n} articles" + (f" over {opts.stored:,} stored" if opts.stored else "")
    with capture(f"pipeline{'-stored' if opts.stored else ''}{'-quick' if opts.quick else ''}", title, argv=sys.argv):
        print(
            f"{n} articles of ~{words:.0f} words (seed and eval/corpus/dev texts, each copy unique), PostgreSQL, Redis,"
        )
        names = {queues[0]: "extract", queues[1]: "track", queues[2]: "celery"}
        for _label, qs, conc, _log, _proc in workers:
            print(f"`celery -A newsroom worker -Q {','.join(names[q] for q in qs)} --concurrency {conc}`")
        if opts.stored:
            print(f"{opts.stored:,} extracted articles stored first ({stored_s:.0f} s)")
        print(f"statuses: {statuses}; failed tasks in the worker log: {errors}")
        if tracked_at is None:
            print(f"NOT FINISHED within {opts.timeout} s: tracked {len(tracked_end)}/{n}")
        total = (tracked_at or time.time()) - t0
        ext = (extracted_at or time.time()) - t0
        rate = n / total
        print()
        print(f"{'':38} {'pipeline':>12} {'ceiling':>12} {'ratio':>7}")
        print(
            f"{'articles/s, extracted and tracked':38} {rate:12.1f} {ceiling['rate']:12.1f}"
            f" {rate / ceiling['rate']:7.2f}"
        )
        print(f"{'articles/s, extracted':38} {n / ext:12.1f} {ceiling['rate']:12.1f} {n / ext / ceiling['rate']:7.2f}")
        print(f"{'articles per day, extracted and tracked':38} {rate * 86400:12,.0f} {ceiling['rate'] * 86400:12,.0f}")
        print(
            f"(ceiling: {opts.concurrency} processes running the engine alone on the same texts, model loaded;"
            f" ingest took {ingest_s:.1f} s)"
        )
        print()
        print(
            f"created -> extracted  p50 {percentile(to_extracted, 50):6.1f} s"
            f"   p95 {percentile(to_extracted, 95):6.1f} s"
        )
        print(
            f"created -> tracked    p50 {percentile(to_tracked, 50):6.1f} s   p95 {percentile(to_tracked, 95):6.1f} s"
        )
        print()
        engine = sum(s[0] for i, s in stages.items() if i in mine) / n
        persist = sum(s[1] for i, s in stages.items() if i in mine) / n
        extract_cpu = sum(float(m["cpu"]) for m in extract_tasks) / n
        track_cpu = sum(float(m["cpu"]) for m in track_tasks) / n
        print("CPU seconds per article (worker processes, from each task's log line):")
        print(
            f"  engine {engine:.3f}   persistence {persist:.3f}   extraction task in all {extract_cpu:.3f}"
            f"   tracking {track_cpu:.3f}"
        )
        eq = sum(int(m["q"]) for m in extract_tasks) / n
        tq = sum(int(m["q"]) for m in track_tasks) / n
        print(f"queries per article: extraction {eq:.1f}, tracking {tq:.1f}")
        for label, _qs, _conc, _log, proc in workers:
            pool = sorted(v for p, v in peak_rss.items() if owner.get(p) == label and p != proc.pid)
            print(
                f"worker {label}: main process {peak_rss.get(proc.pid, 0):.0f} MB RSS, pool processes "
                f"{', '.join(f'{v:.0f}' for v in pool)} MB RSS at most"
            )
        print(f"peak per worker process {max(hwm.values(), default=0):.0f} MB; engine alone {ceiling['rss_mb']:.0f} MB")
    log(f"worker logs: {workdir}")
    if tracked_at is None or statuses.get("failed"):
        sys.exit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--quick", action="store_true", help="40 articles (CI)")
    parser.add_argument("--stored", type=int, default=0, help="extracted articles loaded before the run")
    parser.add_argument("--concurrency", type=int, default=os.cpu_count() or 2, help="extraction processes")
    parser.add_argument(
        "--workers",
        choices=["split", "one"],
        default="split",
        help="split: an extraction worker (--concurrency) and a tracking worker (1); one: a worker for all queues",
    )
    parser.add_argument("--pg-url", default=os.environ.get("NEWSROOM_BENCH_PG", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--db", default="nr_bench_pipeline")
    parser.add_argument("--broker", default=os.environ.get("NEWSROOM_BENCH_BROKER", "redis://127.0.0.1:6379/7"))
    parser.add_argument("--timeout", type=int, default=900, help="seconds to wait for the worker")
    parser.add_argument("--keep-db", action="store_true")
    opts = parser.parse_args()
    if opts.quick:
        opts.articles = 40
    run(opts)


if __name__ == "__main__":
    main()
