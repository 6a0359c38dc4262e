"""A worker process's start: the engine loaded once, before the pool forks.

``worker_init`` runs in the worker's main process after its queues are chosen and before the prefork
pool starts its children, so each child inherits the loaded spaCy model and gazetteer (shared pages
until written) instead of loading its own on its first article. A worker that does not consume the
extraction queue (``-Q track``) skips it and stays small.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from django.conf import settings
from django.db import connection

from apps.extraction.engine.pipeline import preload

logger = logging.getLogger(__name__)


def consumes_extraction(worker: Any) -> bool:
    queues = getattr(getattr(worker, "app", None), "amqp", None)
    selected = getattr(getattr(queues, "queues", None), "consume_from", None)
    # No -Q: the worker consumes every declared queue (CELERY_TASK_QUEUES), extraction's included.
    return not selected or settings.NEWSROOM_EXTRACT_QUEUE in selected


def preload_engine(sender: Any = None, **_: Any) -> None:
    """Receiver of Celery's ``worker_init``."""
    if not consumes_extraction(sender):
        return
    started = time.monotonic()
    preload()
    logger.info("extraction engine loaded in %.1f s, before the pool starts", time.monotonic() - started)


# --- per-task cost, for operators and bench/pipeline.py --------------------------------------------
# Each task run logs one line: its CPU seconds, its database queries and when it ended, e.g.
#   task apps.extraction.tasks.extract_article args=[12] cpu=0.081 queries=24 ended=1764640000.123
# (the extraction service adds the engine/persistence split of the CPU time).

metrics_logger = logging.getLogger("apps.pipeline.metrics")


class _QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


_running: dict[str, tuple[float, _QueryCounter]] = {}


def task_started(task_id: str | None = None, **_: Any) -> None:
    """Receiver of ``task_prerun``: start the task's CPU clock and query count."""
    counter = _QueryCounter()
    connection.execute_wrappers.append(counter)
    _running[task_id or ""] = (time.process_time(), counter)


def task_ended(task_id: str | None = None, task: Any = None, args: Any = None, **_: Any) -> None:
    """Receiver of ``task_postrun``: log what the task cost."""
    started = _running.pop(task_id or "", None)
    if started is None:
        return
    cpu_start, counter = started
    if counter in connection.execute_wrappers:
        connection.execute_wrappers.remove(counter)
    metrics_logger.info(
        "task %s args=%s cpu=%.4f queries=%d ended=%.3f",
        getattr(task, "name", "?"),
        json.dumps(list(args or [])),
        time.process_time() - cpu_start,
        counter.count,
        time.time(),
    )
