"""A progress bar for long management commands: on standard error, only on a terminal or when asked
(``--progress``), so logs and pipes get the command's own lines only."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

from tqdm import tqdm


def progress(items: Iterable[Any], *, total: int | None = None, unit: str = "article", force: bool = False) -> tqdm:
    shown = force or sys.stderr.isatty()
    return tqdm(items, total=total, unit=unit, file=sys.stderr, disable=not shown, dynamic_ncols=True)


def add_progress_argument(parser: Any) -> None:
    parser.add_argument(
        "--progress", action="store_true", help="show a progress bar on standard error (shown on a terminal anyway)"
    )
