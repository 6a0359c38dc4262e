"""A title inferred from the text when none is given: the article's headline, not masthead noise; and
URLs of any scheme but http(s) refused with one clear line."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.articles.ingestion import InputError
from apps.articles.ingestion.title import headline
from apps.articles.models import Article
from apps.articles.services import article_ingest

pytestmark = pytest.mark.django_db

# Made up for this test: a masthead, a logo's stray symbols, a tagline in capitals, a headline broken over
# two lines, a photo caption with its credit, a byline, then the body.
WITH_MASTHEAD = """The

EST. 1921

#§ Valley Courier

NEWS FOR THE NORTHERN VALLEYS

Regional Council Backs Flood Barrier
Plan After Long Night
 Volunteers stacking sandbags along the river bank on Sunday. valleycourier.example

By Ann Writer

The regional council voted on Tuesday to fund a 12-kilometre flood barrier, ending months of debate.

"We cannot wait for the next flood," the council leader said after the vote.
"""

BODY_ONLY = (
    "The regional council voted on Tuesday to fund a 12-kilometre flood barrier along the river, ending\n"
    "months of debate among its members.\n\nThe barrier will cost about 40 million euros."
)


def test_headline_skips_masthead_tagline_and_logo_noise():
    assert headline(WITH_MASTHEAD) == "Regional Council Backs Flood Barrier Plan After Long Night"


def test_headline_without_a_heading_is_the_first_sentence_on_one_line():
    assert headline(BODY_ONLY) == (
        "The regional council voted on Tuesday to fund a 12-kilometre flood barrier along the river, "
        "ending months of debate among its members."
    )


def test_a_heading_after_the_body_is_not_the_headline():
    text = BODY_ONLY + "\n\nWhat Happens Next For The Valley\n\nWork starts in spring."
    assert headline(text).startswith("The regional council voted")


def test_long_first_sentence_is_cut_at_a_word():
    text = "Officials said " + "that the council and the ministry agreed " * 12 + "on the plan."
    title = headline(text)
    assert len(title) <= 201 and title.endswith("…") and not title[:-1].endswith(" ")


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_no_headline_in_empty_text(text):
    assert headline(text) == ""


def test_ingest_without_title_takes_the_headline(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        article = article_ingest(text=WITH_MASTHEAD)
    assert article.title == "Regional Council Backs Flood Barrier Plan After Long Night"
    with django_capture_on_commit_callbacks(execute=False):
        given = article_ingest(text=BODY_ONLY, title="Given title")
    assert given.title == "Given title"


@pytest.mark.parametrize("url", ["ftp://example.org/a.txt", "file:///etc/passwd", "gopher://example.org/"])
def test_other_schemes_are_refused_with_one_line(url):
    with pytest.raises(InputError, match=r"^only http and https URLs can be ingested, not "):
        article_ingest(url=url)
    assert Article.objects.count() == 0


def test_ingest_command_refuses_ftp_with_the_reason_not_no_such_file():
    out = io.StringIO()
    with pytest.raises(CommandError, match="nothing was ingested"):
        call_command("ingest", "ftp://example.org/article.txt", stdout=out)
    assert "refused  ftp://example.org/article.txt: only http and https URLs can be ingested" in out.getvalue()
    assert "no such file" not in out.getvalue()
