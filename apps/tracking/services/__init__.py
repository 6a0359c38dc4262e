"""Writes of the tracking app. Keyword-only services, each in one transaction."""

from .claims import (
    TRANSFERABLE_VERDICTS,
    VerdictError,
    claim_group_apply_verdict,
    claim_group_remove_member,
    claim_group_verdict_targets,
    claim_match_confirm,
    claim_match_reject,
    claims_index,
    claims_match,
    claims_match_for_article,
)
from .findings import finding_review, findings_refresh, findings_refresh_for_article, findings_refresh_for_initiative
from .initiatives import (
    commitment_initiative_confirm,
    commitment_initiative_move,
    commitment_initiative_reject,
    initiative_accept,
    initiative_create,
    initiative_profile_rebuild,
    initiatives_suggest,
    initiatives_suggest_for_article,
)
from .pipeline import TrackingResult, article_track, articles_track

__all__ = [
    "TRANSFERABLE_VERDICTS",
    "TrackingResult",
    "VerdictError",
    "article_track",
    "articles_track",
    "claim_group_apply_verdict",
    "claim_group_remove_member",
    "claim_group_verdict_targets",
    "claim_match_confirm",
    "claim_match_reject",
    "claims_index",
    "claims_match",
    "claims_match_for_article",
    "commitment_initiative_confirm",
    "commitment_initiative_move",
    "commitment_initiative_reject",
    "finding_review",
    "findings_refresh",
    "findings_refresh_for_article",
    "findings_refresh_for_initiative",
    "initiative_accept",
    "initiative_create",
    "initiative_profile_rebuild",
    "initiatives_suggest",
    "initiatives_suggest_for_article",
]
