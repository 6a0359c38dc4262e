"""Units and numbers: plain Python, no Django, shared by the matcher and the consistency checks."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# Units that count actors (a claim "26 countries committed" can be checked against a ledger).
_UNIT_SYNONYMS = {
    "nation": "country",
    "state": "country",
    "government": "country",
    "ally": "country",
    "member state": "country",
    "per cent": "percent",
    "pct": "percent",
    "%": "percent",
    "people": "person",
    "individual": "person",
    "euro": "EUR",
    "eur": "EUR",
    "dollar": "USD",
    "usd": "USD",
    "pound": "GBP",
    "gbp": "GBP",
    "yr": "year",
}
ACTOR_COUNT_UNITS = frozenset({"country", "participant", "member", "partner", "leader", "organisation", "party"})

_IRREGULAR = {"people": "people", "countries": "country", "allies": "ally", "parties": "party"}


@functools.lru_cache(maxsize=4096)
def normalize_unit(unit: str | None) -> str:
    """'Nations' -> 'country', 'per cent' -> 'percent', 'euros' -> 'EUR'; '' when unknown.

    Cached: matching compares every new claim's unit with its candidates' units, a few hundred pairs per
    article, over a vocabulary of a few hundred units."""
    text = re.sub(r"\s+", " ", (unit or "").strip().lower())
    if not text:
        return ""
    if text in _IRREGULAR:
        text = _IRREGULAR[text]
    elif text.endswith("ies") and len(text) > 4:
        text = text[:-3] + "y"
    elif text.endswith("s") and not text.endswith("ss") and len(text) > 3:
        text = text[:-1]
    return _UNIT_SYNONYMS.get(text, text)


def is_actor_count_unit(unit: str | None) -> bool:
    return normalize_unit(unit) in ACTOR_COUNT_UNITS


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str = ""
    qualifier: str = ""

    @property
    def norm_unit(self) -> str:
        return normalize_unit(self.unit)


_MORE = ("more than", "over", "above", "at least", "upwards of", "in excess of", "more")
_LESS = ("less than", "fewer than", "under", "below", "at most", "up to", "fewer", "less")
_ABOUT = ("about", "around", "nearly", "almost", "roughly", "approximately", "some", "close to", "estimated")


def satisfies(quantity: Quantity, value: float) -> bool:
    """Whether an exact ``value`` is consistent with ``quantity`` and its qualifier ("more than 24")."""
    q = (quantity.qualifier or "").lower().strip()
    if any(q.startswith(m) for m in _MORE):
        return value > quantity.value or (q.startswith("at least") and value == quantity.value)
    if any(q.startswith(m) for m in _LESS):
        return value < quantity.value or (q.startswith(("at most", "up to")) and value == quantity.value)
    if any(q.startswith(m) for m in _ABOUT):
        return abs(value - quantity.value) <= max(1.0, 0.1 * abs(quantity.value))
    return value == quantity.value


_DURATION_HOURS = {"hour": 1.0, "day": 24.0, "week": 168.0, "month": 730.0, "year": 8766.0}


def _comparable(a: Quantity, b: Quantity) -> tuple[float, float, bool]:
    """Values in a common unit when both are durations; else as given, with whether the units agree."""
    ua, ub = a.norm_unit, b.norm_unit
    if ua in _DURATION_HOURS and ub in _DURATION_HOURS:
        return a.value * _DURATION_HOURS[ua], b.value * _DURATION_HOURS[ub], True
    return a.value, b.value, (ua == ub) or not ua or not ub


def number_similarity(a: Quantity | None, b: Quantity | None) -> float | None:
    """1 same number and unit, partial when qualifiers make them compatible, 0 when they differ.

    None when one side has no number: absence is no evidence either way. Equal numbers with different
    units ("2 people" / "2 deminers") score partially: units are words and reporters vary them.
    """
    if a is None or b is None:
        return None
    va, vb, same_unit = _comparable(a, b)
    unit_factor = 1.0 if same_unit else 0.6
    if va == vb:
        return unit_factor * (1.0 if (a.qualifier or "") == (b.qualifier or "") else 0.9)
    if satisfies(Quantity(va, "", a.qualifier), vb) or satisfies(Quantity(vb, "", b.qualifier), va):
        return unit_factor * 0.7
    big = max(abs(va), abs(vb))
    if big and abs(va - vb) / big <= 0.02:  # rounding: 210 billion vs 210.4 billion
        return unit_factor * 0.8
    return 0.0 if same_unit else 0.05


def numbers_conflict(a: Quantity | None, b: Quantity | None) -> bool:
    """Both state a number in the same unit and the numbers can't both be right."""
    return a is not None and b is not None and number_similarity(a, b) == 0.0
