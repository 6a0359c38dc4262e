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
