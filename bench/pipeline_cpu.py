"""The pipeline's CPU per article by stage, in one process, on a throwaway PostgreSQL database.

What ``bench/pipeline.py`` runs through Celery, without Celery: ingest N article copies (the seed and
eval/corpus/dev texts, each made unique), extract each (engine, then persistence), then track them in
batches as the tracking task does. For each stage it prints this process's CPU seconds per article, the CPU
seconds of the PostgreSQL backend serving it (read from /proc, so PostgreSQL must run on this machine) and
the queries per article. On a shared machine these are the figures to compare, not wall-clock rates: on
2 cores, the pipeline reaches 0.5x of the engine-alone ceiling when everything but the engine costs no more
CPU per article than the engine does.

    .venv/bin/python bench/pipeline_cpu.py --db nr_me_cpu [--articles 40] [--batch 10] [--profile track]

``--profile STAGE`` (ingest, engine, persist, track) prints cProfile's top functions for that stage.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pipeline import copies, drop_database, recreate_database  # noqa: E402
from bench.proc import cpu_seconds  # noqa: E402

STAGES = ("ingest", "engine", "persist", "track")


class Meter:
    """CPU of this process and of its PostgreSQL backend, and queries, summed per stage."""

    def __init__(self, connection, profile: str | None) -> None:
        self.connection = connection
        self.cpu = dict.fromkeys(STAGES, 0.0)
        self.server = dict.fromkeys(STAGES, 0.0)
        self.queries = dict.fromkeys(STAGES, 0)
        self.profile = profile
        self.profiler = cProfile.Profile(time.process_time) if profile else None

    def backend(self) -> int:
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            return cursor.fetchone()[0]

    def run(self, stage: str, fn, *args, **kwargs):
        pid = self.backend()
        count = [0]

        def counter(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        server, cpu = cpu_seconds(pid), time.process_time()
        with self.connection.execute_wrapper(counter):
            if self.profiler and stage == self.profile:
                result = self.profiler.runcall(fn, *args, **kwargs)
            else:
                result = fn(*args, **kwargs)
        self.cpu[stage] += time.process_time() - cpu
        self.server[stage] += cpu_seconds(pid) - server
        self.queries[stage] += count[0]
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--batch", type=int, default=10, help="articles per tracking batch")
    parser.add_argument("--pg-url", default=os.environ.get("NEWSROOM_BENCH_PG", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--db", default="nr_bench_pipeline_cpu")
    parser.add_argument("--profile", choices=STAGES)
    parser.add_argument("--keep-db", action="store_true")
    opts = parser.parse_args()

    recreate_database(opts.pg_url, opts.db)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings.base",
        DATABASE_URL=f"{opts.pg_url.rstrip('/')}/{opts.db}",
        DEBUG="0",
        LOG_LEVEL="WARNING",
    )
    os.environ.pop("CELERY_BROKER_URL", None)
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        from apps.articles import lifecycle
        from apps.articles.models import Article
        from apps.articles.services import article_ingest
        from apps.articles.signals import article_queued
        from apps.extraction.aliases import alias_table
        from apps.extraction.engine import extract
        from apps.extraction.engine.pipeline import preload
        from apps.extraction.persist import extraction_persist
        from apps.review.history import as_machine
        from apps.tracking.services import articles_track

        # The stages are called here one by one, not by the tasks the signal would run in-process.
        article_queued.disconnect(dispatch_uid="pipeline.queue_extraction")
        preload()
        meter = Meter(connection, opts.profile)
        items = copies(opts.articles, uuid.uuid4().hex[:6], "cpu")
        articles = [meter.run("ingest", article_ingest, text=text, filename=f"{name}.txt") for name, text in items]

        def persist(article, extraction):
            with as_machine():
                return extraction_persist(article=article, extraction=extraction)

        for article in articles:
            lifecycle.claim_for_extraction(article_id=article.pk)
            table = alias_table()
            result = meter.run("engine", extract, article.body, published=article.published_at, aliases=table)
            meter.run("persist", persist, article, result)
        for k in range(0, len(articles), opts.batch):
            ids = [a.pk for a in articles[k : k + opts.batch]]
            meter.run("track", articles_track, articles=Article.objects.filter(pk__in=ids), pending_only=True)
        n = len(articles)
        print(f"{n} articles, tracking in batches of {opts.batch}; per article:")
        print(f"{'stage':10} {'process CPU s':>14} {'PostgreSQL CPU s':>17} {'queries':>8}")
        for stage in STAGES:
            cpu, server, queries = meter.cpu[stage] / n, meter.server[stage] / n, meter.queries[stage] / n
            print(f"{stage:10} {cpu:14.4f} {server:17.4f} {queries:8.1f}")
        rest = sum(meter.cpu[s] + meter.server[s] for s in STAGES if s not in ("engine", "ingest"))
        rest += meter.server["engine"]
        print(
            f"non-engine CPU after ingest (persistence, tracking, their PostgreSQL) / engine CPU:"
            f" {rest / max(meter.cpu['engine'], 1e-9):.2f}"
        )
        if meter.profiler:
            stats = pstats.Stats(meter.profiler).sort_stats(os.environ.get("SORT", "cumulative"))
            stats.print_stats(int(os.environ.get("TOP", "45")))
        connection.close()
    finally:
        if not opts.keep_db:
            drop_database(opts.pg_url, opts.db)


if __name__ == "__main__":
    main()
