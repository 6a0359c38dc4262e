"""Create the Reporter, Editor and Chief editor groups (see apps/review/roles.py)."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from apps.review.roles import ensure_roles

    ensure_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("articles", "0001_initial"),
        ("actors", "0002_actor_merge"),
        ("claims", "0001_initial"),
        ("quotes", "0001_initial"),
        ("commitments", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
