"""manage.py track [--all | ARTICLE_ID ...]: run the tracking step (initiatives, claim matching, findings)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from apps.articles import lifecycle
from apps.articles.models import Article
from apps.common.progress import add_progress_argument
from apps.common.progress import progress as show_progress
from apps.tracking.services import article_track


class Command(BaseCommand):
    help = "Suggest initiatives, match claims and refresh findings for articles (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("article_ids", nargs="*", type=int)
        parser.add_argument("--all", action="store_true", help="every extracted article, oldest first")
        add_progress_argument(parser)

    def handle(self, *args, article_ids, all, progress: bool = False, **options):
        if all == bool(article_ids):
            raise CommandError("give article ids or --all (not both)")
        if all:
            articles = Article.objects.filter(status=Article.Status.EXTRACTED).order_by("published_at", "id")
        else:
            articles = Article.objects.filter(pk__in=article_ids).order_by("published_at", "id")
            missing = set(article_ids) - set(articles.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"no article with id {', '.join(map(str, sorted(missing)))}")
        totals = [0, 0, 0, 0]
        for article in show_progress(articles.iterator(), total=articles.count(), force=progress):
            result = article_track(article=article)
            lifecycle.mark_tracked(article_id=article.pk)  # so the reconciler does not send it again
            self.stdout.write(
                f"article {result.article_id}: {result.links} commitment link(s), "
                f"{result.matches} claim match(es), {result.findings} finding(s)"
            )
            totals = [totals[0] + 1, totals[1] + result.links, totals[2] + result.matches, totals[3] + result.findings]
        n, links, matches, findings = totals
        self.stdout.write(
            f"tracked {n} article(s): {links} commitment link(s), {matches} claim match(es), {findings} finding(s)"
        )
