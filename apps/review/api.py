"""The public API's parts shared by every reviewable kind: the review state serializer and the filters.

Only published items reach the API; ``corrected`` is decided by ``corrections.is_corrected``, the rule
the editors' workflow uses, from the fields each model declares (``machine_values`` is never exposed).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import ClassVar

import django_filters
from rest_framework import serializers

from apps.common.api.fields import iso_datetime, iso_datetime_json
from apps.common.api.filters import IdFilter
from apps.common.api.rawjson import string
from apps.review.corrections import is_corrected, is_corrected_row
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

    def review_row_data(self, model, row: dict) -> dict:
        """``review_data`` from a ``.values()`` row of ``model``."""
        return {
            "start": row["start"],
            "end": row["end"],
            "review_status": row["review_status"],
            "corrected": is_corrected_row(model, row),
            "reviewed_at": iso_datetime(row["reviewed_at"]),
        }

    def review_data(self, obj) -> dict:
        return {
            "start": obj.start,
            "end": obj.end,
            "review_status": obj.review_status,
            "corrected": is_corrected(obj),
            "reviewed_at": iso_datetime(obj.reviewed_at),
        }


def review_row_writer(model) -> Callable[[dict], str]:
    """``ReviewedItemSerializer.review_row_data``'s members written as JSON without the braces
    (apps/common/api/rawjson.py), by a function made once per page."""

    def write(row: dict) -> str:
        corrected = "true" if is_corrected_row(model, row) else "false"
        return (
            f'"start":{int(row["start"])},"end":{int(row["end"])},"review_status":{string(row["review_status"])},'
            f'"corrected":{corrected},"reviewed_at":{iso_datetime_json(row["reviewed_at"])}'
        )

    return write


class _FilterCopies(dict):
    """Declared filters that a FilterSet "deep-copies" one level deep: django-filter deep-copies every filter
    for each FilterSet it creates (the filter's arguments, lookups, help text: a sixth of a filtered page's
    CPU), but a filter holds no per-request state other than the ``model`` and ``parent`` it is then given
    and the form field and label it builds lazily, which a shallow copy keeps apart too."""

    def __deepcopy__(self, memo):
        copies = {}
        for name, declared in self.items():
            filter_ = copies[name] = copy.copy(declared)
            if filter_.method is not None:
                # A method filter calls through a helper bound to its filter: bind one to the copy.
                filter_.method = filter_.method
        return copies


class PublicFilterSet(django_filters.FilterSet):
    """Common filters of claims, quotes and commitments: article, outlet, dates, published status."""

    _filter_copies: ClassVar[dict[type, _FilterCopies]] = {}

    def __init__(self, *args, **kwargs):
        copies = PublicFilterSet._filter_copies.get(type(self))
        if copies is None:
            copies = PublicFilterSet._filter_copies[type(self)] = _FilterCopies(type(self).base_filters)
        self.base_filters = copies  # read by FilterSet.__init__, which copies it into self.filters
        super().__init__(*args, **kwargs)

    # The form class depends only on the declared filters (no choices or querysets read per request), so it
    # is built once per FilterSet class: building it makes every filter build its form field and label, a
    # fifth of a filtered page's CPU. Each form still copies the class's fields when it is created.
    _form_classes: ClassVar[dict[type, type]] = {}

    def get_form_class(self):
        form_class = PublicFilterSet._form_classes.get(type(self))
        if form_class is None:
            form_class = PublicFilterSet._form_classes[type(self)] = super().get_form_class()
        return form_class

    article = IdFilter(field_name="article_id", help_text="Article id.")
    outlet = IdFilter(field_name="article__outlet_id", help_text="Outlet id.")
    published_after = django_filters.DateFilter(
        field_name="article__published_at",
        lookup_expr="date__gte",
        help_text="Article published on or after (YYYY-MM-DD).",
    )
    published_before = django_filters.DateFilter(
        field_name="article__published_at",
        lookup_expr="date__lte",
        help_text="Article published on or before (YYYY-MM-DD).",
    )
    reviewed_after = django_filters.DateFilter(
        field_name="reviewed_at", lookup_expr="date__gte", help_text="Reviewed on or after (YYYY-MM-DD)."
    )
    reviewed_before = django_filters.DateFilter(
        field_name="reviewed_at", lookup_expr="date__lte", help_text="Reviewed on or before (YYYY-MM-DD)."
    )
    review_status = django_filters.ChoiceFilter(
        choices=PUBLIC_STATUS_CHOICES, help_text="One of the published statuses."
    )
