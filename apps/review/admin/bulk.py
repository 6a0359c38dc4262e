"""Bulk review actions (verify, dispute, mark false, dismiss, reopen) with a confirmation page and a note.

The page lists the items with the version each was shown at; an item changed meanwhile is skipped and
named, the others are applied one transaction each (``services.review_bulk``)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from apps.review.services import review_bulk
from apps.review.statuses import ACTION_STATUS, Action

BULK_MAX = 500  # items per bulk confirmation page


class BulkReviewActions:
    """Mixin for a ModelAdmin: the five review actions. Needs ``has_review_permission`` and
    ``has_reopen_permission`` on the admin."""

    model: Any
    admin_site: Any
    media: Any
    message_user: Any

    def _bulk(self, request, queryset, action: str):
        perm = "reopen" if action == Action.REOPEN else "review"
        if not getattr(self, f"has_{perm}_permission")(request):
            raise PermissionDenied
        if request.POST.get("nr_confirm") == "yes":
            versions = {}
            for key, value in request.POST.items():
                if key.startswith("version_") and value.isdigit():
                    versions[int(key.removeprefix("version_"))] = int(value)
            items = list(queryset.order_by("pk"))
            result = review_bulk(
                items=items,
                action=action,
                editor=request.user,
                note=request.POST.get("note", "").strip(),
                expected_versions=versions,
            )
            label = Action(action).label.lower()
            if result.changed:
                self.message_user(request, f"{label.capitalize()}: {len(result.changed)} item(s).", messages.SUCCESS)
            for item, why in result.skipped:
                self.message_user(request, f"Skipped “{item}”: {why}.", messages.WARNING)
            self._report_dropped(request, shown=versions, kept={i.pk for i in items})
            return None
        total = queryset.count()
        items = list(queryset.select_related("article").defer("article__body")[:BULK_MAX])
        context = {
            **self.admin_site.each_context(request),
            "title": f"{Action(action).label}: {len(items)} {self.model._meta.verbose_name_plural}",
            "opts": self.model._meta,
            "items": items,
            "total": total,
            "action": request.POST.get("action"),
            "action_label": Action(action).label,
            "target_status": ACTION_STATUS[action],
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "select_across": request.POST.get("select_across", "0"),
            "media": self.media,
        }
        return TemplateResponse(request, "admin/nr_review_confirm.html", context)

    def _report_dropped(self, request, *, shown: dict[int, int], kept: set[int]) -> None:
        """Items shown on the confirmation page that the queue's filter no longer selects (another editor
        changed them, so they left the default queue) are skipped too, and named like the others."""
        dropped = sorted(set(shown) - kept)
        if not dropped:
            return
        found = {i.pk: i for i in self.model._default_manager.filter(pk__in=dropped)}
        for pk in dropped:
            item = found.get(pk)
            if item is None:
                self.message_user(request, f"Skipped #{pk}: it no longer exists.", messages.WARNING)
            else:
                self.message_user(
                    request,
                    f"Skipped “{item}”: changed by someone else meanwhile (no longer in this queue).",
                    messages.WARNING,
                )

    @admin.action(description="Verify selected items", permissions=["review"])
    def verify_selected(self, request, queryset):
        return self._bulk(request, queryset, Action.VERIFY)

    @admin.action(description="Dispute selected items", permissions=["review"])
    def dispute_selected(self, request, queryset):
        return self._bulk(request, queryset, Action.DISPUTE)

    @admin.action(description="Mark selected items false", permissions=["review"])
    def mark_false_selected(self, request, queryset):
        return self._bulk(request, queryset, Action.MARK_FALSE)

    @admin.action(description="Dismiss selected items", permissions=["review"])
    def dismiss_selected(self, request, queryset):
        return self._bulk(request, queryset, Action.DISMISS)

    @admin.action(description="Reopen selected items (back to unreviewed)", permissions=["reopen"])
    def reopen_selected(self, request, queryset):
        return self._bulk(request, queryset, Action.REOPEN)
