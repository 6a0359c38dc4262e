from __future__ import annotations

from rest_framework.renderers import JSONRenderer


class JSONLDRenderer(JSONRenderer):
    """schema.org JSON-LD (``application/ld+json``), selected by ``Accept`` or ``?format=jsonld``."""

    media_type = "application/ld+json"
    format = "jsonld"
