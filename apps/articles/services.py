"""Writes for articles. Every entry point (admin, `manage.py ingest`, API clients) goes through
:func:`article_ingest`, so the same checks apply everywhere and nothing is half-stored."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import lifecycle
from .ingestion import InputError, decode_bytes, looks_like_html, to_text
from .ingestion.fetch import fetch_url
from .ingestion.title import headline
from .models import Article, Outlet
from .signals import article_queued


class DuplicateArticle(InputError):
    """The same text (or URL) was ingested before."""

    def __init__(self, article: Article, reason: str = "the same text"):
        self.article = article
        super().__init__(f"{reason} is already stored as article #{article.pk} ({article})")


@dataclass
class _Prepared:
    body: str
    source: str
    source_name: str
    title: str


def body_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _guess_title(body: str) -> str:
    """No title given: the article's headline (see ingestion/title.py), not its first line."""
    return headline(body)


def _refuse_unusable(text: str) -> None:
    """Pasted text that can't be an article (PostgreSQL can't even store a NUL byte)."""
    if "\x00" in text:
        raise InputError("the text contains NUL bytes; it looks binary")
    if not text.strip():
        raise InputError("the text is empty")


def _read_input(*, text, raw, filename, url, html_title="") -> _Prepared:
    max_bytes = settings.NEWSROOM_MAX_ARTICLE_BYTES
    provided = [x is not None for x in (text, raw, url)]
    if sum(provided) != 1:
        raise InputError("give exactly one of: text, a file, or a URL")
    if url is not None:
        fetched = fetch_url(
            url,
            timeout=settings.NEWSROOM_FETCH_TIMEOUT,
            max_bytes=max_bytes,
            allow_private=settings.NEWSROOM_FETCH_ALLOW_PRIVATE,
        )
        decoded = decode_bytes(fetched.content, max_bytes=max_bytes)
        return _Prepared(to_text(decoded, url=fetched.url), Article.Source.URL, fetched.url, _html_title(decoded))
    if raw is not None:
        decoded = decode_bytes(raw, max_bytes=max_bytes)
        is_html = looks_like_html(decoded) or Path(filename).suffix.lower() in (".html", ".htm")
        source = Article.Source.HTML if is_html else Article.Source.FILE
        return _Prepared(to_text(decoded), source, filename, _html_title(decoded) if is_html else "")
    if len(text.encode("utf-8")) > max_bytes:
        raise InputError(f"the text is too large (the limit is {max_bytes:,} bytes)")
    _refuse_unusable(text)
    is_html = looks_like_html(text)
    return _Prepared(
        to_text(text),
        Article.Source.HTML if is_html else Article.Source.TEXT,
        filename,
        _html_title(text) if is_html else "",
    )


def _html_title(html: str) -> str:
    m = re.search(r"<title[^>]*>(.*?)</title>", html[:20000], flags=re.I | re.S)
    return re.sub(r"\s+", " ", m.group(1)).strip()[:500] if m else ""


def outlet_for_url(url: str) -> Outlet | None:
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    if not host:
        return None
    outlet, _ = Outlet.objects.get_or_create(domain=host, defaults={"name": host})
    return outlet


def article_ingest(
    *,
    text: str | None = None,
    raw: bytes | None = None,
    filename: str = "",
    url: str | None = None,
    title: str = "",
    outlet: Outlet | None = None,
    published_at: datetime | None = None,
    created_by=None,
) -> Article:
    """Store one article and announce it queued (``apps/pipeline`` runs its extraction after the commit).

    Its language is left for the engine to decide when it runs: there is one detector, the engine's.

    Raises :class:`InputError` (with a message for the person) for unusable input and
    :class:`DuplicateArticle` when the same text or URL is already stored.
    """
    # NUL can't be stored in PostgreSQL text: a title or file name loses it, a URL with one is refused.
    title, filename = title.replace("\x00", ""), filename.replace("\x00", "")
    if url is not None:
        url = url.strip()
        if "\x00" in url:
            raise InputError("the URL contains a NUL byte")
        existing = Article.objects.filter(url=url).first()
        if existing:
            raise DuplicateArticle(existing, "this URL")
    prepared = _read_input(text=text, raw=raw, filename=filename, url=url)
    digest = body_hash(prepared.body)
    existing = Article.objects.filter(body_sha256=digest).first()
    if existing:
        raise DuplicateArticle(existing)
    if outlet is None and url:
        outlet = outlet_for_url(prepared.source_name)
    if published_at is not None and timezone.is_naive(published_at):
        published_at = timezone.make_aware(published_at)
    try:
        with transaction.atomic():
            article = Article.objects.create(
                title=(title or prepared.title or _guess_title(prepared.body))[:500],
                outlet=outlet,
                url=url or None,
                published_at=published_at,
                language="",
                body=prepared.body,
                body_sha256=digest,
                source=prepared.source,
                source_name=prepared.source_name[:500],
                status=Article.Status.QUEUED,
                created_by=created_by,
            )
            _announce_queued(article)
    except IntegrityError as exc:
        # Lost a race with a concurrent ingest of the same text or URL.
        existing = Article.objects.filter(body_sha256=digest).first() or (
            Article.objects.filter(url=url).first() if url else None
        )
        if existing:
            raise DuplicateArticle(existing) from exc
        raise
    return article


def article_update_body(*, article: Article, body: str, editor=None) -> Article:
    """Replace an article's text and queue a new extraction (editors' work on the old text is kept)."""
    _refuse_unusable(body)
    digest = body_hash(body)
    if digest == article.body_sha256:
        return article
    clash = Article.objects.filter(body_sha256=digest).exclude(pk=article.pk).first()
    if clash:
        raise DuplicateArticle(clash)
    with transaction.atomic():
        article.body = body
        article.body_sha256 = digest
        article.language = ""  # the engine's verdict on the new text is stored when it runs
        article.save(update_fields=["body", "body_sha256", "language", "updated_at"])
        lifecycle.reset(article_id=article.pk)
        article.status = Article.Status.QUEUED
        article.failure_reason = ""
        _announce_queued(article)
    return article


def article_requeue(*, article: Article) -> Article:
    """Queue an article for a fresh machine run (new engine version, after a failure, an editor's request).

    Editors' rows are kept: the persistence step never overwrites what an editor owns."""
    with transaction.atomic():
        lifecycle.reset(article_id=article.pk)
        article.status = Article.Status.QUEUED
        article.failure_reason = ""
        _announce_queued(article)
    return article


def _announce_queued(article: Article) -> None:
    article_queued.send(sender=Article, article_id=article.pk)
