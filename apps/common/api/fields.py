from __future__ import annotations

from datetime import UTC

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .links import api_link
from .rawjson import string


@extend_schema_field(OpenApiTypes.URI)
class SelfLinkField(serializers.Field):
    """The absolute API URL of the object itself (like HyperlinkedIdentityField, but cheap)."""

    def __init__(self, view_name: str, **kwargs):
        self.view_name = view_name
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return api_link(self.context, self.view_name, value.pk)


def iso_datetime(value) -> str | None:
    """A datetime in UTC, ISO 8601 with "Z" (what DRF renders with TIME_ZONE = "UTC"), without looking the
    current time zone up for every value."""
    if value is None:
        return None
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def iso_datetime_json(value) -> str:
    """``iso_datetime`` as a JSON value (apps/common/api/rawjson.py)."""
    text = iso_datetime(value)
    return "null" if text is None else string(text)


def iso_date(value) -> str | None:
    return None if value is None else value.isoformat()
