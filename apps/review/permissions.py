"""Who may do what to a reviewable item: ``<app>.review_<model>`` to verify, dispute, mark false, dismiss
or correct; ``<app>.reopen_<model>`` to reopen (Chief editor); ``<app>.add_<model>`` to add one.
Services check these too, not only the admin, so a direct POST or a script cannot go around them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models

from .statuses import Action


def perm_name(model: type[models.Model] | models.Model, action: str) -> str:
    opts = model._meta
    return f"{opts.app_label}.{action}_{opts.model_name}"


def can_review(user: Any, model: type[models.Model] | models.Model) -> bool:
    return bool(user and user.is_active and user.has_perm(perm_name(model, "review")))


def can_reopen(user: Any, model: type[models.Model] | models.Model) -> bool:
    return bool(user and user.is_active and user.has_perm(perm_name(model, "reopen")))


def require_perm(user: Any, perm: str) -> None:
    if not (user and user.is_active and user.has_perm(perm)):
        raise PermissionDenied(f"You do not have the permission {perm!r} needed for this.")


def required_perm_for_action(model: type[models.Model] | models.Model, action: str) -> str:
    return perm_name(model, "reopen" if action == Action.REOPEN else "review")
