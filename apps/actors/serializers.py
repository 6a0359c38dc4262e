"""Actors as the API shows them (see apps/articles/serializers.py for why the representation is built
directly)."""

from __future__ import annotations

from collections.abc import Callable

from rest_framework import serializers

from apps.common.api.fields import SelfLinkField
from apps.common.api.links import api_link, json_link_template
from apps.common.api.rawjson import string


def actor_summary_data(actor, context: dict) -> dict:
    """The kept actor when an editor merged a duplicate into another one."""
    actor = actor.merged_into or actor
    return {
        "id": actor.pk,
        "url": api_link(context, "actor-detail", actor.pk),
        "name": actor.name,
        "kind": actor.kind,
    }


def actor_summary_row(row: dict, prefix: str, context: dict) -> dict | None:
    """``actor_summary_data`` from a ``.values()`` row with ``actor_summary_columns(prefix)``."""
    if row[f"{prefix}__merged_into_id"] is not None:
        pk, prefix = row[f"{prefix}__merged_into_id"], f"{prefix}__merged_into"
    else:
        pk = row[f"{prefix}_id"]
    if pk is None:
        return None
    return {
        "id": pk,
        "url": api_link(context, "actor-detail", pk),
        "name": row[f"{prefix}__name"],
        "kind": row[f"{prefix}__kind"],
    }


def actor_summary_row_writer(prefix: str, context: dict) -> Callable[[dict], str]:
    """``actor_summary_row`` written as JSON (apps/common/api/rawjson.py), by a function made once per page."""
    start, end = json_link_template(context, "actor-detail")
    own = (f"{prefix}_id", f"{prefix}__name", f"{prefix}__kind")
    merged = (f"{prefix}__merged_into_id", f"{prefix}__merged_into__name", f"{prefix}__merged_into__kind")

    def write(row: dict) -> str:
        id_key, name_key, kind_key = merged if row[merged[0]] is not None else own
        pk = row[id_key]
        if pk is None:
            return "null"
        pk = int(pk)
        return f'{{"id":{pk},"url":{start}{pk}{end},"name":{string(row[name_key])},"kind":{string(row[kind_key])}}}'

    return write


class ActorSummarySerializer(serializers.Serializer):
    """An actor as shown inside a claim, quote or commitment."""

    id = serializers.IntegerField(read_only=True)
    url = SelfLinkField("actor-detail")
    name = serializers.CharField(read_only=True)
    kind = serializers.CharField(read_only=True)

    def to_representation(self, instance):
        return actor_summary_data(instance, self.context)


class ActorSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    url = SelfLinkField("actor-detail")
    name = serializers.CharField(read_only=True)
    kind = serializers.CharField(read_only=True)
    country_code = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    wikidata_id = serializers.CharField(read_only=True)
    commitments_url = SelfLinkField("actor-commitments", help_text="The actor's commitments in date order.")

    def to_representation(self, instance):
        context = self.context
        return {
            "id": instance.pk,
            "url": api_link(context, "actor-detail", instance.pk),
            "name": instance.name,
            "kind": instance.kind,
            "country_code": instance.country_code,
            "description": instance.description,
            "wikidata_id": instance.wikidata_id,
            "commitments_url": api_link(context, "actor-commitments", instance.pk),
        }
