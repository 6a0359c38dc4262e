"""Editorial roles: the Reporter, Editor and Chief editor groups and their permissions.

One definition used by the data migrations (``common.0001_roles``, ``tracking.0002_roles``) and by
``manage.py setup_roles``; both are idempotent and only ever add what is missing to the three groups
(they never remove permissions someone granted by hand, except with ``setup_roles --reset``).

* Reporter: add articles (and outlets), see everything, review nothing.
* Editor: Reporter + change articles, review/correct/add claims, quotes and commitments, edit actors,
  add aliases, merge (and unmerge) actors; confirm/move/create initiatives, claim matches and findings.
* Chief editor: Editor + delete, and reopen reviewed items (back to unreviewed); manage the partner
  newsrooms' webhook subscriptions and see their delivery log (a subscription holds its signing secret,
  so no other role sees them).

Staff users without a group have no permission, so the admin shows them nothing editorial.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps as live_apps

from .registry import reviewable_labels

REPORTER = "Reporter"
EDITOR = "Editor"
CHIEF_EDITOR = "Chief editor"
ROLES = (REPORTER, EDITOR, CHIEF_EDITOR)

# App labels whose models every role may view, besides the apps of the reviewable kinds (registry.py).
EDITORIAL_APPS = ("articles", "actors", "tracking")
# App labels only the Chief editor sees and manages (webhook subscriptions carry their signing secret).
CHIEF_APPS = ("webhooks",)
# Rows the system writes and nobody edits by hand (the webhook delivery log): view only.
LOG_MODELS = ("delivery",)


def editorial_apps() -> list[str]:
    return [*EDITORIAL_APPS, *dict.fromkeys(app for app, _model in reviewable_labels())]


def custom_permissions() -> tuple[tuple[str, str, str, str], ...]:
    """Permissions that are not Django's add/change/delete/view: (app_label, model, codename, name).

    The reviewable kinds come from the live registry (also during a migration: the model classes are
    loaded), so a new kind gets its review and reopen permissions without editing this file."""
    reviewable = reviewable_labels()
    return (
        *((app, m, f"review_{m}", f"Can review (verify, dispute, correct) {m}") for app, m in reviewable),
        *((app, model, f"reopen_{model}", f"Can reopen a reviewed {model}") for app, model in reviewable),
        ("actors", "actor", "merge_actor", "Can merge and unmerge actors"),
    )


def _role_codenames(models_by_app: dict[str, list[str]]) -> dict[str, set[tuple[str, str]]]:
    """(app_label, codename) pairs per role, for the models that exist now."""
    reviewable = reviewable_labels()
    chief_only = {app: names for app, names in models_by_app.items() if app in CHIEF_APPS}
    models_by_app = {app: names for app, names in models_by_app.items() if app not in CHIEF_APPS}
    view = {(app, f"view_{m}") for app, names in models_by_app.items() for m in names}
    reporter = view | {("articles", "add_article"), ("articles", "add_outlet")}
    editor = reporter | {
        ("articles", "change_article"),
        ("articles", "change_outlet"),
        ("actors", "add_actor"),
        ("actors", "change_actor"),
        ("actors", "merge_actor"),
        ("actors", "add_actoralias"),
        ("actors", "change_actoralias"),
    }
    for app, model in reviewable:
        editor |= {(app, f"add_{model}"), (app, f"change_{model}"), (app, f"review_{model}")}
    # Tracking: editors confirm, move and create initiatives, confirm claim matches, review findings.
    editor |= {
        (app, f"{action}_{m}")
        for app, names in models_by_app.items()
        if app == "tracking"
        for m in names
        for action in ("add", "change")
    }
    chief = editor | {(app, f"reopen_{model}") for app, model in reviewable}
    for app, names in models_by_app.items():
        chief |= {(app, f"delete_{m}") for m in names if m not in ("actormerge", "mention")}
    chief.add(("actors", "delete_actoralias"))
    for app, names in chief_only.items():
        for m in names:
            actions = ("view",) if m in LOG_MODELS else ("view", "add", "change", "delete")
            chief |= {(app, f"{action}_{m}") for action in actions}
    return {REPORTER: reporter, EDITOR: editor, CHIEF_EDITOR: chief}


def ensure_roles(apps: Any = None, *, reset: bool = False) -> dict[str, int]:
    """Create the three groups with their permissions. ``apps`` is a migration's app registry, or None
    for the live one. Returns the number of permissions per group."""
    if apps is None:
        apps = live_apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")

    models_by_app: dict[str, list[str]] = {}
    content_types: dict[tuple[str, str], Any] = {}
    for label in (*editorial_apps(), *CHIEF_APPS):
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models():
            name = model._meta.model_name
            if name.startswith("historical"):
                continue  # history is shown on each item's page
            models_by_app.setdefault(label, []).append(name)
            content_types[(label, name)], _ = ContentType.objects.get_or_create(app_label=label, model=name)

    # Make sure every permission exists now: during migrate, Django only creates the default ones after
    # all migrations ran (post_migrate), and a fresh database has none yet.
    wanted: dict[tuple[str, str], tuple[Any, str]] = {}
    for (label, name), ct in content_types.items():
        verbose = apps.get_model(label, name)._meta.verbose_name
        for action in ("add", "change", "delete", "view"):
            wanted[(label, f"{action}_{name}")] = (ct, f"Can {action} {verbose}")
    for label, name, codename, title in custom_permissions():
        if (label, name) in content_types:
            wanted[(label, codename)] = (content_types[(label, name)], title)
    perms = {}
    for key, (ct, title) in wanted.items():
        perms[key], _ = Permission.objects.get_or_create(content_type=ct, codename=key[1], defaults={"name": title})

    counts = {}
    for role, pairs in _role_codenames(models_by_app).items():
        group, _ = Group.objects.get_or_create(name=role)
        chosen = [perms[p] for p in pairs if p in perms]
        if reset:
            group.permissions.set(chosen)
        else:
            group.permissions.add(*chosen)
        counts[role] = group.permissions.count()
    return counts
