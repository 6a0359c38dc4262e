"""Cursor pagination with a capped page size.

Cursors are opaque; a forged or stale cursor answers 404 ("Invalid cursor"), never a 500.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination


class PublicCursorPagination(CursorPagination):
    ordering = ("-id",)
    page_size_query_param = "page_size"
    # Large offsets inside a cursor mean scanning many rows: refuse them.
    offset_cutoff = 1000

    def get_page_size(self, request):
        # Read at request time so deployments (and tests) set them in settings.
        self.page_size = settings.NEWSROOM_API_PAGE_SIZE
        self.max_page_size = settings.NEWSROOM_API_MAX_PAGE_SIZE
        return super().get_page_size(request)

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except (ValueError, TypeError, OverflowError, DjangoValidationError) as exc:
            # A cursor whose position does not parse for the ordering field (a hand-made cursor).
            raise NotFound(self.invalid_cursor_message) from exc
