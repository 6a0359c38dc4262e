"""The site's session, CSRF, authentication, messages and history middleware are skipped for the API
(apps/common/middleware.py): its responses keep their security and CORS headers and set no cookie, and the
rest of the site keeps what the middleware gives it."""

from __future__ import annotations

import pytest
from django.test import Client

from apps.review.statuses import ReviewStatus
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/v1/claims/", "/api/v1/claims/?review_status=verified", "/api/v1/nowhere/"])
def test_api_responses_keep_their_headers_and_set_no_cookie(path):
    claim = ClaimFactory(review_status=ReviewStatus.VERIFIED)
    client = Client(enforce_csrf_checks=True)
    client.cookies["sessionid"] = "not-a-session"
    client.cookies["csrftoken"] = "x" * 32
    response = client.get(path, HTTP_ORIGIN="https://reader.example.org")
    assert response.status_code in (200, 404)
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert not hasattr(response.wsgi_request, "session")
    if response.status_code == 200:
        assert response.json()["results"][0]["id"] == claim.pk
    # A write with no CSRF token is still a 405 from the read-only API, not a CSRF failure page.
    assert client.post("/api/v1/claims/", {}).status_code == 405


def test_the_rest_of_the_site_keeps_sessions_users_and_csrf():
    client = Client(enforce_csrf_checks=True)
    login = client.get("/admin/login/")
    assert "csrftoken" in login.cookies and login.wsgi_request.user.is_anonymous
    assert client.post("/admin/login/", {"username": "x", "password": "y"}).status_code == 403  # no token
    staff = Client()
    staff.force_login(UserFactory(username="desk", is_staff=True, is_superuser=True))
    page = staff.get("/admin/")
    assert page.status_code == 200 and page.wsgi_request.user.username == "desk"


def test_the_browsable_api_renders_without_the_session_and_user_middleware():
    # The HTML view runs the site's template context processors, which must cope with a request that the
    # skipped authentication and messages middleware never gave a user or a message store.
    claim = ClaimFactory(review_status=ReviewStatus.VERIFIED)
    response = Client().get("/api/v1/claims/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert f"/api/v1/claims/{claim.pk}/" in response.content.decode()
    assert not hasattr(response.wsgi_request, "session")
