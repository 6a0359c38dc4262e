"""Filtered pages built from a template bound to each request's values (apps/common/api/bound.py and
compiled.py): the same SQL, rows and bodies as django-filter's, the request's own values, one query,
published items only."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.claims.models import Claim
from apps.common.api import views
from apps.common.api.compiled import UnboundPlaceholderError, compile_once, placeholder_slots
from apps.review.statuses import ReviewStatus
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory, CommitmentFactory, OutletFactory

pytestmark = pytest.mark.django_db

V, C = ReviewStatus.VERIFIED, ReviewStatus.CORRECTED


@pytest.fixture
def speakers(db):
    """Two speakers (the first with a merged duplicate) with published and unpublished claims and
    commitments over two outlets."""
    first, second = ActorFactory(name="First speaker"), ActorFactory(name="Second speaker")
    duplicate = ActorFactory(name="First duplicate", merged_into=first)
    outlets = [OutletFactory(name="Outlet one"), OutletFactory(name="Outlet two")]
    for i in range(6):
        article = ArticleFactory(outlet=outlets[i % 2])
        for speaker in (first, second, duplicate):
            ClaimFactory(
                article=article, speaker=speaker, review_status=(V, C)[i % 2], kind=("factual", "quantitative")[i % 2]
            )
            CommitmentFactory(article=article, actor=speaker, review_status=V, stance=("open", "declined")[i % 2])
        for status in (ReviewStatus.UNREVIEWED, ReviewStatus.DISPUTED, ReviewStatus.DISMISSED):
            ClaimFactory(article=article, speaker=first, review_status=status)
            CommitmentFactory(article=article, actor=first, review_status=status)
    return {"first": first, "second": second, "duplicate": duplicate, "outlets": outlets}


def _urls(speakers):
    first, second, outlets = speakers["first"], speakers["second"], speakers["outlets"]
    article = Claim.objects.filter(speaker=second).values_list("article_id", flat=True).first()
    return [
        f"/api/v1/claims/?speaker={first.pk}",
        f"/api/v1/claims/?speaker={second.pk}",
        f"/api/v1/claims/?speaker={first.pk}&kind=quantitative",
        f"/api/v1/claims/?kind=factual&speaker={second.pk}&page_size=2",
        f"/api/v1/claims/?outlet={outlets[0].pk}&review_status=corrected",
        f"/api/v1/claims/?article={article}",
        f"/api/v1/claims/?speaker={first.pk}&speaker={second.pk}",  # the last value, as the form reads it
        f"/api/v1/commitments/?actor={first.pk}&stance=declined",
        f"/api/v1/commitments/?actor={second.pk}",
    ]


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return response.content, [q["sql"] for q in queries]


def test_bound_pages_equal_django_filters_pages(client, speakers, monkeypatch):
    bound = {url: _get(client, url) for url in _urls(speakers)}
    monkeypatch.setattr(views, "bound_queryset", lambda *args, **kwargs: None)
    for url, (body, sql) in bound.items():
        assert (body, sql) == _get(client, url), url
        assert len(sql) == 1
    assert any(b'"results":[]' not in body for body, _ in bound.values())


def test_each_request_gets_its_own_values_and_published_items_only(client, speakers):
    first, second, duplicate = speakers["first"], speakers["second"], speakers["duplicate"]
    for actor, expected in ((first, 12), (second, 6), (first, 12), (duplicate, 6)):
        response = client.get(f"/api/v1/claims/?speaker={actor.pk}&page_size=100")
        results = response.json()["results"]
        assert len(results) == expected
        assert {r["review_status"] for r in results} <= {"verified", "corrected"}
        assert {r["speaker"]["id"] for r in results} == {actor.merged_into_id or actor.pk}
    kinds = {r["kind"] for r in client.get(f"/api/v1/claims/?speaker={second.pk}&kind=factual").json()["results"]}
    assert kinds == {"factual"}
    stances = client.get(f"/api/v1/commitments/?actor={second.pk}&stance=open").json()["results"]
    assert len(stances) == 3 and {c["stance"] for c in stances} == {"open"}


def test_a_bound_page_is_one_query_and_follows_its_cursor(client, speakers, django_assert_num_queries):
    url = f"/api/v1/claims/?speaker={speakers['first'].pk}&page_size=5"
    client.get(url)
    with django_assert_num_queries(1):
        first = client.get(url).json()
    assert len(first["results"]) == 5
    seen = [r["id"] for r in first["results"]]
    page = first
    while page["next"]:
        page = client.get(page["next"]).json()
        seen += [r["id"] for r in page["results"]]
    assert seen == sorted(
        Claim.objects.published()
        .filter(speaker__in=[speakers["first"], speakers["duplicate"]])
        .values_list("pk", flat=True),
        reverse=True,
    )


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("speaker=abc", 400),
        ("speaker=0", 400),
        ("kind=nonsense", 400),
        ("speaker=", 200),
        ("review_status=disputed", 400),
    ],
)
def test_invalid_or_empty_values_are_left_to_django_filter(client, speakers, query, status):
    response = client.get(f"/api/v1/claims/?{query}")
    assert response.status_code == status
    if status == 200:
        assert len(response.json()["results"]) == Claim.objects.published().count() == 18  # nothing filtered


def test_a_query_derived_from_a_bound_one_carries_the_values(speakers):
    """A count, an exists or a subquery of a bound queryset has the request's values in place of the
    placeholders, whether or not its SQL comes from the cache."""
    placeholder = 2**62 + 12345
    template = Claim.objects.published().filter(speaker_id=placeholder).order_by("-id")
    second = speakers["second"]
    bound = compile_once(template, "test-bound-derived", bound={placeholder: second.pk})
    expected = list(Claim.objects.published().filter(speaker=second).order_by("-id").values_list("pk", flat=True))
    assert [c.pk for c in bound[:3]] == expected[:3]
    assert [c.pk for c in bound[:3]] == expected[:3]  # from the cache
    assert bound.count() == len(expected) == 6
    assert bound.exists()
    assert (
        list(Claim.objects.filter(pk__in=bound.values("pk")).values_list("pk", flat=True).order_by("-pk")) == expected
    )
    other = compile_once(template, "test-bound-derived", bound={placeholder: speakers["first"].pk})
    assert other.count() == 6 and {c.speaker_id for c in other[:6]} == {speakers["first"].pk}


def test_a_placeholder_missing_from_the_sql_is_an_error():
    assert placeholder_slots(["verified", 7, 7], {7: 1}) == ((1, 7), (2, 7))
    assert placeholder_slots([7.0, True], {}) == ()
    with pytest.raises(UnboundPlaceholderError):
        placeholder_slots(["verified", 7.0], {7: 1})  # a float equal to the placeholder is not it
    bound = compile_once(Claim.objects.filter(speaker_id=5), "test-bound-missing", bound={6: 1})
    with pytest.raises(UnboundPlaceholderError):
        list(bound)


def test_cached_pages_still_convert_each_rows_columns(client, db):
    """The converters of a cached page's columns are kept with its SQL (apps/common/api/compiled.py): every
    request still loads its own rows' JSON (machine values, for "corrected") and dates."""
    from django.utils import timezone

    speaker = ActorFactory()
    when = timezone.now().replace(microsecond=0)
    for _ in range(2):
        client.get("/api/v1/claims/")
        client.get(f"/api/v1/claims/?speaker={speaker.pk}")
    claim = ClaimFactory(
        speaker=speaker, text="Edited by the desk.", review_status=V, reviewed_at=when, machine_values={"text": "Raw."}
    )
    for url in ("/api/v1/claims/", f"/api/v1/claims/?speaker={speaker.pk}"):
        item = client.get(url).json()["results"][0]
        assert item["id"] == claim.pk and item["corrected"] is True
        assert item["reviewed_at"] == when.isoformat().replace("+00:00", "Z")


