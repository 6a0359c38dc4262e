"""The site's middleware that the public API does not need, skipped for the API's requests.

Everything under ``/api/v1/`` is anonymous, read-only and cookie-free (apps/common/api/views.py): no session
is read, no user is looked up, no message is shown and no history is written. Sessions, authentication,
messages and simple-history's request context cost a few percent of an API page's CPU for
nothing, so these versions pass an API request straight on; the admin, the tracker and the public pages get
them as before. The middleware that sets headers (security, CORS, X-Frame-Options) runs for every request,
and so does Django's own CSRF middleware (``check --deploy`` asks for it by name; for the API's views, which
are exempt, it does little).
"""

from __future__ import annotations

from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthenticationMiddleware
from django.contrib.messages.middleware import MessageMiddleware as DjangoMessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from simple_history.middleware import HistoryRequestMiddleware as SimpleHistoryRequestMiddleware

API_PREFIX = "/api/v1/"


def is_api_request(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


class _SiteOnly:
    """Mixin: the middleware's request and response processing for every request but the API's."""

    def __call__(self, request):
        if is_api_request(request):
            return self.get_response(request)  # type: ignore[attr-defined]
        return super().__call__(request)  # type: ignore[misc]


class SessionMiddleware(_SiteOnly, DjangoSessionMiddleware):
    pass


class AuthenticationMiddleware(_SiteOnly, DjangoAuthenticationMiddleware):
    pass


class MessageMiddleware(_SiteOnly, DjangoMessageMiddleware):
    pass


def HistoryRequestMiddleware(get_response):  # noqa: N802 (named like the middleware it wraps)
    """simple-history's request context (who made a change) for every request but the API's."""
    with_history = SimpleHistoryRequestMiddleware(get_response)

    def middleware(request):
        if is_api_request(request):
            return get_response(request)
        return with_history(request)

    return middleware
