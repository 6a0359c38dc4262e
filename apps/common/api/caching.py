"""HTTP caching for public GET responses: ``Cache-Control``, a strong ``ETag`` over the rendered body,
and ``304 Not Modified`` when the client's ``If-None-Match`` matches."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags


def _etag(content: bytes) -> str:
    return f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"'


def conditional_response(request, response):
    """Add caching headers to a successful GET/HEAD response and answer 304 if the client is current."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    store_response(request, response)
    patch_vary_headers(response, ("Accept",))
    patch_cache_control(response, public=True, max_age=settings.NEWSROOM_API_CACHE_SECONDS)
    etag = _etag(response.content)
    response["ETag"] = etag
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        client_tags = parse_etags(if_none_match)
        if "*" in client_tags or etag in client_tags or etag.removeprefix("W/") in client_tags:
            not_modified = HttpResponseNotModified()
            for header in ("ETag", "Cache-Control", "Vary"):
                not_modified[header] = response[header]
            return not_modified
    return response


# --- a short shared response cache ------------------------------------------------------------------
# Off unless NEWSROOM_API_RESPONSE_CACHE_SECONDS > 0. Every reader gets the same published data, so a
# page rendered for one can be served to the next for a few seconds (clients are already told they may
# keep it NEWSROOM_API_CACHE_SECONDS). Throttling still runs first: the cache sits behind it.

_RESPONSE_PREFIX = "newsroom-api-response:"


def _response_cache_key(request) -> str | None:
    seconds = settings.NEWSROOM_API_RESPONSE_CACHE_SECONDS
    if not seconds or request.method not in ("GET", "HEAD"):
        return None
    # Links in the body are absolute and the body depends on the negotiated format: both are in the key.
    raw = f"{request.scheme}://{request.get_host()}{request.get_full_path()}|{request.accepted_media_type}"
    return _RESPONSE_PREFIX + hashlib.blake2b(raw.encode(), digest_size=20).hexdigest()


def cached_response(request):
    key = _response_cache_key(request)
    if key is None:
        return None
    hit = caches[settings.NEWSROOM_API_RESPONSE_CACHE].get(key)
    if hit is None:
        request._newsroom_cache_key = key
        return None
    content, content_type = hit
    return HttpResponse(content, content_type=content_type)


def store_response(request, response) -> None:
    key = getattr(request, "_newsroom_cache_key", None)
    if key is None or response.status_code != 200 or response.streaming:
        return
    caches[settings.NEWSROOM_API_RESPONSE_CACHE].set(
        key, (response.content, response["Content-Type"]), settings.NEWSROOM_API_RESPONSE_CACHE_SECONDS
    )
