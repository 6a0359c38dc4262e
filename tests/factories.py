"""factory_boy factories shared by every test package."""

from __future__ import annotations

import hashlib

import factory
from django.contrib.auth import get_user_model

from apps.actors.models import Actor, ActorAlias, Mention
from apps.articles.models import Article, Outlet
from apps.claims.models import Claim
from apps.commitments.models import Commitment
from apps.quotes.models import Quote


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")
    is_staff = True


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Outlet {n}")
    domain = factory.Sequence(lambda n: f"outlet{n}.example.org")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    outlet = factory.SubFactory(OutletFactory)
    body = factory.Sequence(
        lambda n: f"Report {n}. France said on Tuesday that 26 countries have formally committed to the force."
    )
    body_sha256 = factory.LazyAttribute(lambda a: hashlib.sha256(a.body.encode()).hexdigest())
    status = Article.Status.EXTRACTED
    published_at = factory.Faker("date_time_this_year", tzinfo=__import__("datetime").timezone.utc)


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Person {n}")
    kind = Actor.Kind.PERSON


class CountryFactory(ActorFactory):
    name = factory.Iterator(["France", "Italy", "Germany", "Poland", "Greece", "Sweden"])
    kind = Actor.Kind.COUNTRY
    country_code = factory.LazyAttribute(
        lambda a: {"France": "FR", "Italy": "IT", "Germany": "DE", "Poland": "PL", "Greece": "GR", "Sweden": "SE"}[
            a.name
        ]
    )

    class Meta:
        model = Actor
        django_get_or_create = ("name", "kind")


class ActorAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActorAlias

    actor = factory.SubFactory(ActorFactory)
    alias = factory.Sequence(lambda n: f"alias {n}")


class MentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mention

    actor = factory.SubFactory(ActorFactory)
    article = factory.SubFactory(ArticleFactory)
    start = 0
    end = 6
    text = factory.LazyAttribute(lambda m: m.article.body[m.start : m.end])


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    start = factory.Sequence(lambda n: n * 2)
    end = factory.LazyAttribute(lambda c: c.start + 40)
    text = "26 countries have formally committed to the force."
    kind = Claim.Kind.QUANTITATIVE
    quantity_value = 26
    quantity_unit = "countries"
    score = 0.9
    machine_values = factory.LazyAttribute(
        lambda c: {"text": c.text, "quantity_value": str(c.quantity_value), "quantity_unit": c.quantity_unit}
    )


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    article = factory.SubFactory(ArticleFactory)
    start = factory.Sequence(lambda n: n * 2)
    end = factory.LazyAttribute(lambda q: q.start + 20)
    text = "We are united in support of a lasting peace"
    speaker = factory.SubFactory(ActorFactory)


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    article = factory.SubFactory(ArticleFactory)
    actor = factory.SubFactory(CountryFactory)
    start = factory.Sequence(lambda n: n * 2)
    end = factory.LazyAttribute(lambda c: c.start + 30)
    stance = Commitment.Stance.COMMITTED
    action = "send troops to the reassurance force"
    stated_on = factory.LazyAttribute(lambda c: c.article.published_at.date() if c.article.published_at else None)
