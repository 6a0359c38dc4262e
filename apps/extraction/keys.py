"""Natural keys of machine rows within an article: what makes two machine items the same item.

Persist upserts by these keys; the data migrations that introduced them use the same functions.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation


def _number(value) -> str:
    if value is None or value == "":
        return ""
    try:
        return format(Decimal(str(value)).normalize(), "f")
    except (InvalidOperation, ValueError):
        return str(value)


def claim_key(*, start: int, end: int, kind: str, unit: str, value) -> str:
    return f"{start}-{end}|{kind}|{unit}|{_number(value)}"[:300]


def quote_key(*, start: int, end: int) -> str:
    return f"{start}-{end}"


def commitment_key(*, start: int, end: int, actor_id: int, stance: str) -> str:
    return f"{start}-{end}|{actor_id}|{stance}"


def backfill_keys(model, key_of, batch_size: int = 2000) -> None:
    """Give every row of ``model`` (a migration's historical model) its key, in batches."""
    batch = []
    for row in model.objects.all().iterator(chunk_size=batch_size):
        row.machine_key = key_of(row)
        batch.append(row)
        if len(batch) == batch_size:
            model.objects.bulk_update(batch, ["machine_key"])
            batch = []
    model.objects.bulk_update(batch, ["machine_key"])
