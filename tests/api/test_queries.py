"""Every list page costs a fixed number of queries, whatever its size."""

from __future__ import annotations

import pytest

from apps.review.statuses import ReviewStatus
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, CommitmentFactory, OutletFactory, QuoteFactory

pytestmark = pytest.mark.django_db

ROWS = 40
V = ReviewStatus.VERIFIED


@pytest.fixture
def many(db, settings):
    settings.NEWSROOM_API_PAGE_SIZE = 100
    actors = []
    for i in range(ROWS):
        article = ArticleFactory(outlet=OutletFactory(name=f"Outlet q{i}"))
        kept = ActorFactory(name=f"Kept {i}")
        duplicate = ActorFactory(name=f"Duplicate {i}", merged_into=kept)
        ClaimFactory(article=article, speaker=duplicate if i % 2 else kept, review_status=V)
        QuoteFactory(article=article, speaker=kept, review_status=ReviewStatus.CORRECTED)
        CommitmentFactory(article=article, actor=kept, review_status=V, machine_values={"stance": "open"})
        actors.append(kept)
    return actors


# (path, max queries): the page itself, plus nothing per row.
CASES = [
    ("/api/v1/claims/", 1),
    ("/api/v1/claims/?search=committed&ordering=-published_at", 1),
    ("/api/v1/quotes/", 1),
    ("/api/v1/commitments/?ordering=stated_on", 1),
    ("/api/v1/articles/", 1),
    ("/api/v1/actors/", 1),
    ("/api/v1/outlets/", 1),
]


@pytest.mark.parametrize(("path", "max_queries"), CASES)
def test_list_pages_cost_a_fixed_number_of_queries(client, many, django_assert_max_num_queries, path, max_queries):
    with django_assert_max_num_queries(max_queries):
        response = client.get(path)
    assert response.status_code == 200
    assert len(response.json()["results"]) == ROWS


@pytest.mark.parametrize("resource", ["claims", "quotes", "commitments"])
def test_detail_costs_one_query(client, many, django_assert_max_num_queries, resource):
    first = client.get(f"/api/v1/{resource}/").json()["results"][0]
    with django_assert_max_num_queries(1):
        assert client.get(f"/api/v1/{resource}/{first['id']}/").status_code == 200


def test_timeline_costs_two_queries(client, many, django_assert_max_num_queries):
    actor = many[0]
    for _ in range(10):
        CommitmentFactory(actor=actor, review_status=V)
    with django_assert_max_num_queries(2):
        response = client.get(f"/api/v1/actors/{actor.pk}/commitments/")
    assert len(response.json()["results"]) == 11


def test_claimreview_costs_one_query(client, many, django_assert_max_num_queries):
    first = client.get("/api/v1/claims/").json()["results"][0]
    with django_assert_max_num_queries(1):
        assert client.get(f"/api/v1/claims/{first['id']}/claimreview/").status_code == 200


def test_filtered_pages_cost_a_fixed_number_of_queries(client, many, django_assert_max_num_queries):
    """The filtered pages the benchmark measures (bench/api.py): as cheap as the first page."""
    actor = many[0]
    for _ in range(5):
        ClaimFactory(speaker=actor, review_status=V)
    for path, rows in (
        (f"/api/v1/claims/?speaker={actor.pk}", 6),
        (f"/api/v1/commitments/?actor={actor.pk}&stance=committed", 1),
    ):
        with django_assert_max_num_queries(1):
            response = client.get(path)
        assert response.status_code == 200
        assert len(response.json()["results"]) == rows
