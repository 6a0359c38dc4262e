"""Serializer parts shared by claims, quotes and commitments."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from rest_framework import serializers

from apps.common.api.fields import iso_datetime
from apps.common.models import PUBLISHED_STATUSES, ReviewStatus

PUBLIC_STATUS_CHOICES = [(s.value, s.label) for s in PUBLISHED_STATUSES]


def _same(machine: Any, current: Any) -> bool:
    if machine in (None, "") and current in (None, ""):
        return True
    try:
        return Decimal(str(machine)) == Decimal(str(current))
    except (InvalidOperation, ValueError, TypeError):
        return str(machine) == str(current)


def is_corrected(item, fields: tuple[str, ...]) -> bool:
    """The rule the editors' review workflow uses: an item is corrected when its status says so, or when
    a correctable field differs from what the machine said (``machine_values``, keyed by field name, or
    by ``<fk>_id`` for relations). ``machine_values`` itself is never exposed."""
    if item.review_status == ReviewStatus.CORRECTED:
        return True
    machine = item.machine_values or {}
    for field in fields:
        key = field if field in machine else f"{field}_id"
        if key not in machine:
            continue
        current = getattr(item, key)
        if hasattr(current, "isoformat"):
            current = current.isoformat()
        if not _same(machine[key], current):
            return True
    return False


class ReviewedItemSerializer(serializers.Serializer):
    """Public review state: which published status, whether an editor corrected it, and when."""

    correctable_fields: tuple[str, ...] = ()

    start = serializers.IntegerField(read_only=True, help_text="Start of the evidence span in the article text.")
    end = serializers.IntegerField(read_only=True, help_text="End of the evidence span in the article text.")
    review_status = serializers.ChoiceField(choices=PUBLIC_STATUS_CHOICES, read_only=True)
    corrected = serializers.SerializerMethodField(
        help_text="True when an editor corrected what the machine extracted; the values shown are the corrected ones."
    )
    reviewed_at = serializers.DateTimeField(read_only=True, allow_null=True)

    def get_corrected(self, obj) -> bool:
        return is_corrected(obj, self.correctable_fields)

    def review_data(self, obj) -> dict:
        return {
            "start": obj.start,
            "end": obj.end,
            "review_status": obj.review_status,
            "corrected": is_corrected(obj, self.correctable_fields),
            "reviewed_at": iso_datetime(obj.reviewed_at),
        }
