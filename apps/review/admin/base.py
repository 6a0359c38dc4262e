"""``ReviewableAdmin``: a kind's changelist as a review queue, and its change form with the evidence,
the corrections, the review controls and the history. Everything that writes calls a service
(``apps.review.services`` or the kind's own ``services.py``); the kind's model says which fields are
correctable and how corrections are grouped."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from apps.review.corrections import correctable_fields, is_corrected
from apps.review.permissions import can_reopen, can_review
from apps.review.services import StaleObjectError
from apps.review.statuses import Origin, ReviewStatus

from .bulk import BulkReviewActions
from .forms import ReviewForm
from .rendering import evidence_html, status_badge
from .timeline import correction_lines, history_timeline_html


class ReviewableAdmin(BulkReviewActions, admin.ModelAdmin):
    """Changelist as a review queue plus the review form. Subclasses say which services to call."""

    form = ReviewForm
    list_per_page = 50
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER  # facet counts are one COUNT per filter choice: too dear on big tables
    # Heavy columns a queue page never needs.
    list_defer: tuple[str, ...] = ("machine_candidate", "review_note", "article__body")
    evidence_kind = "claim"
    actions = ["verify_selected", "dispute_selected", "mark_false_selected", "dismiss_selected", "reopen_selected"]
    add_fields: Sequence[str] = ()
    # The change page: evidence, then ``content_fieldset`` (title, fields an editor corrects), the review
    # form, the history timeline and the collapsed ``detail_fields``.
    content_fieldset: tuple[str, Sequence[Any]] = ("Item", ())
    detail_fields: Sequence[str] = ("origin", "start", "end", "machine_candidate_display")
    readonly_fields: ClassVar[tuple[str, ...]] = (
        "evidence",
        "corrections",
        "review_state",
        "history_timeline",
        "origin",
        "start",
        "end",
        "machine_candidate_display",
    )

    class Media:
        js = ["common/admin/span-picker.js"]

    # --- services: subclasses implement these three ---
    def service_correct(self, *, obj, editor, changes, note, expected_version):  # pragma: no cover - abstract
        raise NotImplementedError

    def service_add(self, *, editor, data, note):  # pragma: no cover - abstract
        raise NotImplementedError

    def service_review(self, *, obj, action, editor, note, expected_version):  # pragma: no cover - abstract
        raise NotImplementedError

    # --- permissions ---
    def has_review_permission(self, request, obj=None):
        return can_review(request.user, self.model)

    def has_reopen_permission(self, request, obj=None):
        return can_reopen(request.user, self.model)

    def has_change_permission(self, request, obj=None):
        # Saving the form corrects or reviews: both need the review permission too.
        return super().has_change_permission(request, obj) and self.has_review_permission(request)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and self.has_review_permission(request)

    # --- queryset ---
    def get_queryset(self, request):
        qs = super().get_queryset(request)
        match = getattr(request, "resolver_match", None)
        if match and match.url_name and match.url_name.endswith("changelist"):
            qs = qs.defer(*self.list_defer)
        return qs

    def changelist_view(self, request, extra_context=None):
        extra = {"title": f"{self.model._meta.verbose_name_plural.capitalize()}: review queue", **(extra_context or {})}
        return super().changelist_view(request, extra)

    # --- columns ---
    @admin.display(description="status", ordering="review_status")
    def status(self, obj):
        return status_badge(
            obj.review_status, corrected=bool(obj.review_status != ReviewStatus.CORRECTED and _cheap_corrected(obj))
        )

    @admin.display(description="article", ordering="article__title")
    def article_link(self, obj):
        url = reverse("admin:articles_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, obj.article)

    @admin.display(description="outlet", ordering="article__outlet__name")
    def outlet(self, obj):
        return obj.article.outlet or "—"

    @admin.display(description="published", ordering="article__published_at")
    def published(self, obj):
        return obj.article.published_at.date() if obj.article.published_at else "—"

    @admin.display(description="evidence")
    def evidence(self, obj):
        if not obj.pk:
            return "—"
        url = reverse("admin:articles_article_change", args=[obj.article_id])
        return format_html(
            '{}<p class="nr-evidence-link">From <a href="{}">{}</a>{} · characters {}–{}</p>',
            evidence_html(obj.article.body, obj.start, obj.end, kind=self.evidence_kind),
            url,
            obj.article,
            f" ({obj.article.outlet})" if obj.article.outlet_id else "",
            obj.start,
            obj.end,
        )

    @admin.display(description="review")
    def review_state(self, obj):
        if not obj.pk:
            return "—"
        by = ""
        if obj.reviewed_by_id:
            by = format_html(
                " by {} on {}", obj.reviewed_by, timezone.localtime(obj.reviewed_at).strftime("%Y-%m-%d %H:%M")
            )
        note = format_html('<div class="nr-tl-note">Note: {}</div>', obj.review_note) if obj.review_note else ""
        origin = "added by an editor" if obj.origin == Origin.EDITOR else "found by the machine"
        return format_html(
            '{}{} <span class="nr-muted">({}, version {})</span>{}',
            status_badge(obj.review_status, corrected=is_corrected(obj)),
            by,
            origin,
            obj.version,
            note,
        )

    @admin.display(description="corrections")
    def corrections(self, obj):
        if not obj.pk:
            return "—"
        lines = correction_lines(obj, obj.correction_groups)
        return mark_safe("".join(lines)) if lines else "No corrections: the values are the machine's."  # noqa: S308

    @admin.display(description="history")
    def history_timeline(self, obj):
        if not obj.pk:
            return "—"
        return history_timeline_html(obj)

    @admin.display(description="later machine proposal")
    def machine_candidate_display(self, obj):
        if not obj.machine_candidate:
            return "—"
        return format_html(
            '<p class="nr-muted">A later machine run proposed this; the item itself was left as the editors made it.'
            '</p><table class="nr-rows">{}</table>',
            format_html_join("", "<tr><th>{}</th><td>{}</td></tr>", sorted(obj.machine_candidate.items())),
        )

    # --- form ---
    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"can_reopen": self.has_reopen_permission(request)})

    def get_fields(self, request, obj=None):
        if obj is None:
            return [*self.add_fields, "note"]
        return super().get_fields(request, obj)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                (
                    "Evidence: select the words in the article, then press “Use selection”",
                    {"fields": ["span_picker"], "classes": ["nr-picker-set"]},
                ),
                (None, {"fields": [*self.add_fields, "note"]}),
            ]
        title, fields = self.content_fieldset
        sets = [
            ("Evidence", {"fields": ["evidence", "corrections", "review_state"]}),
            (title, {"fields": list(fields)}),
        ]
        if self.has_change_permission(request, obj):
            sets.append(("Review", {"fields": ["review_action", "note", "expected_version"]}))
        sets += [
            ("History", {"fields": ["history_timeline"]}),
            ("Details", {"fields": list(self.detail_fields), "classes": ["collapse"]}),
        ]
        return sets

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ["span_picker"]
        return super().get_readonly_fields(request, obj)

    @admin.display(description="article text")
    def span_picker(self, obj):
        return mark_safe(  # noqa: S308 - static markup, filled by span-picker.js
            '<div id="nr-span-picker" data-body-url="'
            + escape(reverse("admin:articles_article_changelist"))
            + '"><p class="nr-muted">Choose the article first; its text appears here.</p>'
            '<div id="nr-picker-body" class="nr-body"></div>'
            '<p><button type="button" class="button" id="nr-use-selection">Use selection as evidence</button> '
            '<span id="nr-picker-status" class="nr-muted"></span></p></div>'
        )

    def save_model(self, request, obj, form, change):
        note = form.cleaned_data.get("note", "")
        if not change:
            data = {f: form.cleaned_data.get(f) for f in self.add_fields}
            new = self.service_add(editor=request.user, data=data, note=note)
            obj.pk = new.pk
            obj.version = new.version
            return
        expected = form.cleaned_data.get("expected_version")
        changes = {f: form.cleaned_data[f] for f in form.changed_data if f in correctable_fields(obj)}
        action = form.cleaned_data.get("review_action")
        current = type(obj)._default_manager.get(pk=obj.pk)
        if changes:
            current = self.service_correct(
                obj=current, editor=request.user, changes=changes, note=note, expected_version=expected
            )
            expected = current.version
        if action:
            current = self.service_review(
                obj=current, action=action, editor=request.user, note=note, expected_version=expected
            )
        if not changes and not action and note:
            messages.warning(request, "Nothing changed, so the note was not recorded: choose what to do with the item.")
        obj.refresh_from_db()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleObjectError as exc:
            # Lost a race between the form's check and the locked save: refuse, explain, reload.
            self.message_user(request, exc.message, messages.ERROR)
            return HttpResponseRedirect(request.path)
        except ValidationError as exc:
            self.message_user(request, "Not saved: " + " ".join(exc.messages), messages.ERROR)
            return HttpResponseRedirect(request.path)


def _cheap_corrected(obj) -> bool:
    """is_corrected() without touching deferred columns (machine_values is deferred on list pages)."""
    if "machine_values" in obj.get_deferred_fields():
        return False
    return is_corrected(obj)
