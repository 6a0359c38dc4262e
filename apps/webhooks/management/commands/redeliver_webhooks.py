"""Send failed webhook deliveries again (or the given ones)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from apps.webhooks.models import Delivery
from apps.webhooks.tasks import deliver_webhook


class Command(BaseCommand):
    help = "Queue webhook deliveries again: --failed, or delivery ids."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="delivery ids")
        parser.add_argument("--failed", action="store_true", help="every failed delivery")

    def handle(self, *args, ids, failed, **opts):
        if not ids and not failed:
            raise CommandError("give delivery ids or --failed")
        qs = Delivery.objects.filter(pk__in=ids) if ids else Delivery.objects.filter(status=Delivery.Status.FAILED)
        count = 0
        for delivery in qs.exclude(status__in=(Delivery.Status.DELIVERED, Delivery.Status.SKIPPED)).order_by("pk"):
            Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.PENDING)
            deliver_webhook.delay(delivery.pk)
            count += 1
        self.stdout.write(f"queued {count} deliver{'y' if count == 1 else 'ies'}")
