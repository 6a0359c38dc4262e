"""Faults as operators meet them, on PostgreSQL with real `celery worker -B` processes and our own Redis:
a worker killed with SIGKILL mid-batch, Redis restarted without persistence with tasks queued, the database
refusing connections for 20 s, the broker down during ingest and during the admin add.

After each, without anyone running a command (beat runs the reconciler in the worker), every article ends
extracted and tracked within a bounded time, no row is duplicated, and each article has the same rows as in
a fault-free run of the same articles. Recovery times are printed (``-s`` shows them)."""

from __future__ import annotations

import hashlib
import io
import time

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count

from apps.actors.models import Actor, Mention
from apps.articles.models import Article
from apps.articles.services import article_ingest
from apps.claims.models import Claim
from apps.commitments.models import Commitment
from apps.quotes.models import Quote

pytestmark = [pytest.mark.worker, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

# Written for these tests; each article names its own country and person, so one article's actors never
# change what the engine finds in another (the rows then do not depend on the order the workers take them).
PEOPLE = [
    ("Norway", "Ingrid Solberg"),
    ("Chile", "Mateo Rojas"),
    ("Kenya", "Amina Wanjiru"),
    ("Portugal", "Joana Ferreira"),
    ("Canada", "Claire Dubois"),
]


def texts() -> list[str]:
    """The same articles in every test (the database is emptied between tests): one fault-free run serves all."""
    out = []
    for n, (country, person) in enumerate(PEOPLE):
        out.append(
            f"{country}'s health minister {person} said on Monday that {12 + n} new hospitals will be built by 2028. "
            f'"This is the largest programme in our history," {person} told reporters. '
            f"The government has pledged ${300 + 10 * n} million for the plan, and officials said "
            f"{4 + n} regions would benefit. {person} promised to publish the list of sites in March."
        )
    return out


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _rows(article: Article) -> dict[str, int]:
    return {
        "mentions": article.mentions.count(),
        "quotes": article.quotes.count(),
        "claims": article.claims.count(),
        "commitments": article.commitments.count(),
    }


_BASELINE: dict[str, dict[str, int]] = {}


def fault_free(bodies: list[str]) -> dict[str, dict[str, int]]:
    """Rows per article of a fault-free run (in this process, tasks run in-process), then a clean database."""
    from newsroom.celery import app
    from tests.conftest import _forget_celery_connections

    missing = [b for b in bodies if _sha(b) not in _BASELINE]
    if missing:
        saved = app.conf.task_always_eager
        app.conf.update({"CELERY_TASK_ALWAYS_EAGER": True})
        try:
            for body in missing:
                article = article_ingest(text=body)
                article.refresh_from_db()
                assert article.status == Article.Status.EXTRACTED, article.failure_reason
                assert article.tracking_status == Article.Tracking.TRACKED, article.last_error
                _BASELINE[_sha(body)] = _rows(article)
        finally:
            app.conf.update({"CELERY_TASK_ALWAYS_EAGER": saved})
            _forget_celery_connections(app)
        call_command("flush", interactive=False, verbosity=0)
    return {_sha(b): _BASELINE[_sha(b)] for b in bodies}


def wait_recovered(faults, ids: list[int], since: float, timeout: float = 120) -> float:
    """Seconds from ``since`` until every article is extracted and tracked; fails with the workers' log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            states = list(Article.objects.filter(pk__in=ids).values_list("status", "tracking_status"))
        except Exception:  # noqa: BLE001 - the database may still be coming back
            connection.close()
            states = []
        if len(states) == len(ids) and all(s == ("extracted", "tracked") for s in states):
            return time.monotonic() - since
        time.sleep(0.5)
    left = list(Article.objects.filter(pk__in=ids).values("pk", "status", "tracking_status", "last_error"))
    pytest.fail(f"not recovered within {timeout} s: {left}\n{faults.logs()}")


def assert_nothing_lost_or_duplicated(ids: list[int], baseline: dict[str, dict[str, int]]) -> None:
    for model in (Claim, Quote, Commitment):
        dupes = model.objects.values("article", "machine_key").annotate(n=Count("id")).filter(n__gt=1)
        assert not dupes.exists(), f"duplicated {model.__name__} rows: {list(dupes)}"
    assert not Mention.objects.values("article", "start", "end").annotate(n=Count("id")).filter(n__gt=1).exists()
    active = Actor.objects.filter(merged_into__isnull=True)
    assert not active.values("name", "kind").annotate(n=Count("id")).filter(n__gt=1).exists()
    articles = Article.objects.filter(pk__in=ids)
    assert {a.body_sha256: _rows(a) for a in articles} == baseline


def ingest_all(bodies: list[str]) -> list[int]:
    return [article_ingest(text=b).pk for b in bodies]


def wait_until(condition, faults, timeout: float = 60, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}\n{faults.logs()}")
        time.sleep(0.2)


def test_a_worker_killed_mid_batch(faults):
    bodies = texts()
    baseline = fault_free(bodies)
    faults.redis.start()
    first = faults.worker()
    ids = ingest_all(bodies)
    wait_until(lambda: Article.objects.filter(status="extracting").exists(), faults, what="an extraction to start")
    first.kill9()
    killed = time.monotonic()
    held = list(Article.objects.filter(pk__in=ids, status="extracting").values_list("pk", flat=True))
    assert held, "the killed worker held no article"
    faults.worker()
    took = wait_recovered(faults, ids, killed)
    print(f"\nkill -9 mid-batch: {len(held)} article(s) left extracting; all recovered {took:.1f} s after the kill")
    assert_nothing_lost_or_duplicated(ids, baseline)


def test_redis_restarted_without_persistence_with_tasks_queued(faults):
    bodies = texts()
    baseline = fault_free(bodies)
    faults.redis.start()
    faults.worker()
    ids = ingest_all(bodies)
    wait_until(lambda: Article.objects.filter(status="extracting").exists(), faults, what="an extraction to start")
    faults.redis.stop()
    stopped = time.monotonic()
    time.sleep(3)
    faults.redis.start()  # empty: every queued message is gone
    took = wait_recovered(faults, ids, stopped)
    print(f"\nRedis restarted without persistence: all recovered {took:.1f} s after it stopped (down 3 s)")
    assert_nothing_lost_or_duplicated(ids, baseline)


def _admin_sql(sql: str, *params) -> None:
    db = connection.settings_dict
    with psycopg.connect(
        host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"], dbname="postgres", autocommit=True
    ) as admin:
        admin.execute(sql, params)


def test_the_database_refusing_connections_for_20_seconds(faults):
    bodies = texts()
    baseline = fault_free(bodies)
    faults.redis.start()
    faults.worker()
    ids = ingest_all(bodies)
    name = faults.db_name
    wait_until(lambda: Article.objects.filter(status="extracting").exists(), faults, what="an extraction to start")
    connection.close()
    try:
        _admin_sql(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        _admin_sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            name,
        )
        time.sleep(20)
    finally:
        _admin_sql(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
    back = time.monotonic()
    took = wait_recovered(faults, ids, back)
    print(f"\ndatabase refused connections for 20 s: all recovered {took:.1f} s after it came back")
    assert_nothing_lost_or_duplicated(ids, baseline)


def test_the_broker_down_during_ingest_and_the_admin_add(faults, tmp_path, client, django_user_model):
    bodies = texts()
    baseline = fault_free(bodies)
    from django.urls import reverse

    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.org", "pw"))
    folder = tmp_path / "in"
    folder.mkdir()
    for n, body in enumerate(bodies[:-1]):
        (folder / f"{n}.txt").write_text(body)
    out = io.StringIO()
    call_command("ingest", str(folder), stdout=out)  # our Redis is not running
    assert out.getvalue().count("queued; will be extracted when the task queue is reachable") == len(bodies) - 1
    resp = client.post(reverse("admin:articles_article_add"), {"text": bodies[-1], "title": "Added"})
    assert resp.status_code == 302
    ids = list(Article.objects.values_list("pk", flat=True))
    assert len(ids) == len(bodies)
    assert all(lifecycle_waits(pk) for pk in ids)

    faults.redis.start()
    back = time.monotonic()
    faults.worker()
    took = wait_recovered(faults, ids, back)
    print(f"\nbroker down during ingest and admin add: all recovered {took:.1f} s after it came back")
    assert_nothing_lost_or_duplicated(ids, baseline)


def lifecycle_waits(pk: int) -> bool:
    from apps.articles.lifecycle import waits_for_queue

    return waits_for_queue(Article.objects.get(pk=pk))
