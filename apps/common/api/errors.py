"""JSON errors for the API: one shape, no stack traces, nothing internal.

Every error body is ``{"detail": <message>, "status": <code>}``; invalid query parameters add
``"errors": {<parameter>: [<message>, ...]}``.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

API_PREFIX = "/api/"


def _body(detail: str, code: int, errors=None) -> dict:
    body = {"detail": detail, "status": code}
    if errors is not None:
        body["errors"] = errors
    return body


def exception_handler(exc, context):
    """DRF exception handler: known API errors get the JSON shape.

    Anything else propagates to Django, which logs it, signals it and answers with ``handler500``
    (JSON under /api/, no stack trace when DEBUG is off).
    """
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = _body("Invalid query parameters.", response.status_code, errors=response.data)
    elif response.status_code == 404 and str(getattr(exc, "detail", "")) != "Invalid cursor":
        # Django's Http404 messages name the model ("No Claim matches the given query."): keep them generic.
        response.data = _body("Not found.", response.status_code)
    else:
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else ""
        response.data = _body(str(detail) or "Error.", response.status_code)
    return response


def handler404(request, exception=None):
    if request.path.startswith(API_PREFIX):
        return JsonResponse(_body("Not found.", status.HTTP_404_NOT_FOUND), status=404)
    return defaults.page_not_found(request, exception)


def handler500(request):
    if request.path.startswith(API_PREFIX):
        return JsonResponse(_body("Server error.", status.HTTP_500_INTERNAL_SERVER_ERROR), status=500)
    return defaults.server_error(request)
