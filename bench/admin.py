"""Time the claim review queue's first page with many claims: tuned admin vs the same page untuned.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nr_editor .venv/bin/python bench/admin.py [--claims 100000]

Creates a throwaway test database (``test_<name>``), fills it with articles, actors and claims, renders
/admin/claims/claim/ as a superuser with Django's test client several times, and prints the median time and
the number of queries with the admin as shipped (list_select_related, heavy columns deferred, no full
count) and with that tuning switched off, then the ratio. The database is dropped afterwards.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")

import django  # noqa: E402

django.setup()

from django.contrib import admin  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_databases,
    setup_test_environment,
    teardown_databases,
)


def fill(n_claims: int) -> None:
    import hashlib

    from django.contrib.auth import get_user_model

    from apps.actors.models import Actor
    from apps.articles.models import Article, Outlet
    from apps.claims.models import Claim

    per_article = 50
    n_articles = max(1, n_claims // per_article)
    outlets = Outlet.objects.bulk_create([Outlet(name=f"Outlet {i}", domain=f"o{i}.example.org") for i in range(20)])
    paragraph = "Officials said on Tuesday that 26 countries had formally committed to the mission. " * 40
    articles = Article.objects.bulk_create(
        [
            Article(
                title=f"Article {i}",
                outlet=outlets[i % len(outlets)],
                body=f"Report {i}. {paragraph}",
                body_sha256=hashlib.sha256(f"{i}".encode()).hexdigest(),
                status=Article.Status.EXTRACTED,
            )
            for i in range(n_articles)
        ],
        batch_size=1000,
    )
    actors = Actor.objects.bulk_create(
        [Actor(name=f"Person {i}", kind=Actor.Kind.PERSON) for i in range(max(10, n_claims // 200))], batch_size=1000
    )
    batch = []
    for i in range(n_claims):
        article = articles[i % n_articles]
        start = (i // n_articles) * 60
        batch.append(
            Claim(
                article=article,
                start=start,
                end=start + 58,
                text=f"Claim {i}: 26 countries had formally committed to the mission.",
                kind=Claim.Kind.QUANTITATIVE,
                quantity_value=26,
                quantity_unit="countries",
                speaker=actors[i % len(actors)],
                score=(i % 997) / 997,
                machine_values={"quantity_value": "26", "quantity_unit": "countries"},
            )
        )
        if len(batch) == 5000:
            Claim.objects.bulk_create(batch)
            batch = []
    if batch:
        Claim.objects.bulk_create(batch)
    get_user_model().objects.create_superuser("bench", "bench@example.org", "bench")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")


def measure(client: Client, url: str, repeat: int) -> tuple[float, int]:
    times = []
    queries = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - t0)
        assert response.status_code == 200, response.status_code
        queries = len(ctx.captured_queries)
    return statistics.median(times), queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from apps.claims.models import Claim

    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        t0 = time.perf_counter()
        fill(args.claims)
        elapsed = time.perf_counter() - t0
        print(f"database: {connection.vendor}; {Claim.objects.count():,} claims created in {elapsed:.1f}s")
        client = Client()
        client.login(username="bench", password="bench")
        url = "/admin/claims/claim/"
        client.get(url)  # warm up templates and caches

        tuned = measure(client, url, args.repeat)
        model_admin = admin.site._registry[Claim]
        saved = (model_admin.list_select_related, model_admin.list_defer, model_admin.show_full_result_count)
        model_admin.list_select_related, model_admin.list_defer, model_admin.show_full_result_count = (), (), True
        try:
            untuned = measure(client, url, args.repeat)
        finally:
            model_admin.list_select_related, model_admin.list_defer, model_admin.show_full_result_count = saved

        print(f"{'claim changelist, first page':<34}{'median':>10}{'queries':>10}")
        print(f"{'tuned (as shipped)':<34}{tuned[0] * 1000:>8.1f}ms{tuned[1]:>10}")
        print(f"{'untuned (no select_related/defer)':<34}{untuned[0] * 1000:>8.1f}ms{untuned[1]:>10}")
        print(f"ratio untuned/tuned: {untuned[0] / tuned[0]:.1f}x time, {untuned[1] / max(1, tuned[1]):.1f}x queries")
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
