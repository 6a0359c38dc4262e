import hashlib

import pytest
from django.db import IntegrityError, transaction

from apps.actors.models import Actor, ActorAlias
from apps.articles.models import Article
from apps.claims.models import Claim
from tests.factories import ActorFactory, ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def test_same_body_twice_is_refused_by_the_database():
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(body=article.body, body_sha256=hashlib.sha256(article.body.encode()).hexdigest())


def test_url_unique_when_present_but_many_articles_without_url():
    ArticleFactory(url=None)
    ArticleFactory(url=None)
    ArticleFactory(url="https://example.org/a")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(url="https://example.org/a")
    assert Article.objects.filter(url__isnull=True).count() == 2


def test_alias_uniqueness_is_on_the_normalised_text():
    actor = ActorFactory(name="Emmanuel Macron")
    ActorAlias.objects.create(actor=actor, alias="Macron")
    with pytest.raises(IntegrityError), transaction.atomic():
        ActorAlias.objects.create(actor=ActorFactory(), alias="  MACRON ")


def test_one_active_actor_per_country_code_but_merged_duplicates_allowed():
    kept = Actor.objects.create(name="United Kingdom", kind="country", country_code="GB")
    with pytest.raises(IntegrityError), transaction.atomic():
        Actor.objects.create(name="Britain", kind="country", country_code="GB")
    Actor.objects.create(name="Britain", kind="country", country_code="GB", merged_into=kept)
    assert Actor.objects.active().filter(country_code="GB").get() == kept


def test_country_code_only_on_countries():
    with pytest.raises(IntegrityError), transaction.atomic():
        Actor.objects.create(name="Someone", kind="person", country_code="FR")


def test_span_must_be_ordered_and_score_in_range():
    claim = ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(start=50, end=10)
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(score=1.5)


def test_canonical_follows_merge_chain():
    a = ActorFactory(name="A")
    b = ActorFactory(name="B")
    c = ActorFactory(name="C")
    a.merged_into = b
    a.save()
    b.merged_into = c
    b.save()
    assert a.canonical() == c
