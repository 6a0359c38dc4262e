"""Tracking's cost per article as the archive grows: CPU and queries to track one new article at two archive
sizes, on a throwaway PostgreSQL database.

Synthetic extracted articles (no engine), two hours apart: each is about one of the 40 stories in the news at the
time (a story lasts about 500 articles; its commitments' actions and its claims' words come from the story's
vocabulary; numbers, actors, outlets and dates vary), so initiatives,
claim matches, groups and findings all arise as in a newsroom's archive. The stored articles are tracked in
batches first (not measured); then new articles are tracked one at a time, as the Celery task does, and in one
batch, measuring process CPU time and queries per article.

    .venv/bin/python bench/tracking.py            # 100 vs 10,000 stored articles
    .venv/bin/python bench/tracking.py --quick    # 100 vs 2,000 (CI)

Needs: PostgreSQL on 127.0.0.1:5432 (or --pg-url).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STORIES = 40  # stories in the news at any time
STORY_LIFE = 500  # articles (about six weeks at 12 a day) before the set of stories is renewed
STANCES = ["committed", "conditional", "open", "undecided", "declined", "opposed"]
COMMON = "said minister government officials week talks plan statement meeting leaders country".split()


def story_words(k: int) -> list[str]:
    rng = random.Random(k)
    letters = "abcdefghijklmnoprstuvwz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(5, 9))) for _ in range(12)]


def make_articles(models, start: int, count: int, actors, outlets, rng: random.Random) -> list:
    """Insert ``count`` extracted articles with mentions, commitments and claims (bulk, a few queries)."""
    Article, Mention, Commitment, Claim = models
    articles, payload = [], []
    base = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    for n in range(start, start + count):
        # Stories come and go: each lives for about STORY_LIFE articles (weeks of news), as in a newsroom.
        story = (n // STORY_LIFE) * STORIES + rng.randrange(STORIES)
        words = story_words(story)
        cast = random.Random(story).sample(actors, 8)  # a story's own actors: stories rarely share them
        who = rng.sample(cast, 4)
        sentences, spans = [], []
        for actor in who:
            text = f"{actor.name} {rng.choice(['will', 'may', 'would not'])} {' '.join(rng.sample(words, 4))}."
            spans.append((actor, len(" ".join(sentences)) + (1 if sentences else 0), text))
            sentences.append(text)
        claims = []
        for _ in range(4):
            value = rng.choice([rng.randint(2, 40), rng.randint(100, 5000)])
            unit = rng.choice(["countries", "million euros", "people", "percent"])
            text = f"{value} {unit} {' '.join(rng.sample(words, 5))} {' '.join(rng.sample(COMMON, 2))}"
            claims.append((len(" ".join(sentences)) + 1, text, value, unit))
            sentences.append(text + ".")
        body = " ".join(sentences) + f" Report {n}."
        articles.append(
            Article(
                title=f"Report {n} on story {story}",
                body=body,
                body_sha256=hashlib.sha256(body.encode()).hexdigest(),
                outlet=outlets[n % len(outlets)],
                status="extracted",
                published_at=base + dt.timedelta(hours=n * 2 + rng.randint(0, 5)),
            )
        )
        payload.append((spans, claims, words))
    Article.objects.bulk_create(articles)
    mentions, commitments, claim_rows = [], [], []
    for article, (spans, claims, words) in zip(articles, payload, strict=True):
        for actor, start_at, text in spans:
            mentions.append(
                Mention(article=article, actor=actor, start=start_at, end=start_at + len(actor.name), text=actor.name)
            )
            commitments.append(
                Commitment(
                    article=article,
                    actor=actor,
                    stance=rng.choice(STANCES),
                    action=" ".join(rng.sample(words, 4)),
                    start=start_at,
                    end=start_at + len(text),
                    stated_on=article.published_at.date(),
                )
            )
        for start_at, text, value, unit in claims:
            claim_rows.append(
                Claim(
                    article=article,
                    text=text,
                    kind="quantitative",
                    quantity_value=value,
                    quantity_unit=unit,
                    start=start_at,
                    end=start_at + len(text),
                    score=0.5,
                )
            )
    Mention.objects.bulk_create(mentions)
    Commitment.objects.bulk_create(commitments)
    Claim.objects.bulk_create(claim_rows)
    return articles


def measure(articles_track, articles, *, batch: bool) -> tuple[float, float, float]:
    """CPU ms, wall ms and queries per article to track ``articles`` (one at a time, or as one batch)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cpu, wall = time.process_time(), time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        if batch:
            articles_track(articles=articles)
        else:
            for article in articles:
                articles_track(articles=[article])
    n = len(articles)
    return 1000 * (time.process_time() - cpu) / n, 1000 * (time.perf_counter() - wall) / n, len(queries) / n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="100 vs 2,000 stored articles (default 100 vs 10,000)")
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--large", type=int, default=0, help="stored articles for the second figure")
    parser.add_argument("--new", type=int, default=20, help="new articles measured at each size")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--db-name", default="nr_bench_tracking_cost")
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--profile", action="store_true", help="print where the CPU goes at the larger size")
    args = parser.parse_args()
    large = args.large or (2_000 if args.quick else 10_000)

    with psycopg.connect(f"{args.pg_url}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.db_name}"')
        conn.execute(f'CREATE DATABASE "{args.db_name}"')
    os.environ["DATABASE_URL"] = f"{args.pg_url}/{args.db_name}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.base")
    os.environ.pop("CELERY_BROKER_URL", None)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = False
    try:
        call_command("migrate", verbosity=0)
        from apps.actors.models import Actor, Mention
        from apps.articles.models import Article, Outlet
        from apps.claims.models import Claim
        from apps.commitments.models import Commitment
        from apps.tracking.services import articles_track

        models = (Article, Mention, Commitment, Claim)
        rng = random.Random(7)
        actors = Actor.objects.bulk_create(
            [Actor(name=f"Actor {k}", kind="organisation") for k in range(2000)]
        )  # fmt: skip
        outlets = Outlet.objects.bulk_create([Outlet(name=f"Outlet {k}", domain=f"o{k}.example") for k in range(25)])
        rows = []
        stored = 0
        for size in (args.small, large):
            started = time.perf_counter()
            while stored < size:
                chunk = make_articles(models, stored, min(200, size - stored), actors, outlets, rng)
                articles_track(articles=chunk)
                stored += len(chunk)
            print(f"stored {stored} tracked articles in {time.perf_counter() - started:.0f} s", flush=True)
            new = make_articles(models, stored, args.new, actors, outlets, rng)
            if args.profile and size == large:
                import cProfile
                import pstats

                profiler = cProfile.Profile()
                profiler.enable()
            one = measure(articles_track, new, batch=False)
            if args.profile and size == large:
                profiler.disable()
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
            stored += args.new
            batch = measure(articles_track, make_articles(models, stored, args.new, actors, outlets, rng), batch=True)
            stored += args.new
            rows.append((size, one, batch))
        print()
        print(f"tracking cost per new article ({args.new} new articles at each size; {os.cpu_count()} CPUs, "
              f"{dt.date.today().isoformat()})")  # fmt: skip
        print("| stored articles | one at a time: CPU ms | wall ms | queries | batch of "
              f"{args.new}: CPU ms | wall ms | queries |")  # fmt: skip
        print("|---|---|---|---|---|---|---|")
        for size, one, batch in rows:
            print(f"| {size:,} | {one[0]:.1f} | {one[1]:.1f} | {one[2]:.0f} | {batch[0]:.1f} | {batch[1]:.1f} | "
                  f"{batch[2]:.1f} |")  # fmt: skip
        (small, one_s, _), (big, one_l, _) = rows
        print(f"CPU per article at {big:,} stored / at {small:,}: {one_l[0] / one_s[0]:.2f}x (target <= 1.5x)")
        load = os.getloadavg()
        print(f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (other programs on the machine)")
    finally:
        if not args.keep_db:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(f"{args.pg_url}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)')
    return 0


if __name__ == "__main__":
    sys.exit(main())
