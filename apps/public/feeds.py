"""Atom feeds of newly published facts (Django's syndication framework): overall, per actor, per initiative.

Items come from ``selectors.recent_facts``, i.e. only published claims, quotes and commitments, newest
publication (editor's review) first."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from apps.claims.models import Claim
from apps.commitments.models import Commitment
from apps.common.formatting import quantity_text
from apps.tracking.models import Initiative

from . import selectors


def _actor_of(item):
    actor = item.actor if isinstance(item, Commitment) else item.speaker
    return (actor.merged_into or actor) if actor is not None else None


class LatestFactsFeed(Feed):
    feed_type = Atom1Feed
    title = "Newly published facts"
    subtitle = "Claims, quotes and commitments our editors verified."

    def link(self):
        return reverse("public:index")

    def items(self):
        return selectors.recent_facts(limit=settings.NEWSROOM_FEED_ITEMS)

    def item_title(self, item):
        actor = _actor_of(item)
        who = f"{actor.name}: " if actor else ""
        if isinstance(item, Claim):
            number = quantity_text(item.quantity_value, item.quantity_unit, item.quantity_qualifier)
            return f"Claim checked: {who}{number or item.text[:80]}"
        if isinstance(item, Commitment):
            return f"{who}{item.get_stance_display().lower()} – {item.action[:80]}"
        return f"Quote: {who}“{item.text[:80]}”"

    def item_description(self, item):
        verdict = "verified with corrections" if item.corrected else "verified"  # as claimreview.rating says
        source = item.article.outlet.name if item.article.outlet_id else item.article.title
        return f"{' '.join(item.text.split()) if hasattr(item, 'text') else item.action} ({verdict}; source: {source})"

    def item_link(self, item):
        if isinstance(item, Claim):
            return reverse("public:claim", args=[item.pk])
        actor = _actor_of(item)
        anchor = "commitment" if isinstance(item, Commitment) else "quote"
        return reverse("public:actor", args=[actor.pk]) + f"#{anchor}-{item.pk}"

    def item_guid(self, item):
        return f"tag:newsroom,{item._meta.model_name}:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.reviewed_at or item.updated_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        actor = _actor_of(item)
        return actor.name if actor else None


class ActorFeed(LatestFactsFeed):
    def get_object(self, request, pk: int):
        actor = selectors.public_actor(pk)
        if actor is None:
            raise Http404("No actor with published facts has this id.")
        return actor

    def title(self, obj):
        return f"Newly published facts: {obj.name}"

    def link(self, obj):
        return reverse("public:actor", args=[obj.pk])

    def items(self, obj):
        return selectors.recent_facts(actor=obj, limit=settings.NEWSROOM_FEED_ITEMS)


class InitiativeFeed(LatestFactsFeed):
    def get_object(self, request, slug: str):
        return get_object_or_404(Initiative.objects.public(), slug=slug)

    def title(self, obj):
        return f"Newly published stances: {obj.name}"

    def link(self, obj):
        return reverse("tracking:tracker", args=[obj.slug])

    def items(self, obj):
        return selectors.recent_facts(initiative=obj, limit=settings.NEWSROOM_FEED_ITEMS)
