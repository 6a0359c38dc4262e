"""Anonymous throttling whose rate is read from settings at request time (so tests and deployments can
change it without re-importing DRF's class attributes)."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class PublicAnonThrottle(AnonRateThrottle):
    def get_rate(self):
        return settings.NEWSROOM_API_ANON_RATE or None
