"""HTTP behaviour of the public API: read-only, CORS, conditional GET, throttling, JSON errors."""

from __future__ import annotations

import base64

import pytest
from django.test import Client

from apps.claims import selectors as claim_selectors
from apps.review.statuses import ReviewStatus
from tests.factories import ActorFactory, ClaimFactory

pytestmark = pytest.mark.django_db

RESOURCES = ["articles", "claims", "quotes", "commitments", "actors", "outlets"]


@pytest.fixture
def claim(db):
    return ClaimFactory(review_status=ReviewStatus.VERIFIED)


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_answer_405(client, claim, resource, method):
    list_response = getattr(client, method)(f"/api/v1/{resource}/", {}, format="json")
    assert list_response.status_code == 405
    assert list_response.json()["status"] == 405
    detail_response = getattr(client, method)(f"/api/v1/{resource}/{claim.pk}/", {}, format="json")
    assert detail_response.status_code == 405


def test_writes_do_not_change_anything(client, claim):
    client.delete(f"/api/v1/claims/{claim.pk}/")
    client.patch(f"/api/v1/claims/{claim.pk}/", {"text": "changed"}, format="json")
    claim.refresh_from_db()
    assert claim.text != "changed"


def test_cors_allows_get_from_any_origin(client, claim):
    response = client.get("/api/v1/claims/", HTTP_ORIGIN="https://reader.example.com")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/claims/",
        HTTP_ORIGIN="https://reader.example.com",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 200
    allowed = preflight["Access-Control-Allow-Methods"]
    assert "GET" in allowed and "POST" not in allowed and "DELETE" not in allowed


def test_no_cors_outside_the_api(client, db):
    response = client.get("/admin/login/", HTTP_ORIGIN="https://reader.example.com")
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.parametrize(
    "path", ["/api/v1/claims/", "/api/v1/claims/{pk}/", "/api/v1/claims/{pk}/claimreview/", "/api/v1/actors/"]
)
def test_conditional_get_answers_304(client, claim, path):
    path = path.format(pk=claim.pk)
    first = client.get(path)
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag.startswith('"') and len(etag) > 10
    assert "public" in first["Cache-Control"] and "max-age=" in first["Cache-Control"]
    again = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


def test_etag_changes_when_the_data_changes(client, claim):
    etag = client.get(f"/api/v1/claims/{claim.pk}/")["ETag"]
    claim.text = "An editor corrected this."
    claim.save()
    response = client.get(f"/api/v1/claims/{claim.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_anonymous_clients_are_throttled_with_the_rate_from_settings(client, claim, settings):
    settings.NEWSROOM_API_ANON_RATE = "3/minute"
    codes = [client.get("/api/v1/claims/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = client.get(f"/api/v1/claims/{claim.pk}/")
    assert response.status_code == 429
    assert response.json()["status"] == 429
    assert int(response["Retry-After"]) > 0


def test_throttling_counts_each_client_address(client, claim, settings):
    settings.NEWSROOM_API_ANON_RATE = "1/minute"
    assert client.get("/api/v1/claims/", REMOTE_ADDR="10.0.0.1").status_code == 200
    assert client.get("/api/v1/claims/", REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.get("/api/v1/claims/", REMOTE_ADDR="10.0.0.2").status_code == 200


@pytest.mark.parametrize(
    "path",
    ["/api/v1/nothing-here/", "/api/v1/claims/99999999999999999999999/", "/api/v1/claims/abc/", "/api/v2/"],
)
def test_unknown_api_paths_answer_json_404_with_debug_off(db, settings, path):
    settings.DEBUG = False
    response = Client().get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found.", "status": 404}


def test_server_errors_are_json_without_traceback(db, settings, monkeypatch, claim):
    settings.DEBUG = False

    def broken():
        raise RuntimeError("secret internals: password=hunter2")

    monkeypatch.setattr("apps.claims.api.ClaimViewSet.selector", staticmethod(broken))
    monkeypatch.setattr("apps.claims.api.ClaimViewSet.row_selector", staticmethod(broken))  # list pages
    response = Client(raise_request_exception=False).get("/api/v1/claims/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Server error.", "status": 500}
    assert b"hunter2" not in response.content and b"Traceback" not in response.content
    assert claim_selectors.claim_list_public is not broken


def test_non_api_404_stays_html(db, settings):
    settings.DEBUG = False
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert not response["Content-Type"].startswith("application/json")


def test_schema_and_docs_are_served(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/claims/{id}/claimreview/" in paths
    assert "/api/v1/actors/{id}/commitments/" in paths
    assert set(paths["/api/v1/claims/"]) == {"get"}
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()


def test_response_cache_serves_repeated_gets_without_queries(client, claim, settings, django_assert_num_queries):
    settings.NEWSROOM_API_RESPONSE_CACHE_SECONDS = 30
    first = client.get("/api/v1/claims/")
    claim.text = "Changed after the page was cached"
    claim.save()
    with django_assert_num_queries(0):
        again = client.get("/api/v1/claims/")
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert client.get("/api/v1/claims/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    # Another query string, host or format is another entry.
    assert b"Changed after" in client.get("/api/v1/claims/", {"page_size": 5}).content
    assert b"Changed after" in client.get("/api/v1/claims/", HTTP_HOST="localhost").content
    settings.NEWSROOM_API_RESPONSE_CACHE_SECONDS = 0
    assert b"Changed after" in client.get("/api/v1/claims/").content


def test_response_cache_keeps_throttling(client, claim, settings):
    settings.NEWSROOM_API_RESPONSE_CACHE_SECONDS = 30
    settings.NEWSROOM_API_ANON_RATE = "2/minute"
    assert [client.get("/api/v1/claims/").status_code for _ in range(3)] == [200, 200, 429]


ALL_LISTS = [*RESOURCES, "initiatives", "claim-groups", "findings"]


@pytest.mark.parametrize("resource", ALL_LISTS)
@pytest.mark.parametrize(
    "authorization",
    [
        "Basic " + base64.b64encode(b"\x00user:\x00pass").decode(),  # NUL bytes: PostgreSQL refuses them
        "Basic not-base64!!",
        "Token 123",
    ],
)
def test_credentials_are_ignored_so_bad_ones_cannot_fail_a_request(client, claim, resource, authorization):
    """The API is anonymous: an Authorization header, well-formed or not, is never looked up."""
    response = client.get(f"/api/v1/{resource}/", HTTP_AUTHORIZATION=authorization)
    assert response.status_code == 200, response.content
    assert response.json()["results"] is not None


def test_actor_stances_ignore_credentials_too(client, db):
    actor = ActorFactory()
    response = client.get(f"/api/v1/actor-stances/{actor.pk}/", HTTP_AUTHORIZATION="Basic AAAA")
    assert response.status_code == 200
    assert response.json()["actor"]["id"] == actor.pk
    assert response["ETag"]
