"""Parts of a page built once per process instead of per request (apps/common/api/links.py, the filter
forms in apps/review/api.py, the selectors' querysets in apps/common/api/views.py): each request still
gets answers of its own."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.review.statuses import ReviewStatus
from tests.factories import ActorFactory, ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim(db):
    return ClaimFactory(review_status=ReviewStatus.VERIFIED)


def test_links_follow_each_requests_host(client, claim, settings):
    settings.ALLOWED_HOSTS = ["one.example.org", "two.example.org"]
    for host in ("one.example.org", "two.example.org", "one.example.org"):
        item = client.get("/api/v1/claims/", HTTP_HOST=host).json()["results"][0]
        assert item["url"] == f"http://{host}/api/v1/claims/{item['id']}/"
        assert item["article"]["url"].startswith(f"http://{host}/api/v1/articles/")
        detail = client.get(f"/api/v1/claims/{item['id']}/", HTTP_HOST=host, secure=True).json()
        assert detail["url"] == f"https://{host}/api/v1/claims/{item['id']}/"


def test_filters_validate_and_apply_per_request(client, db):
    first, second = ActorFactory(), ActorFactory()
    ClaimFactory(speaker=first, review_status=ReviewStatus.VERIFIED)
    ClaimFactory(speaker=second, review_status=ReviewStatus.VERIFIED)
    ClaimFactory(speaker=second, review_status=ReviewStatus.UNREVIEWED)  # never shown
    assert client.get("/api/v1/claims/?speaker=abc").status_code == 400
    for actor, count in ((first, 1), (second, 1), (first, 1)):
        results = client.get(f"/api/v1/claims/?speaker={actor.pk}").json()["results"]
        assert [r["speaker"]["id"] for r in results] == [actor.pk] * count
    assert client.get("/api/v1/claims/?kind=nonsense").status_code == 400
    assert client.get("/api/v1/commitments/?stance=nonsense").status_code == 400
    assert len(client.get("/api/v1/claims/").json()["results"]) == 2


def test_a_detail_query_has_no_ordering(client, claim):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/api/v1/claims/{claim.pk}/").status_code == 200
    assert len(queries) == 1 and "ORDER BY" not in queries[0]["sql"]


def test_a_first_page_compiled_once_still_reads_current_rows(client, db, settings):
    """The parameterless first page reuses its compiled SQL (apps/common/api/compiled.py): the rows, the
    published-only condition and the page size are still those of each request."""
    settings.NEWSROOM_API_PAGE_SIZE = 2
    shown = [ClaimFactory(review_status=ReviewStatus.VERIFIED) for _ in range(2)]
    ids = [r["id"] for r in client.get("/api/v1/claims/").json()["results"]]
    assert ids == sorted((c.pk for c in shown), reverse=True)
    hidden = ClaimFactory(review_status=ReviewStatus.UNREVIEWED)
    newest = ClaimFactory(review_status=ReviewStatus.CORRECTED)
    with CaptureQueriesContext(connection) as queries:
        body = client.get("/api/v1/claims/").json()
    assert len(queries) == 1
    ids = [r["id"] for r in body["results"]]
    assert ids == [newest.pk, shown[1].pk] and hidden.pk not in ids
    assert body["results"][0]["corrected"] is True
    # Another page size is another query: it compiles on its own instead of reusing the cached SQL.
    settings.NEWSROOM_API_PAGE_SIZE = 3
    assert [r["id"] for r in client.get("/api/v1/claims/").json()["results"]] == [newest.pk, *ids[1:], shown[0].pk]
    # Parameters and the next page take the ordinary path.
    settings.NEWSROOM_API_PAGE_SIZE = 1
    first = client.get("/api/v1/claims/").json()
    assert [r["id"] for r in first["results"]] == [newest.pk]
    assert [r["id"] for r in client.get(first["next"]).json()["results"]] == [shown[1].pk]
    assert [r["id"] for r in client.get("/api/v1/claims/?ordering=id").json()["results"]] == [shown[0].pk]


def test_a_derived_query_is_never_served_the_cached_sql(db):
    from apps.claims.models import Claim
    from apps.common.api.compiled import compile_once

    claims = [ClaimFactory(review_status=ReviewStatus.VERIFIED) for _ in range(3)]
    marked = compile_once(Claim.objects.published().order_by("-id"), "test-derived")
    assert [c.pk for c in marked[:2]] == [claims[2].pk, claims[1].pk]
    assert [c.pk for c in marked[:2]] == [claims[2].pk, claims[1].pk]  # from the cache
    assert marked.count() == 3
    assert [c.pk for c in marked.filter(pk__lt=claims[2].pk)[:2]] == [claims[1].pk, claims[0].pk]
    assert [c.pk for c in marked.order_by("id")[:2]] == [claims[0].pk, claims[1].pk]


def test_filters_copied_per_request_apply_their_own_values(client, db):
    """PublicFilterSet copies its declared filters one level deep (apps/review/api.py): a method filter
    (search) and a plain one (speaker) each use the value of their own request."""
    speaker = ActorFactory()
    ClaimFactory(text="Invented harbour levy rose.", speaker=speaker, review_status=ReviewStatus.VERIFIED)
    ClaimFactory(text="Invented orchard tax fell.", review_status=ReviewStatus.VERIFIED)
    for word, text in (("harbour", "Invented harbour levy rose."), ("orchard", "Invented orchard tax fell.")):
        assert [r["text"] for r in client.get(f"/api/v1/claims/?search={word}").json()["results"]] == [text]
    results = client.get(f"/api/v1/claims/?speaker={speaker.pk}&search=invented").json()["results"]
    assert [r["text"] for r in results] == ["Invented harbour levy rose."]
