"""Give the editorial roles their permissions on the tracking models (see apps/review/roles.py)."""

from django.db import migrations


def grant(apps, schema_editor):
    from apps.review.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0001_roles"),
        ("tracking", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
