"""Numbers as editors write them on the public pages: "€1.2 billion", "30 million tonnes", "1,200 troops"."""

from __future__ import annotations

from decimal import Decimal

import humanize

CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}


def number_text(value: Decimal | float | int) -> str:
    value = Decimal(str(value))
    if value == value.to_integral_value():
        whole = int(value)
        if abs(whole) >= 1_000_000:
            # "1.2 billion"; humanize keeps one decimal and drops a trailing ".0"
            return humanize.intword(whole, "%.1f").replace(".0 ", " ")
        return humanize.intcomma(whole)
    return humanize.intcomma(format(value.normalize(), "f"))


def quantity_text(value, unit: str = "", qualifier: str = "") -> str:
    if value is None:
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
