"""Give the Chief editor the webhook subscriptions and the delivery log (see apps/review/roles.py)."""

from django.db import migrations


def grant(apps, schema_editor):
    from apps.review.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0001_roles"),
        ("tracking", "0002_roles"),
        ("webhooks", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
