"""Events the articles app announces. It runs no work itself: ``apps/pipeline`` listens and enqueues."""

from django.dispatch import Signal

# Sent inside the transaction that (re)queued an article; ``article_id`` is the only argument.
article_queued = Signal()
