"""Template tags for the admin's front page: what is waiting for review."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from apps.review.registry import reviewable_models

register = template.Library()


@register.simple_tag(takes_context=True)
def review_queues(context: Any) -> list[tuple[str, int, str]]:
    """[(label, unreviewed count, queue url)] for the queues the user may see (one COUNT each)."""
    user = context["request"].user
    out = []
    for model in reviewable_models():
        opts = model._meta
        if user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            out.append(
                (
                    model.queue_label or str(opts.verbose_name_plural).capitalize(),
                    model.objects.unreviewed().count(),
                    reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
                )
            )
    return out


@register.simple_tag(takes_context=True)
def review_queue_links(context: Any) -> list[tuple[str, str]]:
    """[(label, queue url)] for the header's shortcuts: the queues the user may see (no query)."""
    user = context["request"].user
    out = []
    for model in reviewable_models():
        opts = model._meta
        if user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            label = model.queue_label or str(opts.verbose_name_plural).capitalize()
            out.append((f"{label} queue", reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")))
    return out
