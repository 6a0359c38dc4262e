"""A GIN expression index for full-text search over the text, on PostgreSQL only.

The expression is built from the same SearchVector the API's search filter uses
(apps.common.api.filters.search_vector), so the planner can match the index. Other databases
(SQLite) have no such index: the API falls back to a case-insensitive substring search there.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

INDEX_NAME = "claims_claim_text_fts"


def _index():
    from apps.common.api.filters import search_vector

    return GinIndex(search_vector("text"), name=INDEX_NAME)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.add_index(apps.get_model("claims", "Claim"), _index())


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.remove_index(apps.get_model("claims", "Claim"), _index())


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
