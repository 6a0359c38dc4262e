"""The two seed reports as the extraction step would leave them in the database (commitments and claims
with their spans), so tracking can be tested without the extraction engine."""

from __future__ import annotations

import datetime as dt

from apps.actors.models import Actor, Mention
from tests.factories import ArticleFactory, ClaimFactory, CommitmentFactory, OutletFactory

SEPTEMBER = (
    "More than two dozen countries have pledged to join a force to deploy in Ukraine after any "
    "eventual peace deal with Russia, aiming to deter Moscow from again attacking its neighbor, "
    "leaders announced Thursday.\n"
    '"We have today 26 countries who have formally committed — some others have not yet taken '
    "a position — to deploy as a 'reassurance force' troops in Ukraine, or be present on the ground, "
    'in the sea, or in the air," Macron told reporters, standing alongside Zelensky.\n'
    "Macron said the United States was being \"very clear' about its willingness to participate in "
    "security guarantees for Ukraine.\n"
    '"Germany will decide on military involvement at the appropriate time once the framework '
    "conditions have been clarified,'\" a German government spokesman said after the summit.\n"
    "Taking a similar line, Prime Minister Giorgia Meloni reiterated that Italy will not send troops "
    "to Ukraine, but it could help monitor any potential peace deal, her office said.\n"
    "Before the Paris talks, Russian Foreign Ministry spokeswoman Maria Zakharova said Moscow "
    'would not agree to the deployment of foreign troops in Ukraine "in any format."\n'
)
NOVEMBER = (
    "France and the UK urge Coalition of the Willing members to provide strong security guarantees for "
    "Ukraine, including potential troop deployment for peace.\n"
    '"French, British and Turkish soldiers will be present (there) when a peace is signed to conduct '
    'training and security operations," the French president told RTL radio.\n'
    "This year, requests to deploy troops in post-war Ukraine have been spearheaded by France and the UK. "
    "While Poland, Greece, and Italy have declined, Sweden, Denmark, and Australia have expressed openness.\n"
    "After 35 nations and US Secretary of State Marco Rubio participated virtually in the meeting, Macron "
    'declared that a "working group" would be formed to finalize the security assurances.\n'
    "The United States and Turkey will join the group, which will be headed by France and the United Kingdom.\n"
)
CODES = {
    "France": "FR",
    "United Kingdom": "GB",
    "Turkey": "TR",
    "Poland": "PL",
    "Greece": "GR",
    "Italy": "IT",
    "Sweden": "SE",
    "Denmark": "DK",
    "Australia": "AU",
    "Germany": "DE",
    "United States": "US",
    "Russia": "RU",
}


def country(name: str) -> Actor:
    actor, _ = Actor.objects.get_or_create(name=name, kind=Actor.Kind.COUNTRY, defaults={"country_code": CODES[name]})
    return actor


def span(body: str, text: str) -> tuple[int, int]:
    start = body.index(text)
    return start, start + len(text)


def commit(article, actor: str, stance: str, action: str, evidence: str, condition: str = "", **kw):
    start, end = span(article.body, evidence)
    a = country(actor)
    Mention.objects.get_or_create(article=article, start=start, end=start + 1, defaults={"actor": a, "text": "x"})
    return CommitmentFactory(
        article=article,
        actor=a,
        stance=stance,
        action=action,
        condition=condition,
        start=start,
        end=end,
        stated_on=None,
        **kw,
    )


def claim(article, text: str, value, unit: str, qualifier: str = "", **kw):
    start, end = span(article.body, text)
    return ClaimFactory(
        article=article,
        text=text,
        start=start,
        end=end,
        quantity_value=value,
        quantity_unit=unit,
        quantity_qualifier=qualifier,
        **kw,
    )


def claim_formally_committed(article):
    """The September report's counting claim: 26 countries formally committed."""
    return claim(
        article,
        "We have today 26 countries who have formally committed — some others have not yet taken "
        "a position — to deploy as a 'reassurance force' troops in Ukraine",
        26,
        "countries",
    )


