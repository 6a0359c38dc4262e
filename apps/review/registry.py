"""The reviewable kinds, found once from Django's app registry: every concrete ReviewableModel.

Roles, the admin front page, the article page, the visibility selectors and actor merges read the
kinds here, so adding a kind is adding a model (and its admin), not editing a list in ten files.
Order follows INSTALLED_APPS (claims, quotes, commitments).
"""

from __future__ import annotations

from django.apps import apps

from .models import ReviewableModel


def reviewable_models() -> list[type[ReviewableModel]]:
    return [m for m in apps.get_models() if issubclass(m, ReviewableModel)]


def reviewable_labels() -> list[tuple[str, str]]:
    """(app_label, model_name) of every reviewable kind, e.g. ("claims", "claim")."""
    return [(m._meta.app_label, m._meta.model_name or "") for m in reviewable_models()]


def foreign_keys_to(model: type[ReviewableModel], target: type) -> list[str]:
    """Names of ``model``'s foreign keys to ``target`` (e.g. a claim's ``speaker`` for Actor)."""
    return [
        f.name
        for f in model._meta.get_fields()
        if f.many_to_one and f.concrete and isinstance(f.related_model, type) and issubclass(f.related_model, target)
    ]