@pytest.mark.parametrize("resource", ["claims", "quotes", "commitments", "articles", "actors", "outlets"])
def test_bound_details_equal_drfs_lookup_and_hide_unpublished_items(client, archive, resource, monkeypatch):
    """A detail's SQL is compiled once with the id bound per request (apps/common/api/bound.py): the same
    SQL and body as DRF's lookup, each request's own item, 404 for hidden and missing ones."""
    listed = [item["id"] for item in client.get(f"/api/v1/{resource}/").json()["results"]]
    hidden = {
        item.pk
        for status, item in archive.get(resource, {}).items()
        if status not in ("verified", "corrected") and item.pk not in listed
    }
    urls = [f"/api/v1/{resource}/{pk}/" for pk in [*listed, *listed]]
    bound = {url: _get(client, url) for url in urls}
    for pk in [*hidden, 999999, 0]:
        assert client.get(f"/api/v1/{resource}/{pk}/").status_code == 404
    monkeypatch.setattr(views, "bound_detail", lambda *args, **kwargs: None)
    for url, (body, sql) in bound.items():
        assert (body, sql) == _get(client, url), url
        assert len(sql) == 1 and str(url.split("/")[-2]) in body.decode()
    assert len({body for body, _ in bound.values()}) == len(listed) >= 1


def test_a_view_with_another_paginator_is_bound_too(speakers):
    """A subclass with a paginator that has no page size of its own (offset pagination) still filters."""
    from rest_framework.pagination import LimitOffsetPagination
    from rest_framework.test import APIRequestFactory

    from apps.claims.api import ClaimViewSet

    class OffsetClaims(ClaimViewSet):
        pagination_class = LimitOffsetPagination

    view = OffsetClaims.as_view({"get": "list"})
    second = speakers["second"]
    for _ in range(2):
        response = view(APIRequestFactory().get("/api/v1/claims/", {"speaker": second.pk}))
        assert response.status_code == 200 and response.data["count"] == 6
        assert {row["speaker"]["id"] for row in response.data["results"]} == {second.pk}
