"""Load the demo articles written for this project and create a demo editor account."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.utils import timezone

from apps.articles.models import Outlet
from apps.articles.services import DuplicateArticle, article_ingest

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
DEMO_USER = "editor"
DEMO_PASSWORD = "newsroom-demo"  # noqa: S105 - printed on purpose: a local demo account


class Command(BaseCommand):
    help = "Load demo articles (written for this project) and a demo editor account."

    def add_arguments(self, parser):
        parser.add_argument("--no-user", action="store_true", help="do not create the demo account")

    def handle(self, *args, **opts):
        outlet, _ = Outlet.objects.get_or_create(name="Demo Gazette", defaults={"domain": "demo.example.org"})
        base = timezone.make_aware(datetime(2026, 11, 2, 9, 0))
        for i, path in enumerate(sorted(DEMO_DIR.iterdir())):
            try:
                article = article_ingest(
                    raw=path.read_bytes(), filename=path.name, outlet=outlet, published_at=base + timedelta(days=i)
                )
            except DuplicateArticle as exc:
                self.stdout.write(f"already loaded: {path.name} (#{exc.article.pk})")
                continue
            article.refresh_from_db()
            self.stdout.write(f"loaded #{article.pk} {article.title!r}: {article.status}")
        if not opts["no_user"]:
            self._demo_user()

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
            # Roles arrive with the editor workflow; until then the demo account is a superuser.
            user.is_superuser = True
            user.save(update_fields=["is_superuser"])
        self.stdout.write(self.style.SUCCESS(f"Demo login: {DEMO_USER} / {DEMO_PASSWORD}  (log in at /admin/)"))
