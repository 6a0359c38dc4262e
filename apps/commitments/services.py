"""Editors' writes on commitments. Thin, typed wrappers over apps.review.services (locking, versions, history)."""

from __future__ import annotations

import datetime
from typing import Any

from apps.actors.models import Actor
from apps.articles.models import Article
from apps.commitments.models import Commitment
from apps.review.services import review_add, review_correct, review_set_status

_UNSET: Any = object()


def commitment_review(
    *, commitment: Commitment, action: str, editor: Any, note: str = "", expected_version: int | None = None
) -> Commitment:
    return review_set_status(
        item=commitment, action=action, editor=editor, note=note, expected_version=expected_version
    )


def commitment_correct(
    *,
    commitment: Commitment,
    editor: Any,
    note: str = "",
    expected_version: int | None = None,
    actor: Actor = _UNSET,
    stance: str = _UNSET,
    action: str = _UNSET,
    condition: str = _UNSET,
    stated_on: datetime.date | None = _UNSET,
) -> Commitment:
    """Correct the actor, stance, action, condition or date; the machine's values stay in machine_values."""
    given = {"actor": actor, "stance": stance, "action": action, "condition": condition, "stated_on": stated_on}
    changes = {k: v for k, v in given.items() if v is not _UNSET}
    return review_correct(item=commitment, editor=editor, changes=changes, note=note, expected_version=expected_version)


def commitment_add(
    *,
    article: Article,
    start: int,
    end: int,
    editor: Any,
    actor: Actor,
    stance: str,
    action: str,
    condition: str = "",
    stated_on: datetime.date | None = None,
    note: str = "",
) -> Commitment:
    """A commitment the machine missed (origin=editor), with its evidence span."""
    if stated_on is None and article.published_at:
        stated_on = article.published_at.date()
    return review_add(
        model=Commitment,
        editor=editor,
        article=article,
        start=start,
        end=end,
        note=note,
        actor=actor,
        stance=stance,
        action=action,
        condition=condition,
        stated_on=stated_on,
    )
