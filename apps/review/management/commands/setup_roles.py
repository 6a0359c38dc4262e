from django.core.management.base import BaseCommand

from apps.review.roles import ensure_roles


class Command(BaseCommand):
    help = "Create (or complete) the Reporter, Editor and Chief editor groups and their permissions."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Set each group's permissions exactly (drop hand-added ones)."
        )

    def handle(self, *args, reset=False, **options):
        for role, count in ensure_roles(reset=reset).items():
            self.stdout.write(f"{role}: {count} permissions")
