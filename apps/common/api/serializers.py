"""Serializer parts shared by claims, quotes and commitments."""

from __future__ import annotations

from rest_framework import serializers

from apps.common.api.fields import iso_datetime
from apps.review.corrections import is_corrected
from apps.review.statuses import PUBLISHED_STATUSES

PUBLIC_STATUS_CHOICES = [(s.value, s.label) for s in PUBLISHED_STATUSES]


class ReviewedItemSerializer(serializers.Serializer):
    """Public review state: which published status, whether an editor corrected it, and when."""

    # Whether an item is corrected is decided by apps/review/corrections.py, from the fields its model declares.

    start = serializers.IntegerField(read_only=True, help_text="Start of the evidence span in the article text.")
    end = serializers.IntegerField(read_only=True, help_text="End of the evidence span in the article text.")
    review_status = serializers.ChoiceField(choices=PUBLIC_STATUS_CHOICES, read_only=True)
    corrected = serializers.SerializerMethodField(
        help_text="True when an editor corrected what the machine extracted; the values shown are the corrected ones."
    )
    reviewed_at = serializers.DateTimeField(read_only=True, allow_null=True)

    def get_corrected(self, obj) -> bool:
        return is_corrected(obj)

    def review_data(self, obj) -> dict:
        return {
            "start": obj.start,
            "end": obj.end,
            "review_status": obj.review_status,
            "corrected": is_corrected(obj),
            "reviewed_at": iso_datetime(obj.reviewed_at),
        }
