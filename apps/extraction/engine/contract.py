"""Map an :class:`Extraction` to the JSON of docs/extraction-contract.md."""

from __future__ import annotations

from typing import Any

from .types import Extraction


def _number(value: float | int) -> float | int:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def to_contract(extraction: Extraction) -> dict[str, Any]:
    return {
        "actors": [
            {
                "name": a.name,
                "kind": a.kind,
                "country_code": a.country_code,
                "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in a.mentions],
            }
            for a in extraction.actors
        ],
        "quotes": [{"text": q.text, "start": q.start, "end": q.end, "speaker": q.speaker} for q in extraction.quotes],
        "claims": [
            {
                "text": c.text,
                "start": c.start,
                "end": c.end,
                "kind": c.kind,
                "quantity": (
                    {"value": _number(c.quantity.value), "unit": c.quantity.unit}
                    | ({"qualifier": c.quantity.qualifier} if c.quantity.qualifier else {})
                    if c.quantity
                    else None
                ),
                "speaker": c.speaker,
                "score": round(c.score, 3),
            }
            | ({"dates": list(c.dates)} if c.dates else {})
            for c in extraction.claims
        ],
        "commitments": [
            {
                "actor": c.actor,
                "stance": c.stance,
                "action": c.action,
                "condition": c.condition,
                "start": c.start,
                "end": c.end,
            }
            for c in extraction.commitments
        ],
        "language": extraction.language,
        "engine_version": extraction.engine_version,
        "warnings": list(extraction.warnings),
    }