def september_article(**kw):
    article = ArticleFactory(
        title="Coalition of Willing Commits to Ukraine Force if Peace Agreed",
        body=SEPTEMBER,
        outlet=OutletFactory(name="The Moscow Times", domain="themoscowtimes.com"),
        published_at=dt.datetime(2025, 9, 4, 18, 0, tzinfo=dt.UTC),
        **kw,
    )
    commit(
        article,
        "France",
        "committed",
        "deploy as a reassurance force troops in Ukraine",
        "We have today 26 countries who have formally committed",
    )
    commit(
        article,
        "United States",
        "open",
        "participate in security guarantees for Ukraine",
        "its willingness to participate in security guarantees for Ukraine",
    )
    commit(
        article,
        "Germany",
        "undecided",
        "decide on military involvement",
        "Germany will decide on military involvement at the appropriate time",
        condition="once the framework conditions have been clarified",
    )
    commit(article, "Italy", "declined", "send troops to Ukraine", "Italy will not send troops to Ukraine")
    commit(
        article,
        "Italy",
        "open",
        "help monitor any potential peace deal",
        "it could help monitor any potential peace deal",
    )
    commit(
        article,
        "Russia",
        "opposed",
        "agree to the deployment of foreign troops in Ukraine",
        "Moscow would not agree to the deployment of foreign troops in Ukraine",
    )
    claim(
        article,
        "More than two dozen countries have pledged to join a force to deploy in Ukraine",
        24,
        "countries",
        "more than",
    )
    claim_formally_committed(article)
    return article


def november_article(**kw):
    article = ArticleFactory(
        title="France and the UK urge Coalition of the Willing members to provide security guarantees",
        body=NOVEMBER,
        outlet=OutletFactory(name="Euronews", domain="euronews.com"),
        published_at=dt.datetime(2025, 11, 25, 12, 0, tzinfo=dt.UTC),
        **kw,
    )
    troops = "requests to deploy troops in post-war Ukraine have been spearheaded by France and the UK"
    commit(article, "France", "committed", "deploy troops in post-war Ukraine", troops)
    commit(article, "United Kingdom", "committed", "deploy troops in post-war Ukraine", troops)
    commit(
        article,
        "Turkey",
        "committed",
        "have soldiers present when a peace is signed",
        "French, British and Turkish soldiers will be present",
    )
    for name in ("Poland", "Greece", "Italy"):
        commit(
            article, name, "declined", "deploy troops in post-war Ukraine", "Poland, Greece, and Italy have declined"
        )
    for name in ("Sweden", "Denmark", "Australia"):
        commit(
            article,
            name,
            "open",
            "deploy troops in post-war Ukraine",
            "Sweden, Denmark, and Australia have expressed openness",
        )
    commit(
        article,
        "United States",
        "committed",
        "join the working group on security assurances",
        "The United States and Turkey will join the group",
    )
    claim(
        article,
        "After 35 nations and US Secretary of State Marco Rubio participated virtually in the meeting",
        35,
        "nations",
    )
    return article


def september_copy(n: int, *, day: int | None = None, first=dt.datetime(2025, 9, 4, 18, 0, tzinfo=dt.UTC)):
    """The September report as published by outlet copy ``n``, ``day`` (default ``n``) days after ``first``
    (same sentences): copies of one story for the tracking scale tests and the findings repro
    (bench/findings_scale.py)."""
    article = ArticleFactory(
        title=f"Coalition report {n}",
        body=SEPTEMBER + f"\nReported by outlet {n}.\n",
        outlet=OutletFactory(name=f"Outlet copy {n}"),
        published_at=first + dt.timedelta(days=n if day is None else day),
    )
    commit(article, "France", "committed", "deploy as a reassurance force troops in Ukraine", "26 countries who")
    commit(article, "Italy", "declined" if n % 2 else "open", "send troops to Ukraine", "Italy will not send troops")
    commit(article, "Russia", "opposed", "agree to the deployment of foreign troops", "Moscow would not agree")
    claim_formally_committed(article)
    claim(article, "More than two dozen countries have pledged to join a force", 24, "countries", "more than")
    return article


def stored_article(n: int):
    """An extracted report: a counting claim, another claim, two commitments (the same story every time)."""
    article = ArticleFactory(published_at=dt.datetime(2025, 9, 1, tzinfo=dt.UTC) + dt.timedelta(hours=n))
    ClaimFactory(article=article, text="26 countries have formally committed to the force.")
    ClaimFactory(
        article=article,
        text=f"The fund reached {n + 100} million euros in pledges",
        quantity_value=n + 100,
        quantity_unit="million euros",
    )
    CommitmentFactory(article=article, stance="committed")
    CommitmentFactory(article=article, stance="declined" if n % 2 else "open")
    return article
