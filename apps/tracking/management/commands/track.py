"""manage.py track [--all | ARTICLE_ID ...]: run the tracking step (initiatives, claim matching, findings)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from apps.articles import lifecycle
from apps.articles.models import Article
from apps.tracking.services import article_track


class Command(BaseCommand):
    help = "Suggest initiatives, match claims and refresh findings for articles (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("article_ids", nargs="*", type=int)
        parser.add_argument("--all", action="store_true", help="every extracted article, oldest first")

    def handle(self, *args, article_ids, all, **options):
        if all == bool(article_ids):
            raise CommandError("give article ids or --all (not both)")
        if all:
            articles = Article.objects.filter(status=Article.Status.EXTRACTED).order_by("published_at", "id")
        else:
            articles = Article.objects.filter(pk__in=article_ids).order_by("published_at", "id")
            missing = set(article_ids) - set(articles.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"no article with id {', '.join(map(str, sorted(missing)))}")
        for article in articles.iterator():
            result = article_track(article=article)
            lifecycle.mark_tracked(article_id=article.pk)  # so the reconciler does not send it again
            self.stdout.write(
                f"article {result.article_id}: {result.links} commitment link(s), "
                f"{result.matches} claim match(es), {result.findings} finding(s)"
            )
