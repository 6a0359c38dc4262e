"""The demo's published side: what a demo editor verifies after `manage.py load_demo`, so a newcomer sees
the public pages, feeds, tracker and API populated. Everything goes through the review and tracking
services, as an editor's clicks would (with history naming the demo editor).

Publishing takes the three steps an editor takes: verify items, accept an initiative, confirm its links.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count

from apps.articles.models import Article
from apps.commitments.models import Commitment
from apps.extraction.services import article_extract
from apps.review.registry import reviewable_models
from apps.review.services import review_set_status
from apps.review.statuses import Action, ReviewStatus
from apps.tracking.models import CommitmentInitiative, Initiative, LinkStatus
from apps.tracking.services import article_track, commitment_initiative_confirm, initiative_accept

NOTE = "demo: checked against the article"
# Of each article's claims and quotes, the editor verifies the first ones (highest score first for claims),
# leaving the rest unreviewed so the review queues have work in them too.
PER_ARTICLE = 2


@dataclass
class DemoPublished:
    items: int = 0
    initiative: Initiative | None = None
    links: int = 0


def run_pipeline_now(articles: list[Article]) -> None:
    """Extract and track articles still queued (a broker was configured, so nothing ran in-process)."""
    for article in articles:
        if article.status == Article.Status.QUEUED and article_extract(article_id=article.pk) is not None:
            article_track(article=Article.objects.get(pk=article.pk))


def _first(model: Any, article: Article) -> list[Any]:
    order = ["-score", "start"] if any(f.name == "score" for f in model._meta.fields) else ["start"]
    return list(model.objects.filter(article=article, review_status=ReviewStatus.UNREVIEWED).order_by(*order))


@transaction.atomic
def publish_demo(*, articles: list[Article], editor: Any) -> DemoPublished:
    """Verify part of the demo articles' items, accept the initiative with the most links, confirm its links
    (and verify their commitments). Does nothing when an editor already reviewed something in these
    articles (a second load keeps their work)."""
    done = DemoPublished()
    kinds = reviewable_models()
    reviewed = (m.objects.filter(article__in=articles).exclude(review_status=ReviewStatus.UNREVIEWED) for m in kinds)
    if any(qs.exists() for qs in reviewed):
        return done
    initiative = (
        Initiative.objects.filter(commitment_links__commitment__article__in=articles, status=Initiative.Status.PROPOSED)
        .annotate(n=Count("commitment_links"))
        .order_by("-n", "pk")
        .first()
    )
    chosen_commitments: set[int] = set()
    if initiative is not None:
        done.initiative = initiative_accept(initiative=initiative, editor=editor)
        links = CommitmentInitiative.objects.filter(initiative=initiative, status=LinkStatus.SUGGESTED)
        for link in links.select_related("commitment"):
            commitment_initiative_confirm(link=link, editor=editor)
            chosen_commitments.add(link.commitment_id)
            done.links += 1
    for model in kinds:
        for article in articles:
            if model is Commitment:
                items = [c for c in _first(model, article) if c.pk in chosen_commitments]
            else:
                items = _first(model, article)[:PER_ARTICLE]
            for item in items:
                review_set_status(item=item, action=Action.VERIFY, editor=editor, note=NOTE)
                done.items += 1
    return done
