"""Send again the work the database says is pending (what the beat task does every interval)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from apps.pipeline.reconcile import pending, reconcile
from apps.pipeline.tasks import send_extraction, send_tracking


class Command(BaseCommand):
    help = (
        "Re-send tasks for articles left queued or extracting (stuck) and for extracted articles never tracked. "
        "Beat runs this every NEWSROOM_RECONCILE_INTERVAL seconds; running it by hand is safe."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only count what would be sent")

    def handle(self, *args, **opts):
        if opts["dry_run"]:
            counts = {kind: qs.count() for kind, qs in pending().items()}
            self.stdout.write(", ".join(f"{n} {kind}" for kind, n in counts.items()) + " (dry run: nothing sent)")
            return
        report = reconcile(send_extraction=send_extraction, send_tracking=send_tracking)
        self.stdout.write(f"sent: {report}")
        if report.unsent:
            self.stdout.write(self.style.WARNING("the task queue is unreachable; the rest is left for the next run"))
