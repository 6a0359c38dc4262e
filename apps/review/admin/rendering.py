"""Small HTML renderers for the review pages: status badges, the evidence with its span highlighted,
the article body with every span highlighted by kind."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib import admin
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from apps.common.formatting import score_text
from apps.review.statuses import ReviewStatus

STATUS_CLASS: dict[str, str] = {
    ReviewStatus.UNREVIEWED: "nr-badge nr-unreviewed",
    ReviewStatus.VERIFIED: "nr-badge nr-verified",
    ReviewStatus.CORRECTED: "nr-badge nr-corrected",
    ReviewStatus.DISPUTED: "nr-badge nr-disputed",
    ReviewStatus.FALSE: "nr-badge nr-false",
    ReviewStatus.DISMISSED: "nr-badge nr-dismissed",
}


def status_badge(status: str, *, corrected: bool = False) -> SafeString:
    label = ReviewStatus(status).label if status in ReviewStatus.values else status
    badge = format_html('<span class="{}">{}</span>', STATUS_CLASS.get(status, "nr-badge"), label)
    if corrected and status != ReviewStatus.CORRECTED:
        badge = format_html(
            '{} <span class="nr-badge nr-corrected" title="An editor changed its values">corrected</span>', badge
        )
    return badge


def score_column(field: str = "score", description: str = "score"):
    """An admin column (and read-only field) showing a machine score to two decimals, sortable by it.

    Use as a class attribute: ``score_shown = score_column()``, then "score_shown" in list_display.
    """

    @admin.display(description=description, ordering=field)
    def column(self, obj) -> str:
        return score_text(getattr(obj, field))

    return column


def count_badge(n: int | None, *, url: str = "") -> SafeString:
    n = n or 0
    cls = "nr-count nr-count-zero" if n == 0 else "nr-count"
    if url and n:
        return format_html('<a class="{}" href="{}">{}</a>', cls, url, n)
    return format_html('<span class="{}">{}</span>', cls, n)


_PARA = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*\s+")
CONTEXT_MAX = 900


def evidence_bounds(body: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph around [start, end), or the sentences around it when the paragraph is very long."""
    para_start = max((m.end() for m in _PARA.finditer(body, 0, start)), default=0)
    m = _PARA.search(body, end)
    para_end = m.start() if m else len(body)
    if para_end - para_start <= CONTEXT_MAX:
        return para_start, para_end
    window_start = max(para_start, start - 300)
    ends = [mm.end() for mm in _SENTENCE_END.finditer(body, window_start, start)]
    s = ends[-1] if ends else window_start
    mm = _SENTENCE_END.search(body, end, min(para_end, end + 300))
    e = mm.end() if mm else min(para_end, end + 300)
    return s, e


def evidence_html(body: str, start: int, end: int, *, kind: str = "claim") -> SafeString:
    """The evidence in its context, the span itself in a <mark>."""
    if not body or start >= len(body):
        return mark_safe('<em class="nr-muted">The span is outside the article body.</em>')  # noqa: S308
    s, e = evidence_bounds(body, start, end)
    return format_html(
        '<div class="nr-evidence">{}{}<mark class="nr-hl nr-hl-{}">{}</mark>{}{}</div>',
        "… " if s > 0 else "",
        body[s:start],
        kind,
        body[start:end],
        body[end:e],
        " …" if e < len(body) else "",
    )


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # claim, quote, commitment, mention
    label: str = ""
    url: str = ""


def highlight_body(body: str, spans: Iterable[Span]) -> SafeString:
    """The whole body with every span highlighted by type. Overlapping spans are handled by cutting the text
    at every span boundary and giving each piece the classes of all spans covering it."""
    spans = [s for s in spans if 0 <= s.start < s.end <= len(body)]
    cuts = sorted({0, len(body), *(s.start for s in spans), *(s.end for s in spans)})
    parts: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [s for s in spans if s.start <= a and b <= s.end]
        text = escape(body[a:b])
        if not covering:
            parts.append(text)
            continue
        kinds = sorted({s.kind for s in covering})
        title = "; ".join(dict.fromkeys(f"{s.kind}: {s.label}" if s.label else s.kind for s in covering))
        classes = " ".join(["nr-hl", *(f"nr-hl-{k}" for k in kinds)])
        url = next((s.url for s in covering if s.url), "")
        if url:
            parts.append(f'<a href="{escape(url)}" class="{classes}" title="{escape(title)}">{text}</a>')
        else:
            parts.append(f'<span class="{classes}" title="{escape(title)}">{text}</span>')
    return mark_safe('<div class="nr-body">' + "".join(parts) + "</div>")  # noqa: S308 - every piece escaped
