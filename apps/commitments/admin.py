from django.contrib import admin
from django.utils.html import format_html

from apps.commitments import services
from apps.commitments.models import Commitment
from apps.review.admin import ReviewableAdmin, ReviewStatusFilter, actor_input_filter, article_filters


@admin.register(Commitment)
class CommitmentAdmin(ReviewableAdmin):
    evidence_kind = "commitment"
    list_display = ("actor", "stance_badge", "short_action", "status", "stated_on", "article_link", "outlet", "origin")
    list_display_links = ("short_action",)
    list_filter = (
        ReviewStatusFilter,
        "stance",
        "origin",
        actor_input_filter("actor"),
        *article_filters("stated_on"),
    )
    search_fields = ("action", "condition")
    list_select_related = ("article", "article__outlet", "actor")
    autocomplete_fields = ("actor", "article")
    ordering = ("-stated_on", "-id")
    content_fieldset = ("Commitment", ["actor", "stance", "action", "condition", "stated_on"])
    add_fields = ("article", "start", "end", "actor", "stance", "action", "condition", "stated_on")

    @admin.display(description="action", ordering="action")
    def short_action(self, obj):
        return obj.action if len(obj.action) <= 120 else obj.action[:119] + "…"

    @admin.display(description="stance", ordering="stance")
    def stance_badge(self, obj):
        return format_html('<span class="nr-stance nr-stance-{}">{}</span>', obj.stance, obj.get_stance_display())

    def service_correct(self, *, obj, editor, changes, note, expected_version):
        return services.commitment_correct(
            commitment=obj, editor=editor, note=note, expected_version=expected_version, **changes
        )

    def service_review(self, *, obj, action, editor, note, expected_version):
        return services.commitment_review(
            commitment=obj, action=action, editor=editor, note=note, expected_version=expected_version
        )

    def service_add(self, *, editor, data, note):
        return services.commitment_add(editor=editor, note=note, **data)
