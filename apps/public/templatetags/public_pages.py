from __future__ import annotations

import json

from django import template
from django.utils.safestring import mark_safe

from apps.claims.claimreview import rating
from apps.common.formatting import quantity_text

register = template.Library()

# Characters that could close the <script> element or open a comment inside it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@register.filter
def quantity(claim) -> str:
    return quantity_text(claim.quantity_value, claim.quantity_unit, claim.quantity_qualifier)


@register.filter
def verdict(claim) -> str:
    """The verdict's name, as the claim's ClaimReview rates it."""
    return rating(claim)[1]


@register.simple_tag
def json_ld(data: dict):
    """``data`` as a JSON-LD <script>, safe whatever the text fields hold."""
    text = json.dumps(data, ensure_ascii=False, indent=2).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 (escaped above)
