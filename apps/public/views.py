"""Public fact-check pages: server-rendered HTML, no JavaScript, published data only.

Each view reads through ``apps.public.selectors`` (itself built on the apps' published-only selectors),
so an unpublished claim or an actor with nothing published is a plain 404, exactly as in the API.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from apps.claims.claimreview import claimreview_document
from apps.claims.selectors import claim_list_public
from apps.tracking.selectors import initiative_list

from . import selectors
from .filters import ClaimPageFilter


def index(request):
    filterset = ClaimPageFilter(
        request.GET or None,
        queryset=claim_list_public().order_by("-article__published_at", "-id"),
        request=request,
    )
    claims = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    page = Paginator(claims, settings.NEWSROOM_PUBLIC_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "public/index.html",
        {
            "filter": filterset,
            "page": page,
            "query": query.urlencode(),
            "initiatives": initiative_list(public=True),
            "errors": filterset.errors if filterset.is_bound else {},
        },
    )


def claim_detail(request, pk: int):
    claim = selectors.public_claim(pk)
    if claim is None:
        raise Http404("No published claim with this id.")
    page_url = request.build_absolute_uri(reverse("public:claim", args=[claim.pk]))
    speaker = claim.speaker
    if speaker is not None:
        speaker = speaker.merged_into or speaker
    return render(
        request,
        "public/claim.html",
        {
            "claim": claim,
            "speaker": speaker,
            "speaker_public": speaker is not None and selectors.public_actor(speaker.pk) is not None,
            "article": claim.article,
            "evidence": selectors.evidence_in_context(claim),
            "corrections": selectors.claim_corrections(claim),
            "related": selectors.related_claims(claim),
            "claimreview": claimreview_document(claim, url=page_url),
            "show_note": settings.NEWSROOM_PUBLIC_SHOW_EDITOR_NOTE,
            "canonical_url": page_url,
        },
    )


def actor_detail(request, pk: int):
    actor = selectors.public_actor(pk)
    if actor is None:
        raise Http404("No actor with published facts has this id.")
    return render(
        request,
        "public/actor.html",
        {
            "actor": actor,
            "claims": list(selectors.actor_claims(actor)),
            "quotes": list(selectors.actor_quotes(actor)),
            "commitments": list(selectors.actor_commitments(actor)),
            "stances": selectors.actor_stances(actor),
        },
    )
