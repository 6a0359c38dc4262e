"""The Article admin's add form goes through article_ingest and shows its errors on the form."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

TEXT = "Greece said on Monday it would not send troops to Ukraine. The government confirmed it."


def test_paste_text_creates_a_queued_article(client, reporter):
    client.force_login(reporter)
    resp = client.post(reverse("admin:articles_article_add"), {"text": TEXT, "title": "Greece"})
    assert resp.status_code == 302
    article = Article.objects.get(title="Greece")
    assert article.body.startswith("Greece said") and article.created_by == reporter
    assert article.status == Article.Status.QUEUED


def test_upload_a_file(client, reporter):
    client.force_login(reporter)
    upload = SimpleUploadedFile("story.html", b"<html><title>Story</title><body><p>" + TEXT.encode() + b"</p></body>")
    resp = client.post(reverse("admin:articles_article_add"), {"upload": upload})
    assert resp.status_code == 302
    assert Article.objects.get().body.strip().startswith("Greece said")


def test_duplicate_is_refused_with_a_link_to_the_stored_article(client, reporter):
    client.force_login(reporter)
    client.post(reverse("admin:articles_article_add"), {"text": TEXT, "title": "first"})
    resp = client.post(reverse("admin:articles_article_add"), {"text": TEXT, "title": "second"})
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Already stored" in html
    assert reverse("admin:articles_article_change", args=[Article.objects.get().pk]) in html
    assert Article.objects.count() == 1


def test_unusable_input_and_missing_input_are_explained(client, reporter):
    client.force_login(reporter)
    resp = client.post(reverse("admin:articles_article_add"), {"text": "   "})
    assert "Give exactly one of" in resp.content.decode()
    resp = client.post(
        reverse("admin:articles_article_add"), {"upload": SimpleUploadedFile("x.bin", b"\x00\x01\x02binary")}
    )
    assert "Cannot use this input" in resp.content.decode()
    assert not Article.objects.exists()


def test_editing_the_body_queues_a_new_extraction(client, editor):
    article = ArticleFactory(body=TEXT, status=Article.Status.EXTRACTED)
    client.force_login(editor)
    resp = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        {
            "title": "New title",
            "outlet": article.outlet_id,
            "published_at_0": "",
            "published_at_1": "",
            "url": "",
            "body": TEXT + " More.",
        },
    )
    assert resp.status_code == 302, resp.content.decode()[-2000:]
    article.refresh_from_db()
    assert article.title == "New title" and article.body.endswith("More.")
    assert article.status == Article.Status.QUEUED


def test_add_lands_on_the_new_articles_page_which_refreshes_while_queued(client, reporter):
    client.force_login(reporter)
    resp = client.post(reverse("admin:articles_article_add"), {"text": TEXT, "title": "Greece"})
    article = Article.objects.get(title="Greece")
    assert resp["Location"] == reverse("admin:articles_article_change", args=[article.pk])
    html = client.get(resp["Location"]).content.decode()
    assert 'data-status="queued"' in html and "waiting for the background worker" in html
    assert '<meta http-equiv="refresh"' in html


def test_the_article_page_stops_refreshing_when_done_and_says_what_was_found_or_why_it_failed(client, reporter):
    client.force_login(reporter)
    done = ArticleFactory(body=TEXT, status=Article.Status.EXTRACTED)
    html = client.get(reverse("admin:articles_article_change", args=[done.pk])).content.decode()
    assert 'data-status="extracted"' in html and "0 claims" in html
    assert 'http-equiv="refresh"' not in html
    failed = ArticleFactory(status=Article.Status.FAILED, failure_reason="cannot extract: the article is empty")
    html = client.get(reverse("admin:articles_article_change", args=[failed.pk])).content.decode()
    assert "cannot extract: the article is empty" in html and 'http-equiv="refresh"' not in html
