"""Load the demo articles written for this project (apps/articles/demo), create a demo editor account, and
publish part of what the machine found as that editor would, so the public side has something to show."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.utils import timezone

from apps.articles.models import Article, Outlet
from apps.articles.services import DuplicateArticle, article_ingest
from apps.pipeline.demo import publish_demo, run_pipeline_now

DEMO_DIR = Path(settings.BASE_DIR) / "apps" / "articles" / "demo"
DEMO_USER = "editor"
DEMO_PASSWORD = "newsroom-demo"  # noqa: S105 - printed on purpose: a local demo account


class Command(BaseCommand):
    help = "Load demo articles (written for this project), a demo editor account, and publish part of them."

    def add_arguments(self, parser):
        parser.add_argument("--no-user", action="store_true", help="do not create the demo account")
        parser.add_argument("--no-publish", action="store_true", help="leave every demo item unreviewed")

    def handle(self, *args, **opts):
        outlet, _ = Outlet.objects.get_or_create(name="Demo Gazette", defaults={"domain": "demo.example.org"})
        base = timezone.make_aware(datetime(2026, 11, 2, 9, 0))
        articles = []
        for i, path in enumerate(sorted(DEMO_DIR.iterdir())):
            try:
                article = article_ingest(
                    raw=path.read_bytes(), filename=path.name, outlet=outlet, published_at=base + timedelta(days=i)
                )
            except DuplicateArticle as exc:
                self.stdout.write(f"already loaded: {path.name} (#{exc.article.pk})")
                articles.append(exc.article)
                continue
            article.refresh_from_db()
            articles.append(article)
            self.stdout.write(f"loaded #{article.pk} {article.title!r}: {article.status}")
        user = None if opts["no_user"] else self._demo_user()
        if user is not None and not opts["no_publish"]:
            run_pipeline_now([Article.objects.get(pk=a.pk) for a in articles])
            done = publish_demo(articles=articles, editor=user)
            if done.items:
                accepted = f"accepted the initiative “{done.initiative}” and confirmed {done.links} link(s)"
                self.stdout.write(
                    f"published as the demo editor: verified {done.items} item(s); "
                    + (accepted if done.initiative else "no initiative to accept")
                )
                self.stdout.write("public pages: /facts/  /tracker/  /facts/feed/  /api/v1/claims/")
        if user is not None:
            self.stdout.write(self.style.SUCCESS(f"Demo login: {DEMO_USER} / {DEMO_PASSWORD}  (log in at /admin/)"))

    def _demo_user(self):
        User = get_user_model()
        user, created = User.objects.get_or_create(username=DEMO_USER, defaults={"is_staff": True})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        group = Group.objects.filter(name="Editor").first()
        if group:
            user.groups.add(group)
        else:
            # Without the roles (not migrated yet) the demo account is a superuser.
            user.is_superuser = True
            user.save(update_fields=["is_superuser"])
        return user
