"""The alias table a worker keeps between articles: read again only when editors changed it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.actors.models import Actor, ActorAlias
from apps.actors.services import actor_alias_add, actor_merge
from apps.extraction import aliases
from apps.extraction.engine import AliasEntry
from apps.extraction.engine.pipeline import gazetteer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh():
    aliases.forget_alias_table()
    yield
    aliases.forget_alias_table()


def test_the_table_is_kept_while_nothing_an_editor_does_changes_it():
    first = aliases.alias_table()
    with CaptureQueriesContext(connection) as ctx:
        again = aliases.alias_table()
    assert again is first
    assert not any('actors_actoralias"."alias"' in q["sql"] for q in ctx.captured_queries)  # not reloaded
    # The machine's own new actors (and their self-aliases) do not change what the engine is given.
    actor = Actor.objects.create(name="Ministry of Ports", kind="organisation")
    ActorAlias.objects.create(actor=actor, alias="Ministry of Ports", source="machine")
    assert aliases.alias_table() is first


def test_an_editors_alias_or_merge_gives_a_new_table():
    editor = UserFactory(is_superuser=True, is_staff=True)
    first = aliases.alias_table()
    actor = Actor.objects.create(name="Ministry of Ports", kind="organisation")
    actor_alias_add(actor=actor, alias="the ports ministry", editor=editor)
    second = aliases.alias_table()
    assert second is not first
    assert AliasEntry("the ports ministry", "Ministry of Ports", "organisation", None) in second
    duplicate = Actor.objects.create(name="Harbour Authority", kind="organisation")
    ActorAlias.objects.create(actor=duplicate, alias="Harbour Authority", source="machine")
    assert aliases.alias_table() is second
    actor_merge(kept=actor, merged=duplicate, editor=editor)
    third = aliases.alias_table()
    assert third is not second
    assert ("Harbour Authority", "Ministry of Ports") in {(e.alias, e.name) for e in third}


def test_the_engine_builds_one_gazetteer_per_table():
    table = (AliasEntry("the ports ministry", "Ministry of Ports", "organisation", None),)
    assert gazetteer(table) is gazetteer(table)
    other = (*table, AliasEntry("the harbour office", "Ministry of Ports", "organisation", None))
    assert gazetteer(other) is not gazetteer(table)
