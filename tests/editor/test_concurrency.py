"""Optimistic locking under real concurrency: two editors save the same version at the same moment."""

import threading

import pytest
from django.db import connections
from django.urls import reverse

from apps.claims.models import Claim
from apps.claims.services import claim_correct
from apps.review.services import StaleObjectError
from tests.factories import ActorFactory, ClaimFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_of_one_version_let_exactly_one_through(on_postgres, roles):
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    group = Group.objects.get(name="Editor")
    editors = [UserFactory(username=f"racer{i}") for i in range(2)]
    for e in editors:
        e.groups.add(group)
    claim = ClaimFactory(quantity_value=26)
    barrier = threading.Barrier(2)
    outcomes = []

    def save(editor, value):
        try:
            barrier.wait(timeout=10)
            claim_correct(claim=claim, editor=editor, quantity_value=value, expected_version=1)
            outcomes.append(("saved", value))
        except StaleObjectError as exc:
            outcomes.append(("refused", exc.message))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(e, v)) for e, v in zip(editors, (27, 28), strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    kinds = sorted(o[0] for o in outcomes)
    assert kinds == ["refused", "saved"], outcomes
    winner = next(o[1] for o in outcomes if o[0] == "saved")
    claim.refresh_from_db()
    assert claim.quantity_value == winner and claim.version == 2
    assert claim.machine_values["quantity_value"] == "26"


@pytest.mark.django_db
def test_stale_actor_form_is_refused(client, editor, editor2):
    from apps.actors.services import actor_update

    actor = ActorFactory(name="Macron")
    loaded = actor.version
    actor_update(actor=actor, editor=editor2, name="Emmanuel Macron")
    client.force_login(editor)
    resp = client.post(
        reverse("admin:actors_actor_change", args=[actor.pk]),
        {
            "name": "E. Macron",
            "kind": "person",
            "country_code": "",
            "description": "",
            "wikidata_id": "",
            "new_aliases": "",
            "note": "",
            "expected_version": loaded,
            "aliases-TOTAL_FORMS": 0,
            "aliases-INITIAL_FORMS": 0,
        },
    )
    assert resp.status_code == 200
    assert "changed by someone else" in resp.content.decode()
    actor.refresh_from_db()
    assert actor.name == "Emmanuel Macron"
    assert Claim.objects.count() == 0
