"""Editors' writes on quotes. Thin, typed wrappers over apps.review.services (locking, versions, history)."""

from __future__ import annotations

from typing import Any

from apps.actors.models import Actor
from apps.articles.models import Article
from apps.quotes.models import Quote
from apps.review.services import review_add, review_correct, review_set_status

_UNSET: Any = object()


def quote_review(
    *, quote: Quote, action: str, editor: Any, note: str = "", expected_version: int | None = None
) -> Quote:
    return review_set_status(item=quote, action=action, editor=editor, note=note, expected_version=expected_version)


def quote_correct(
    *,
    quote: Quote,
    editor: Any,
    note: str = "",
    expected_version: int | None = None,
    speaker: Actor | None = _UNSET,
    text: str = _UNSET,
) -> Quote:
    """Correct the speaker (or the quoted words); the machine's values stay in machine_values."""
    changes = {k: v for k, v in {"speaker": speaker, "text": text}.items() if v is not _UNSET}
    return review_correct(item=quote, editor=editor, changes=changes, note=note, expected_version=expected_version)


def quote_add(
    *,
    article: Article,
    start: int,
    end: int,
    editor: Any,
    text: str = "",
    speaker: Actor | None = None,
    note: str = "",
) -> Quote:
    """A quote the machine missed (origin=editor); ``text`` defaults to the selected span."""
    return review_add(
        model=Quote, editor=editor, article=article, start=start, end=end, note=note, text=text, speaker=speaker
    )
