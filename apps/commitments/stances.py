"""Stance changes, computed once: an actor's statements in date order, cut into runs of one stance.

The public actor timeline (``apps/actors/api.py``) and the initiative ledger (``apps/tracking/ledger.py``)
both read changes from here, so "when did the stance change, and from what" has one answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class StanceRun(Generic[T]):
    """Consecutive statements of one stance; ``previous_stance`` is the stance of the run before (None first)."""

    stance: str
    previous_stance: str | None
    items: list[T] = field(default_factory=list)


def stance_runs(items: Iterable[T], stance: Callable[[T], str]) -> list[StanceRun[T]]:
    """Cut ``items`` (already in date order) into runs; a new run starts where the stance changes."""
    runs: list[StanceRun[T]] = []
    for item in items:
        value = stance(item)
        if runs and runs[-1].stance == value:
            runs[-1].items.append(item)
        else:
            runs.append(StanceRun(value, runs[-1].stance if runs else None, [item]))
    return runs
