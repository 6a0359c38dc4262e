"""One extraction run: claim the article, run the engine on it, store the result.

The article's status moves only through ``apps/articles/lifecycle.py``; the result is stored by
``persist.py``; what runs before and after is decided by ``apps/pipeline``.
"""

from __future__ import annotations

import logging
import time

from apps.articles import lifecycle
from apps.articles.models import Article
from apps.review.history import as_machine

from .aliases import alias_table
from .engine import EngineInputError, extract
from .persist import PersistSummary, extraction_persist

logger = logging.getLogger(__name__)


def article_extract(*, article_id: int, redelivered: bool = False) -> PersistSummary | None:
    """Claim, extract and persist one article. Bad articles end ``failed`` with a readable reason.

    The engine decides the language (its verdict is stored); for a language other than English it
    returns an empty result, so the article ends extracted with no machine rows.
    """
    if not lifecycle.claim_for_extraction(article_id=article_id, redelivered=redelivered):
        logger.info("article %s is not queued (already taken or done); skipping", article_id)
        return None
    article = Article.objects.get(pk=article_id)
    table = alias_table()
    started = time.process_time()
    try:
        extraction = extract(article.body, published=article.published_at, aliases=table)
    except EngineInputError as exc:
        lifecycle.mark_failed(article_id=article_id, reason=f"cannot extract: {exc}")
        return None
    engine_done = time.process_time()
    # The rows are the machine's in the history, also when this runs inside an editor's request.
    with as_machine():
        summary = extraction_persist(article=article, extraction=extraction)
    # CPU seconds by stage, for operators and bench/pipeline.py (the task's own line has the total).
    logger.info(
        "article %s extracted: engine_cpu=%.4f persist_cpu=%.4f",
        article_id,
        engine_done - started,
        time.process_time() - engine_done,
    )
    return summary
