"""Template tags for the admin's front page: what is waiting for review."""

from __future__ import annotations

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def review_queues(context):
    """[(label, unreviewed count, queue url)] for the queues the user may see (one COUNT each)."""
    from apps.claims.models import Claim
    from apps.commitments.models import Commitment
    from apps.quotes.models import Quote

    user = context["request"].user
    out = []
    for model in (Claim, Quote, Commitment):
        opts = model._meta
        if user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            out.append(
                (
                    str(opts.verbose_name_plural).capitalize(),
                    model.objects.unreviewed().count(),
                    reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
                )
            )
    return out
