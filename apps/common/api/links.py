"""Absolute links to API resources, built once per process, origin and resource (``reverse`` and
``build_absolute_uri`` cost tens of microseconds each: too much to pay for every row of a page, and
still a few percent of a page's CPU when paid once per request)."""

from __future__ import annotations

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

from .rawjson import string

# A placeholder id matching the routers' lookup pattern, replaced by the real id.
_PK = "987654321987654321"
# (scheme, host, script prefix, URLconf) -> {view name: (link up to the id, link after it)}. The host was
# validated against ALLOWED_HOSTS by get_host(); the bound only guards against a wildcard ALLOWED_HOSTS.
_TEMPLATES: dict[tuple[str, str, str, str], dict[str, tuple[str, str]]] = {}
_MAX_ORIGINS = 64


def _templates_for(request) -> dict[str, tuple[str, str]]:
    if not hasattr(request, "get_host"):
        return {}  # no request, or a stand-in (webhook payloads): templates for this context only
    key = (request.scheme, request.get_host(), get_script_prefix(), str(get_urlconf() or settings.ROOT_URLCONF))
    templates = _TEMPLATES.get(key)
    if templates is None:
        if len(_TEMPLATES) >= _MAX_ORIGINS:
            _TEMPLATES.clear()
        templates = _TEMPLATES[key] = {}
    return templates


def api_link(context: dict, view_name: str, pk) -> str:
    try:
        prefix, suffix = context["_link_templates"][view_name]
    except KeyError:
        prefix, suffix = _template(context, view_name)
    return f"{prefix}{pk}{suffix}"


def _template(context: dict, view_name: str) -> tuple[str, str]:
    templates = context.get("_link_templates")
    if templates is None:
        templates = context["_link_templates"] = _templates_for(context.get("request"))
    template = templates.get(view_name)
    if template is None:
        path = reverse(view_name, kwargs={"pk": _PK})
        request = context.get("request")
        link = request.build_absolute_uri(path) if request is not None else path
        prefix, _, suffix = link.rpartition(_PK)
        template = templates[view_name] = (prefix, suffix)
    return template


def json_link_template(context: dict, view_name: str) -> tuple[str, str]:
    """``api_link``'s template as the two halves of a JSON string literal around the id (escaping is per
    character, so the halves escaped apart and joined by the id's digits are the escaped link)."""
    prefix, suffix = _template(context, view_name)
    return string(prefix)[:-1], string(suffix)[1:]
