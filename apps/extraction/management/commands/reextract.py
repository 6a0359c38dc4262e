"""Queue articles for a new machine run (for example after an engine upgrade). Editors' rows are kept."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from apps.articles.lifecycle import stale_before
from apps.articles.models import Article
from apps.articles.services import article_requeue
from apps.common.progress import add_progress_argument, progress
from apps.extraction.engine import ENGINE_VERSION


class Command(BaseCommand):
    help = "Re-run extraction on articles: --all, --outdated, --failed, --stuck, or ids."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int)
        parser.add_argument("--all", action="store_true")
        parser.add_argument("--outdated", action="store_true", help=f"articles not extracted by {ENGINE_VERSION}")
        parser.add_argument("--failed", action="store_true")
        parser.add_argument(
            "--stuck", action="store_true", help="articles left 'extracting' longer than the task's hard time limit"
        )
        add_progress_argument(parser)

    def handle(self, *args, **opts):
        qs = Article.objects.all()
        if opts["ids"]:
            qs = qs.filter(pk__in=opts["ids"])
            missing = set(opts["ids"]) - set(qs.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"no article with id {', '.join(map(str, sorted(missing)))}")
        elif opts["outdated"]:
            qs = qs.exclude(extractor_version=ENGINE_VERSION)
        elif opts["failed"]:
            qs = qs.filter(status=Article.Status.FAILED)
        elif opts["stuck"]:
            qs = qs.filter(status=Article.Status.EXTRACTING, extraction_started_at__lt=stale_before())
        elif not opts["all"]:
            raise CommandError("say which articles: ids, --all, --outdated, --failed or --stuck")
        count = 0
        for article in progress(qs.only("pk").iterator(), total=qs.count(), force=opts["progress"]):
            article_requeue(article=article)
            count += 1
        self.stdout.write(f"queued {count} article(s) for extraction with engine {ENGINE_VERSION}")
