"""The pipeline's order, in one place, and the only code that enqueues work:

    ingest (apps/articles) --article_queued--> extract_article (apps/extraction) --> track_article (apps/tracking)

The steps themselves know nothing of each other: articles announce a queued article, extraction
stores a result, tracking links what was stored. ``tasks.py`` wires them in that order.
"""
