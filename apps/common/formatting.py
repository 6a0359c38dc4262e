"""Numbers as editors write them, for every page an editor or reader sees (the admin, the public pages,
feeds, the correction summary): "€1.2 billion", "30 million tonnes", "1,200 troops", scores "0.85".

The API keeps exact values; only what is shown to people goes through here.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import humanize

CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}


def number_text(value: Decimal | float | int | str) -> str:
    """Grouped digits ("1,200"), or the short form from a million up ("1.2 billion")."""
    try:
        value = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if value == value.to_integral_value():
        whole = int(value)
        if abs(whole) >= 1_000_000:
            # "1.2 billion"; humanize keeps one decimal and drops a trailing ".0"
            return humanize.intword(whole, "%.1f").replace(".0 ", " ")
        return humanize.intcomma(whole)
    return humanize.intcomma(format(value.normalize(), "f"))


def quantity_text(value, unit: str = "", qualifier: str = "") -> str:
    """ "about €120 million", "more than 30 million tonnes", "40%"."""
    if value in (None, ""):
        return ""
    number = number_text(value)
    symbol = CURRENCY_SYMBOLS.get((unit or "").upper())
    if symbol:
        text = f"{symbol}{number}"
    elif unit == "percent":
        text = f"{number}%"
    else:
        text = f"{number} {unit}".strip()
    return f"{qualifier} {text}".strip() if qualifier else text


def score_text(score: float | Decimal | None) -> str:
    """A machine score to two decimals ("0.85", not "0.8500000000000001")."""
    return "—" if score is None else f"{float(score):.2f}"
