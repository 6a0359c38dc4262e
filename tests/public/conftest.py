"""Fixtures of the public pages, feeds and webhooks tests: the API tests' archive (one claim, quote and
commitment per review status, every internal field filled with a secret) plus a public initiative and a
claim group that mix published and unpublished rows."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from apps.tracking.models import ClaimGroup, ClaimGroupMember, CommitmentInitiative, Initiative, LinkStatus
from tests.api.conftest import EDITOR_NAME, HIDDEN_STATUSES, SECRET_NOTE, archive, editor  # noqa: F401

PUBLISHED = ["verified", "corrected"]
# Strings that live only in internal fields or unpublished rows.
SECRETS = [SECRET_NOTE, EDITOR_NAME, "secret-extractor-9"]


@pytest.fixture(autouse=True)
def _no_throttle(settings):
    settings.NEWSROOM_API_ANON_RATE = ""
    cache.clear()


def hidden_texts(archive) -> list[str]:  # noqa: F811
    """The words of every unpublished claim and quote of the archive."""
    return [archive[kind][s].text for kind in ("claims", "quotes") for s in HIDDEN_STATUSES]


@pytest.fixture
def tracked(archive):  # noqa: F811
    """A public initiative with a published and an unpublished commitment confirmed in it, a proposed
    (non-public) one, and a claim group of a published claim with a published and a disputed twin."""
    public = Initiative.objects.create(name="Reassurance force", slug="reassurance-force")
    proposed = Initiative.objects.create(name="Secret proposal", slug="secret-proposal", status="proposed")
    for status, initiative in (("verified", public), ("disputed", public), ("corrected", proposed)):
        CommitmentInitiative.objects.create(
            commitment=archive["commitments"][status], initiative=initiative, status=LinkStatus.CONFIRMED, score=0.9
        )
    group = ClaimGroup.objects.create(label="troops")
    for status in ("verified", "corrected", "disputed"):
        ClaimGroupMember.objects.create(group=group, claim=archive["claims"][status])
    return {"public": public, "proposed": proposed, "group": group}
