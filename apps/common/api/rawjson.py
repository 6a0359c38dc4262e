"""JSON written directly from a page's rows, byte for byte what DRF's ``JSONRenderer`` writes for their dicts.

A list page of 20 claims spent about a quarter of its CPU building a dict per row (and per article, outlet,
speaker and quantity inside it) only for ``json.dumps`` to walk them again. A serializer that can write a
row's JSON itself (``row_json``) hands the view an ``EncodedJSON`` instead of dicts, and ``PublicJSONRenderer``
splices it into the response verbatim. The view does so only when the response is compact JSON from this
renderer (``?format=json``, ``Accept: application/json`` or ``*/*``, no ``indent``); the browsable API, JSON-LD
and indented JSON get the dicts, as before.

Writers use the helpers below, which are the stdlib encoder's own (the one ``json.dumps`` uses with
``ensure_ascii=False``, DRF's setting), so a string, a number or a null comes out as ``json.dumps`` writes
it; DRF's final escaping of U+2028 and U+2029 is applied by the renderer to the whole body, fragments
included. tests/api/test_raw_json.py compares both paths' bytes, odd strings included.

Anything that reads ``response.data`` (tests, a subclass) still sees the rows: an ``EncodedJSON`` decodes
itself on first access (``EncodedRows`` as a sequence of dicts, ``EncodedObject`` as a mapping).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any

from rest_framework.renderers import JSONRenderer
from rest_framework.settings import api_settings
from rest_framework.utils import encoders

# A JSON string literal: the C encoder json.dumps(ensure_ascii=False) calls for every str.
string = encode_basestring


def number(value: int | float) -> str:
    """An int or float as json.dumps writes it (a non-finite float is refused, as DRF's strict JSON does)."""
    if type(value) is int:
        return int.__repr__(value)
    if type(value) is float and math.isfinite(value):
        return float.__repr__(value)  # what json.dumps writes for a finite float
    return dumps(value)


class _Encoder(encoders.JSONEncoder):
    """DRF's encoder, which also writes an ``EncodedJSON`` found deeper than the renderer looks (as its value)."""

    def default(self, obj):
        if isinstance(obj, EncodedJSON):
            return obj.decoded()
        return super().default(obj)


def dumps(value: Any) -> str:
    """``json.dumps`` as DRF's compact JSONRenderer calls it (before its U+2028/U+2029 escaping)."""
    return json.dumps(
        value,
        cls=_Encoder,
        ensure_ascii=not api_settings.UNICODE_JSON,
        allow_nan=not api_settings.STRICT_JSON,
        separators=(",", ":") if api_settings.COMPACT_JSON else (", ", ": "),
    )


class EncodedJSON:
    """A JSON text standing for the value it decodes to."""

    __slots__ = ("json", "_decoded")

    def __init__(self, text: str) -> None:
        self.json = text
        self._decoded: Any = None

    def decoded(self) -> Any:
        if self._decoded is None:
            self._decoded = json.loads(self.json)
        return self._decoded

    def __eq__(self, other: object) -> bool:
        return self.decoded() == (other.decoded() if isinstance(other, EncodedJSON) else other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.json!r})"


class EncodedRows(EncodedJSON, Sequence):
    """A JSON array of objects, e.g. a page's ``results``."""

    __slots__ = ()

    @classmethod
    def of(cls, fragments: Sequence[str]) -> EncodedRows:
        return cls("[" + ",".join(fragments) + "]")

    def __getitem__(self, index):
        return self.decoded()[index]

    def __len__(self) -> int:
        return len(self.decoded())


class EncodedObject(EncodedJSON, Mapping):
    """A JSON object, e.g. a detail page."""

    __slots__ = ()

    def __getitem__(self, key):
        return self.decoded()[key]

    def __iter__(self):
        return iter(self.decoded())

    def __len__(self) -> int:
        return len(self.decoded())


class PublicJSONRenderer(JSONRenderer):
    """DRF's JSONRenderer (same media type, format and bytes) that writes ``EncodedJSON`` values verbatim, when
    they are the data or values of a top-level dict (a paginated page); any other place decodes them."""

    encoder_class = _Encoder

    def render(self, data, accepted_media_type=None, renderer_context=None):
        indent = self.get_indent(accepted_media_type, renderer_context or {})
        if isinstance(data, EncodedJSON):
            if indent is not None or not _compact():
                return super().render(data.decoded(), accepted_media_type, renderer_context)
            text = data.json
        elif isinstance(data, dict) and any(isinstance(value, EncodedJSON) for value in data.values()):
            if indent is not None or not _compact() or not all(type(key) is str for key in data):
                decoded = {k: v.decoded() if isinstance(v, EncodedJSON) else v for k, v in data.items()}
                return super().render(decoded, accepted_media_type, renderer_context)
            text = (
                "{"
                + ",".join(
                    f"{string(key)}:{value.json if isinstance(value, EncodedJSON) else dumps(value)}"
                    for key, value in data.items()
                )
                + "}"
            )
        else:
            return super().render(data, accepted_media_type, renderer_context)
        # DRF's escaping of the two line separators JavaScript does not allow in strings.
        return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").encode()


def _compact() -> bool:
    """Whether DRF's settings give the output the writers produce (compact, unescaped non-ASCII, strict)."""
    return api_settings.COMPACT_JSON and api_settings.UNICODE_JSON and api_settings.STRICT_JSON


def writes_raw_json(request, renderer_context: dict | None = None) -> bool:
    """True when this request's response is rendered by ``PublicJSONRenderer`` without indentation: the view
    may then hand it ``EncodedJSON``."""
    renderer = getattr(request, "accepted_renderer", None)
    if type(renderer) is not PublicJSONRenderer or not _compact():
        return False
    return renderer.get_indent(request.accepted_media_type, renderer_context or {}) is None
