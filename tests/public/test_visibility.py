"""The leak tests of tests/api/test_visibility.py, for every public page, feed, sitemap and webhook
payload: with one item per review status in the archive, and every internal field holding a secret,
nothing unpublished and nothing internal appears anywhere; every page of an unpublished item is a 404."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from apps.webhooks.payloads import build_payload
from tests.api.conftest import FORBIDDEN_KEYS, walk_keys

from .conftest import HIDDEN_STATUSES, PUBLISHED, SECRETS, hidden_texts

pytestmark = pytest.mark.django_db

ITEM_TYPES = {"claims": "claim", "quotes": "quote", "commitments": "commitment"}


@pytest.fixture(autouse=True)
def _notes_off(settings):
    # Editors' notes of published claims are shown on their pages by default; here every note is the
    # secret, so turn them off to prove nothing else carries one.
    settings.NEWSROOM_PUBLIC_SHOW_EDITOR_NOTE = False


@pytest.fixture
def client():
    return Client()


def public_urls(archive, tracked) -> list[str]:
    urls = [
        "/facts/",
        "/facts/?q=troops",
        "/facts/?verdict=verified",
        "/facts/feed/",
        "/sitemap.xml",
        "/sitemap-claims.xml",
        "/sitemap-actors.xml",
        "/sitemap-trackers.xml",
        "/tracker/",
        "/tracker/reassurance-force/",
        "/facts/initiatives/reassurance-force/feed/",
    ]
    for status in PUBLISHED:
        urls.append(f"/facts/claims/{archive['claims'][status].pk}/")
        for actor in (archive["actors"][status], archive["commitments"][status].actor):
            urls += [f"/facts/actors/{actor.pk}/", f"/facts/actors/{actor.pk}/feed/"]
    return urls


def test_no_public_page_feed_or_sitemap_leaks(client, archive, tracked):
    for url in public_urls(archive, tracked):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for secret in [*SECRETS, *hidden_texts(archive), "Secret proposal", "machine_candidate"]:
            assert secret not in body, (url, secret)


@pytest.mark.parametrize("status", HIDDEN_STATUSES)
def test_every_page_of_an_unpublished_item_is_404(client, archive, tracked, status):
    urls = [
        f"/facts/claims/{archive['claims'][status].pk}/",
        f"/facts/actors/{archive['actors'][status].pk}/",
        f"/facts/actors/{archive['actors'][status].pk}/feed/",
        f"/facts/actors/{archive['commitments'][status].actor.pk}/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 404, url
        for secret in [*SECRETS, *hidden_texts(archive)]:
            assert secret not in response.content.decode()
    assert client.get("/facts/initiatives/secret-proposal/feed/").status_code == 404


@pytest.mark.parametrize("resource", list(ITEM_TYPES))
@pytest.mark.parametrize("event", ["published", "corrected"])
def test_webhook_payloads_exist_only_for_published_items_and_hold_nothing_internal(archive, resource, event):
    for status in HIDDEN_STATUSES:
        assert build_payload(event, ITEM_TYPES[resource], archive[resource][status].pk) is None
    for status in PUBLISHED:
        payload = build_payload(event, ITEM_TYPES[resource], archive[resource][status].pk)
        text = json.dumps(payload)
        assert payload["item"]["id"] == archive[resource][status].pk
        for secret in SECRETS:
            assert secret not in text
        assert not FORBIDDEN_KEYS & set(walk_keys(payload))


@pytest.mark.parametrize("resource", list(ITEM_TYPES))
def test_a_retraction_payload_names_the_item_only(archive, resource):
    item = archive[resource]["disputed"]
    payload = build_payload("retracted", ITEM_TYPES[resource], item.pk)
    assert set(payload) == {"event", "delivery", "sent_at", "item_type", "item_id"}
    assert item.pk == payload["item_id"]
