from django.contrib import admin

from apps.claims import services
from apps.claims.models import Claim
from apps.common.formatting import quantity_text
from apps.review.admin import ReviewableAdmin, ReviewStatusFilter, actor_input_filter, article_filters, score_column


@admin.register(Claim)
class ClaimAdmin(ReviewableAdmin):
    evidence_kind = "claim"
    list_display = (
        "short_text",
        "status",
        "kind",
        "quantity",
        "score_shown",
        "speaker",
        "article_link",
        "outlet",
        "published",
        "origin",
    )
    list_display_links = ("short_text",)
    list_filter = (
        ReviewStatusFilter,
        "kind",
        "origin",
        actor_input_filter("speaker", "speaker (id or name)"),
        *article_filters(),
    )
    search_fields = ("text",)
    list_select_related = ("article", "article__outlet", "speaker")
    autocomplete_fields = ("speaker", "article")
    ordering = ("-score", "-id")
    readonly_fields = (*ReviewableAdmin.readonly_fields, "score_shown")
    content_fieldset = ("Claim", ["text", "kind", ("quantity_qualifier", "quantity_value", "quantity_unit"), "speaker"])
    detail_fields = ("score_shown", *ReviewableAdmin.detail_fields)
    add_fields = (
        "article",
        "start",
        "end",
        "text",
        "kind",
        "quantity_qualifier",
        "quantity_value",
        "quantity_unit",
        "speaker",
    )

    score_shown = score_column()

    @admin.display(description="claim", ordering="text")
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 140 else obj.text[:139] + "…"

    @admin.display(description="quantity", ordering="quantity_value")
    def quantity(self, obj):
        # As editors write it ("about €120 million"); the API keeps the exact value.
        return quantity_text(obj.quantity_value, obj.quantity_unit, obj.quantity_qualifier) or "—"

    def service_correct(self, *, obj, editor, changes, note, expected_version):
        return services.claim_correct(claim=obj, editor=editor, note=note, expected_version=expected_version, **changes)

    def service_review(self, *, obj, action, editor, note, expected_version):
        return services.claim_review(
            claim=obj, action=action, editor=editor, note=note, expected_version=expected_version
        )

    def service_add(self, *, editor, data, note):
        return services.claim_add(editor=editor, note=note, **data)
