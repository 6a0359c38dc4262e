"""Sitemaps (django.contrib.sitemaps) of the public pages: published claims, actors, trackers."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from apps.actors.selectors import actor_list_public
from apps.claims.selectors import claim_list_public
from apps.tracking.selectors import initiative_list


class ClaimSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return claim_list_public().order_by("id")

    def location(self, item):
        return reverse("public:claim", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at


class ActorSitemap(Sitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        return actor_list_public().only("id", "updated_at").order_by("id")

    def location(self, item):
        return reverse("public:actor", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at


class TrackerSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return initiative_list(public=True).order_by("id")

    def location(self, item):
        return reverse("tracking:tracker", args=[item.slug])

    def lastmod(self, item):
        return item.updated_at


class IndexSitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        return ["public:index", "tracking:index"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"pages": IndexSitemap, "claims": ClaimSitemap, "actors": ActorSitemap, "trackers": TrackerSitemap}
