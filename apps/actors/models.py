from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from apps.common.models import TimeStampedModel
from apps.extraction.engine.normalize import normalize_alias
from apps.review.statuses import Origin


class ActorQuerySet(models.QuerySet):
    def active(self):
        """Actors that were not merged into another one."""
        return self.filter(merged_into__isnull=True)


class Actor(TimeStampedModel):
    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        COUNTRY = "country", "Country"
        ORGANISATION = "organisation", "Organisation"
        GROUP = "group", "Group"

    name = models.CharField(max_length=200, help_text="Canonical name: a person's full name, a country's short name.")
    kind = models.CharField(max_length=12, choices=Kind.choices, db_index=True)
    country_code = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2, for countries.")
    description = models.TextField(blank=True)
    wikidata_id = models.CharField(max_length=20, blank=True)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_actors",
        help_text="Set when an editor merged this duplicate into another actor.",
    )
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.MACHINE)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "kind"], condition=Q(merged_into__isnull=True), name="actor_name_kind_unique_active"
            ),
            models.UniqueConstraint(
                fields=["country_code"],
                condition=Q(merged_into__isnull=True) & ~Q(country_code=""),
                name="actor_country_code_unique_active",
            ),
            models.CheckConstraint(
                condition=Q(country_code="") | Q(kind="country"), name="actor_country_code_only_for_countries"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def canonical(self) -> Actor:
        """Follow merges to the actor that is kept."""
        actor, seen = self, {self.pk}
        while actor.merged_into_id and actor.merged_into_id not in seen:
            seen.add(actor.merged_into_id)
            kept = actor.merged_into
            if kept is None:
                break
            actor = kept
        return actor


class ActorAlias(TimeStampedModel):
    class Source(models.TextChoices):
        MACHINE = "machine", "Machine"
        EDITOR = "editor", "Editor"
        SEED = "seed", "Built-in table"

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200)
    normalized = models.CharField(max_length=200, editable=False)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.EDITOR)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "actor aliases"
        ordering = ["alias"]
        constraints = [models.UniqueConstraint(fields=["normalized"], name="actor_alias_normalized_unique")]

    def __str__(self) -> str:
        return f"{self.alias} → {self.actor}"

    def save(self, *args, **kwargs):
        self.normalized = normalize_alias(self.alias)
        super().save(*args, **kwargs)


class Mention(models.Model):
    """Where an actor is named in an article (machine output, replaced on re-extraction)."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="mentions")
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="mentions")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(max_length=300)

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            models.UniqueConstraint(fields=["article", "start", "end"], name="mention_span_unique"),
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="mention_span_ordered"),
        ]
        indexes = [models.Index(fields=["actor", "article"])]

    def __str__(self) -> str:
        return f"{self.text} ({self.start}-{self.end})"


class ActorMerge(TimeStampedModel):
    """An editor merged ``merged`` into ``kept``. ``moved`` lists the ids of the rows that moved, so the
    merge can be undone exactly (``actors.services.actor_unmerge``)."""

    kept = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="merges_kept")
    merged = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="merges_as_duplicate")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    moved = models.JSONField(default=dict, blank=True, help_text="Ids of moved rows per kind.")
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    undo_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(kept=models.F("merged")), name="actor_merge_distinct_actors"),
            # At most one live (not undone) merge per duplicate.
            models.UniqueConstraint(
                fields=["merged"], condition=Q(undone_at__isnull=True), name="actor_merge_one_live_per_duplicate"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.merged} → {self.kept}"

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None
