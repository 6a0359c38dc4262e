"""The review admin, in small modules: ``rendering`` (badges, evidence, highlighted body), ``timeline``
(history and corrections), ``filters``, ``forms`` (the review controls), ``bulk`` (bulk actions with a
confirmation page) and ``base`` (``ReviewableAdmin``). Kinds' admins import from here."""

from .base import ReviewableAdmin
from .filters import ArticleInputFilter, InputFilter, ReviewStatusFilter, actor_input_filter, article_filters
from .rendering import Span, count_badge, evidence_html, highlight_body, score_column, status_badge
from .timeline import correction_lines, history_entries, history_timeline_html

__all__ = [
    "ArticleInputFilter",
    "InputFilter",
    "ReviewStatusFilter",
    "ReviewableAdmin",
    "Span",
    "actor_input_filter",
    "article_filters",
    "correction_lines",
    "count_badge",
    "evidence_html",
    "highlight_body",
    "history_entries",
    "history_timeline_html",
    "score_column",
    "status_badge",
]
