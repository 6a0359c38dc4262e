"""Editors' writes on claims. Thin, typed wrappers over apps.review.services (locking, versions, history)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from apps.actors.models import Actor
from apps.articles.models import Article
from apps.claims.models import Claim
from apps.review.services import review_add, review_correct, review_set_status

_UNSET: Any = object()


def claim_review(
    *, claim: Claim, action: str, editor: Any, note: str = "", expected_version: int | None = None
) -> Claim:
    return review_set_status(item=claim, action=action, editor=editor, note=note, expected_version=expected_version)


def claim_correct(
    *,
    claim: Claim,
    editor: Any,
    note: str = "",
    expected_version: int | None = None,
    text: str = _UNSET,
    kind: str = _UNSET,
    quantity_value: Decimal | int | str | None = _UNSET,
    quantity_unit: str = _UNSET,
    quantity_qualifier: str = _UNSET,
    speaker: Actor | None = _UNSET,
) -> Claim:
    """Correct the given fields (omitted ones are left alone); the machine's values stay in machine_values."""
    given = {
        "text": text,
        "kind": kind,
        "quantity_value": Decimal(str(quantity_value)) if quantity_value not in (_UNSET, None, "") else quantity_value,
        "quantity_unit": quantity_unit,
        "quantity_qualifier": quantity_qualifier,
        "speaker": speaker,
    }
    changes = {k: (None if k == "quantity_value" and v == "" else v) for k, v in given.items() if v is not _UNSET}
    return review_correct(item=claim, editor=editor, changes=changes, note=note, expected_version=expected_version)


def claim_add(
    *,
    article: Article,
    start: int,
    end: int,
    editor: Any,
    kind: str,
    text: str = "",
    quantity_value: Decimal | int | str | None = None,
    quantity_unit: str = "",
    quantity_qualifier: str = "",
    speaker: Actor | None = None,
    score: float = 0.5,
    note: str = "",
) -> Claim:
    """A claim the machine missed (origin=editor), with its evidence span in the article body."""
    return review_add(
        model=Claim,
        editor=editor,
        article=article,
        start=start,
        end=end,
        note=note,
        text=text,
        kind=kind,
        quantity_value=Decimal(str(quantity_value)) if quantity_value not in (None, "") else None,
        quantity_unit=quantity_unit,
        quantity_qualifier=quantity_qualifier,
        speaker=speaker,
        score=score,
    )
