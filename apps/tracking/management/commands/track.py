"""manage.py track [--all | ARTICLE_ID ...]: run the tracking step (initiatives, claim matching, findings)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from apps.articles import lifecycle
from apps.articles.models import Article
from apps.common.progress import add_progress_argument
from apps.common.progress import progress as show_progress
from apps.tracking.services import articles_track


class Command(BaseCommand):
    help = "Suggest initiatives, match claims and refresh findings for articles (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("article_ids", nargs="*", type=int)
        parser.add_argument("--all", action="store_true", help="every extracted article, oldest first")
        parser.add_argument(
            "--batch", type=int, default=50, help="articles tracked together (profiles and matcher built once)"
        )
        add_progress_argument(parser)

    def handle(self, *args, article_ids, all, batch, progress: bool = False, **options):
        if all == bool(article_ids):
            raise CommandError("give article ids or --all (not both)")
        if batch < 1:
            raise CommandError("--batch must be at least 1")
        if all:
            articles = Article.objects.filter(status=Article.Status.EXTRACTED).order_by("published_at", "id")
        else:
            articles = Article.objects.filter(pk__in=article_ids).order_by("published_at", "id")
            missing = set(article_ids) - set(articles.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"no article with id {', '.join(map(str, sorted(missing)))}")
        self.totals = [0, 0, 0, 0]
        chunk: list[Article] = []
        for article in show_progress(articles.iterator(), total=articles.count(), force=progress):
            chunk.append(article)
            if len(chunk) == batch:
                self._track(chunk)
                chunk = []
        if chunk:
            self._track(chunk)
        n, links, matches, findings = self.totals
        self.stdout.write(
            f"tracked {n} article(s): {links} commitment link(s), {matches} claim match(es), {findings} finding(s)"
        )

    def _track(self, articles: list[Article]) -> None:
        for result in articles_track(articles=articles):
            lifecycle.mark_tracked(article_id=result.article_id)  # so the reconciler does not send it again
            self.stdout.write(
                f"article {result.article_id}: {result.links} commitment link(s), "
                f"{result.matches} claim match(es), {result.findings} finding(s)"
            )
            t = self.totals
            self.totals = [t[0] + 1, t[1] + result.links, t[2] + result.matches, t[3] + result.findings]
