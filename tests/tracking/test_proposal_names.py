"""A proposed initiative is named from its commitment's action and object, and its description is clean."""

from __future__ import annotations

import pytest

from apps.tracking.models import Initiative
from apps.tracking.services.initiatives import initiatives_suggest_for_article
from tests.factories import ArticleFactory, CommitmentFactory

pytestmark = pytest.mark.django_db


def _proposal(body: str, words: str, action: str, condition: str = "") -> Initiative:
    article = ArticleFactory(body=body, title="Ministers meet")
    start = body.index(words)
    CommitmentFactory(article=article, start=start, end=start + len(words), action=action, condition=condition)
    initiatives_suggest_for_article(article=article)
    return Initiative.objects.get(status=Initiative.Status.PROPOSED)


def test_a_bare_verb_action_takes_its_object_from_the_commitments_words():
    words = "Norway will contribute two frigates to the northern patrol mission, the minister said"
    initiative = _proposal(f"Ministers met on Monday. {words}. Talks go on.", words, action="contribute")
    assert initiative.name == "Contribute two frigates to the northern patrol mission"


def test_a_stance_word_action_is_not_a_name():
    words = "Portugal has declined to send engineers to the border region"
    initiative = _proposal(f"{words}, officials said.", words, action="declined")
    assert initiative.name == "Send engineers to the border region"


def test_an_action_with_its_object_is_kept_and_the_description_is_clean():
    words = "Chile said it would build a new research station in the south"
    initiative = _proposal(
        f"Leaders spoke.\n\n{words}\n\nMore later.", words, action="build a new research station (there)"
    )
    assert initiative.name == "Build a new research station"
    assert initiative.description.startswith("Proposed from a commitment by ")
    assert f"“{words}”" in initiative.description
    # no run-together internal text: the action is not glued before the article's words
    assert "station (there)" not in initiative.description and "\n" not in initiative.description


def test_when_the_central_commitment_gives_no_object_another_commitments_words_name_the_proposal():
    body = (
        "Ministers met on Monday. Estonia refused to contribute, citing its budget. "
        "Latvia will contribute two patrol boats to the lake fund. Lithuania said it would fund a new weather radar."
    )
    article = ArticleFactory(body=body, title="Ministers meet")
    for words, action in (
        ("Estonia refused to contribute", "contribute"),
        ("Latvia will contribute two patrol boats to the lake fund", "contribute two patrol boats"),
    ):
        start = body.index(words)
        CommitmentFactory(article=article, start=start, end=start + len(words), action=action)
    initiatives_suggest_for_article(article=article)
    names = list(Initiative.objects.values_list("name", flat=True))
    assert "Contribute" not in names
    assert any(name.startswith("Contribute two patrol boats") for name in names)
