"""Cross-article tracking: initiatives and their commitment ledger, claim groups, consistency findings.

Links to other apps' rows live here (``CommitmentInitiative``, ``ClaimGroupMember``) so the tracking
layer never adds columns to the commitments or claims tables.
"""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q

from apps.common.models import TimeStampedModel
from apps.review.statuses import PUBLISHED_STATUSES, Origin, ReviewStatus


class InitiativeQuerySet(models.QuerySet):
    def public(self):
        """Initiatives an editor has accepted (machine proposals stay internal)."""
        return self.filter(status__in=Initiative.PUBLIC_STATUSES)


class Initiative(TimeStampedModel):
    """A topic that commitments are about: "peacekeeping mission in a region", "sanctions on an oil exporter"."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed by the pipeline"
        ACTIVE = "active", "Active"
        CLOSED = "closed", "Closed"

    PUBLIC_STATUSES = (Status.ACTIVE, Status.CLOSED)

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    description = models.TextField(blank=True)
    aliases = models.TextField(blank=True, help_text="Other names and keywords, one per line.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.EDITOR)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The words and actors suggestions compare a commitment with ({"texts": [...], "actors": [...]}), kept
    # up to date as links are made, so a suggestion reads one row per initiative instead of every link.
    profile = models.JSONField(default=dict, blank=True, editable=False)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES

    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.replace(",", "\n").splitlines() if line.strip()]


class LinkStatus(models.TextChoices):
    SUGGESTED = "suggested", "Suggested"
    CONFIRMED = "confirmed", "Confirmed"
    REJECTED = "rejected", "Rejected"


class CommitmentInitiativeQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=LinkStatus.REJECTED)

    def machine_owned(self):
        return self.filter(status=LinkStatus.SUGGESTED)

    def public(self):
        """Links shown to the public: confirmed by an editor, published commitment, public initiative."""
        return self.filter(
            status=LinkStatus.CONFIRMED,
            commitment__review_status__in=PUBLISHED_STATUSES,
            initiative__status__in=Initiative.PUBLIC_STATUSES,
        )


class CommitmentInitiative(TimeStampedModel):
    """Which initiative a commitment belongs to: suggested by the pipeline, confirmed or rejected by an editor."""

    commitment = models.OneToOneField(
        "commitments.Commitment", on_delete=models.CASCADE, related_name="initiative_link"
    )
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="commitment_links")
    score = models.FloatField(default=0.0, help_text="Similarity the pipeline computed, 0 to 1.")
    status = models.CharField(max_length=10, choices=LinkStatus.choices, default=LinkStatus.SUGGESTED, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = CommitmentInitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = "commitment in initiative"
        verbose_name_plural = "commitments in initiatives"
        ordering = ["initiative", "-id"]
        indexes = [models.Index(fields=["initiative", "status"])]
        constraints = [
            models.CheckConstraint(condition=Q(score__gte=0) & Q(score__lte=1), name="tracking_link_score_range"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id} → {self.initiative}"

    @property
    def is_editor_owned(self) -> bool:
        return self.status != LinkStatus.SUGGESTED


class ClaimGroup(TimeStampedModel):
    """Claims from several articles that state the same fact."""

    label = models.CharField(max_length=300, blank=True, help_text="The earliest claim's words.")

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.label[:80] or f"Claim group {self.pk}"


class ClaimGroupMember(TimeStampedModel):
    claim = models.OneToOneField("claims.Claim", on_delete=models.CASCADE, related_name="group_membership")
    group = models.ForeignKey(ClaimGroup, on_delete=models.CASCADE, related_name="members")
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.MACHINE)

    class Meta:
        ordering = ["group", "claim"]

    def __str__(self) -> str:
        return f"claim {self.claim_id} in group {self.group_id}"


class ClaimKey(models.Model):
    """The claim-matching index: a claim's blocking keys (its number, its actors, its content words).

    Matching scores a new claim only against the claims sharing most keys with it inside the date window,
    so its cost does not grow with the archive. Rows are written by tracking (bulk, idempotent).
    """

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="+")
    article_id = models.BigIntegerField(help_text="The claim's article (copied so lookups skip a join).")
    key = models.CharField(max_length=64)
    day = models.DateField(help_text="The article's publication (else ingestion) date: the matching window.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["claim", "key"], name="tracking_claim_key_unique")]
        indexes = [models.Index(fields=["key", "day"], name="tracking_claimkey_key_day")]

    def __str__(self) -> str:
        return f"{self.claim_id}: {self.key}"


class TrackingState(models.Model):
    """Tracking's shared state, one row each: ``INDEX`` marks that every claim with an id up to
    ``indexed_through`` has its keys in ``ClaimKey``; locking ``PROPOSALS`` serialises proposals of new
    initiatives, so two workers never propose the same one twice (a row of its own, so indexing never waits
    for it)."""

    INDEX = 1
    PROPOSALS = 2

    indexed_through = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"tracking state {self.pk}"

    @classmethod
    def get(cls, pk: int = INDEX, *, lock: bool = False) -> TrackingState:
        qs = cls.objects.select_for_update() if lock else cls.objects
        state = qs.filter(pk=pk).first()
        if state is None:
            try:
                with transaction.atomic():  # a savepoint: another worker may create the row at the same moment
                    cls.objects.create(pk=pk)
            except IntegrityError:
                pass
            state = qs.get(pk=pk)
        return state


class MatchStatus(models.TextChoices):
    AUTO = "auto", "Linked automatically"
    SUGGESTED = "suggested", "Suggested"
    CONFIRMED = "confirmed", "Confirmed by an editor"
    REJECTED = "rejected", "Rejected by an editor"


class ClaimMatch(TimeStampedModel):
    """A scored candidate pair of claims; ``claim`` is always the newer row (higher id)."""

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="matches")
    candidate = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="matched_by")
    score = models.FloatField()
    features = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=MatchStatus.choices, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "claim matches"
        ordering = ["-score", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "candidate"], name="tracking_claim_match_pair_unique"),
            models.CheckConstraint(condition=Q(claim__gt=F("candidate")), name="tracking_claim_match_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id} ~ {self.candidate_id} ({self.score:.2f})"

    @property
    def is_editor_owned(self) -> bool:
        return self.status in (MatchStatus.CONFIRMED, MatchStatus.REJECTED)


class FindingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(review_status__in=PUBLISHED_STATUSES)

    def unreviewed(self):
        return self.filter(review_status=ReviewStatus.UNREVIEWED)


class Finding(TimeStampedModel):
    """Something that doesn't add up, shown to editors (not an error): a count gap or a conflict."""

    class Kind(models.TextChoices):
        COUNT_GAP = "count_gap", "Count differs from the ledger"
        COUNT_CONFLICT = "count_conflict", "Sources give different counts"
        STANCE_CONFLICT = "stance_conflict", "Sources give different stances"

    key = models.CharField(max_length=200, unique=True, help_text="Natural key, so a re-run updates in place.")
    kind = models.CharField(max_length=20, choices=Kind.choices, db_index=True)
    initiative = models.ForeignKey(Initiative, null=True, blank=True, on_delete=models.CASCADE, related_name="findings")
    claim = models.ForeignKey(
        "claims.Claim", null=True, blank=True, on_delete=models.CASCADE, related_name="tracking_findings"
    )
    related_claim = models.ForeignKey("claims.Claim", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey("actors.Actor", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    commitment = models.ForeignKey(
        "commitments.Commitment", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    related_commitment = models.ForeignKey(
        "commitments.Commitment", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    summary = models.TextField()
    details = models.JSONField(default=dict, blank=True)
    review_status = models.CharField(
        max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.UNREVIEWED, db_index=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.summary[:100]

    @property
    def is_editor_owned(self) -> bool:
        return self.review_status != ReviewStatus.UNREVIEWED
