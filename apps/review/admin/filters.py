"""The review queues' list filters: review status (default: the unreviewed queue), and free-text filters
that cost no query to draw (a related-field filter on a big table lists every row)."""

from __future__ import annotations

from django.contrib import admin
from django.db import models

from apps.review.statuses import ReviewStatus


class ReviewStatusFilter(admin.SimpleListFilter):
    """Review status, defaulting to the queue of unreviewed items ("All" is an explicit choice)."""

    title = "review status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*ReviewStatus.choices, ("published", "Published (verified or corrected)"), ("all", "All")]

    def value(self):
        return super().value() or ReviewStatus.UNREVIEWED

    def queryset(self, request, queryset):
        value = self.value()
        if value == "all":
            return queryset
        if value == "published":
            return queryset.published()
        return queryset.filter(review_status=value)

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


class InputFilter(admin.SimpleListFilter):
    """A free-text filter (no query to build its choices, unlike a related-field filter on a big table)."""

    template = "admin/nr_input_filter.html"
    lookup_fields: tuple[str, ...] = ()
    id_field = ""

    def lookups(self, request, model_admin):
        return [("", "")]

    def has_output(self):
        return True

    def choices(self, changelist):
        # The template needs the other parameters to keep them in the form.
        yield {
            "value": self.value() or "",
            "parameter_name": self.parameter_name,
            "other_params": {k: v for k, v in changelist.get_filters_params().items() if k != self.parameter_name},
            "clear_query_string": changelist.get_query_string(remove=[self.parameter_name]),
        }

    def queryset(self, request, queryset):
        # NUL can't be stored in PostgreSQL text, so it can't be searched for either: drop it.
        value = (self.value() or "").replace("\x00", "").strip()
        if not value:
            return queryset
        if self.id_field and value.isdigit() and len(value) <= 18:
            return queryset.filter(**{self.id_field: int(value)})
        q = models.Q()
        for f in self.lookup_fields:
            q |= models.Q(**{f"{f}__icontains": value})
        return queryset.filter(q)


class ArticleInputFilter(InputFilter):
    title = "article (id or title)"
    parameter_name = "article"
    id_field = "article_id"
    lookup_fields = ("article__title",)


def actor_input_filter(field: str, title: str = "actor (id or name)") -> type[InputFilter]:
    return type(
        f"{field.title()}InputFilter",
        (InputFilter,),
        {"title": title, "parameter_name": field, "id_field": f"{field}_id", "lookup_fields": (f"{field}__name",)},
    )


def article_filters(date_field: str = "article__published_at") -> tuple:
    """The queue filters every reviewable kind shares: article, outlet and a date."""
    return (
        ArticleInputFilter,
        ("article__outlet", admin.RelatedFieldListFilter),
        (date_field, admin.DateFieldListFilter),
    )
