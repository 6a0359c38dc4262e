"""Ingest articles from files, directories, URLs or standard input."""

from __future__ import annotations

import re
import sys
from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_date, parse_datetime

from apps.articles import lifecycle
from apps.articles.ingestion import InputError
from apps.articles.models import Outlet
from apps.articles.services import DuplicateArticle, article_ingest
from apps.common.progress import add_progress_argument, progress

_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
TEXT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm"}


class Command(BaseCommand):
    help = "Ingest articles: PATH (file or directory), URL, or - for standard input."

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", help="files, directories, http(s) URLs, or -")
        parser.add_argument("--title", default="", help="title (single article only)")
        parser.add_argument("--outlet", default="", help="outlet name (created when new)")
        parser.add_argument("--published", default="", help="publication date, YYYY-MM-DD or ISO datetime")
        add_progress_argument(parser)

    def handle(self, *args, **opts):
        published = self._published(opts["published"])
        outlet = Outlet.objects.get_or_create(name=opts["outlet"])[0] if opts["outlet"] else None
        items = list(self._expand(opts["sources"]))
        if opts["title"] and len(items) > 1:
            raise CommandError("--title only makes sense with a single article")
        created = refused = 0
        # A bar for a directory or several sources (on a terminal, or with --progress); not for one article.
        shown = progress(items, force=opts["progress"]) if len(items) > 1 else items
        for kind, value in shown:
            label = value if kind != "stdin" else "<stdin>"
            try:
                kwargs = {"title": opts["title"], "outlet": outlet, "published_at": published}
                if kind == "url":
                    article = article_ingest(url=value, **kwargs)
                elif kind == "stdin":
                    article = article_ingest(raw=sys.stdin.buffer.read(), filename="<stdin>", **kwargs)
                else:
                    article = article_ingest(raw=Path(value).read_bytes(), filename=Path(value).name, **kwargs)
            except DuplicateArticle as exc:
                refused += 1
                self.stdout.write(f"skipped  {label}: {exc}")
                continue
            except (InputError, OSError) as exc:
                refused += 1
                self.stdout.write(self.style.WARNING(f"refused  {label}: {exc}"))
                continue
            created += 1
            article.refresh_from_db(fields=["status", "failure_reason", "last_error"])
            state = article.status
            if lifecycle.waits_for_queue(article):
                state = "queued; will be extracted when the task queue is reachable"
            self.stdout.write(
                self.style.SUCCESS(f"created  #{article.pk} {article.title[:70]!r} [{state}]") + f" ← {label}"
            )
        self.stdout.write(f"{created} created, {refused} refused or skipped")
        if refused and not created:
            raise CommandError("nothing was ingested")

    def _expand(self, sources):
        for source in sources:
            if source == "-":
                yield "stdin", source
            elif _URL_SCHEME.match(source):
                yield "url", source  # any scheme: article_ingest refuses all but http(s) with the reason
            elif Path(source).is_dir():
                files = sorted(p for p in Path(source).rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
                if not files:
                    self.stdout.write(self.style.WARNING(f"refused  {source}: no .txt/.html files in it"))
                for p in files:
                    yield "file", str(p)
            elif Path(source).is_file():
                yield "file", source
            else:
                raise CommandError(f"{source}: no such file, directory or URL")

    def _published(self, value: str) -> datetime | None:
        if not value:
            return None
        parsed = parse_datetime(value)
        if parsed is None:
            day = parse_date(value)
            if day is None:
                raise CommandError(f"--published: cannot read {value!r} (use YYYY-MM-DD)")
            parsed = datetime(day.year, day.month, day.day, 12)
        return parsed
