"""Public tracker pages: published data only (verified/corrected commitments, confirmed links, public
initiatives)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from .models import Initiative
from .selectors import initiative_ledger, initiative_list, published_findings
from .timeline import build_timeline


def tracker_index(request):
    return render(request, "tracking/index.html", {"initiatives": initiative_list(public=True)})


def tracker_detail(request, slug: str):
    initiative = get_object_or_404(Initiative.objects.public(), slug=slug)
    ledger = initiative_ledger(initiative=initiative, published_only=True)
    return render(
        request,
        "tracking/tracker.html",
        {
            "initiative": initiative,
            "ledger": ledger,
            "by_stance": list(ledger.by_stance().items()),
            "timeline": build_timeline(ledger),
            "findings": list(published_findings().filter(initiative=initiative)),
            "editor": False,
            "api_url": reverse("initiative-ledger", args=[initiative.pk]),
            "actor_url": "public:actor",  # each actor links to its public fact-check page
            "feed_url": reverse("public:initiative-feed", args=[initiative.slug]),
        },
    )
