from django.contrib import admin

from apps.quotes import services
from apps.quotes.models import Quote
from apps.review.admin import ReviewableAdmin, ReviewStatusFilter, actor_input_filter, article_filters


@admin.register(Quote)
class QuoteAdmin(ReviewableAdmin):
    evidence_kind = "quote"
    list_display = ("short_text", "status", "speaker", "article_link", "outlet", "published", "origin")
    list_display_links = ("short_text",)
    list_filter = (
        ReviewStatusFilter,
        "origin",
        actor_input_filter("speaker", "speaker (id or name)"),
        *article_filters(),
    )
    search_fields = ("text",)
    list_select_related = ("article", "article__outlet", "speaker")
    autocomplete_fields = ("speaker", "article")
    ordering = ("-article__published_at", "-id")
    content_fieldset = ("Quote", ["text", "speaker"])
    add_fields = ("article", "start", "end", "text", "speaker")

    @admin.display(description="quote", ordering="text")
    def short_text(self, obj):
        text = obj.text if len(obj.text) <= 140 else obj.text[:139] + "…"
        return f"“{text}”"

    def service_correct(self, *, obj, editor, changes, note, expected_version):
        return services.quote_correct(quote=obj, editor=editor, note=note, expected_version=expected_version, **changes)

    def service_review(self, *, obj, action, editor, note, expected_version):
        return services.quote_review(
            quote=obj, action=action, editor=editor, note=note, expected_version=expected_version
        )

    def service_add(self, *, editor, data, note):
        return services.quote_add(editor=editor, note=note, **data)
