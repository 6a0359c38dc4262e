"""Rows the machine extracted are the machine's in the history (history_user None, shown as "machine"),
whether the extraction ran eagerly inside an editor's admin request or in a worker."""

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.articles.models import Article
from apps.articles.services import article_ingest
from apps.claims.models import Claim
from apps.review.admin.timeline import history_entries
from tests.conftest import wait_for

TEXT = (
    "Ministers from 14 countries agreed on Monday to put $4 billion into a new climate fund. "
    '"It is a start," the chair of the meeting, Maria Lopez, told reporters in Geneva.'
)


def _first_records(article):
    rows = [*Claim.objects.filter(article=article)]
    assert rows, "the engine found no claim in the test text"
    return [r.history.order_by("history_date", "history_id").first() for r in rows]


@pytest.mark.django_db(transaction=True)
def test_eager_extraction_in_an_editors_admin_request_is_recorded_as_the_machines(client, editor, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    client.force_login(editor)
    resp = client.post(reverse("admin:articles_article_add"), {"text": TEXT, "title": "Fund"})
    assert resp.status_code == 302
    article = Article.objects.get(title="Fund")
    assert article.status == Article.Status.EXTRACTED  # it ran inside the request
    assert article.created_by == editor  # the article itself is the editor's
    records = _first_records(article)
    assert all(rec.history_type == "+" and rec.history_user is None for rec in records)
    claim = Claim.objects.filter(article=article).first()
    entries = history_entries(claim)
    assert [e.who for e in entries] == ["machine"]
    html = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    assert "<strong>machine</strong> · created" in html


@pytest.mark.worker
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_records_extracted_rows_as_the_machines(worker):
    _proc, log = worker
    article = article_ingest(text=TEXT, title="Fund")

    def done():
        article.refresh_from_db()
        return article.status in (Article.Status.EXTRACTED, Article.Status.FAILED)

    wait_for(done, log, what="the extraction")
    assert article.status == Article.Status.EXTRACTED
    records = _first_records(article)
    assert all(rec.history_user is None for rec in records)
