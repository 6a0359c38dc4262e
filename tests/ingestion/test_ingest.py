"""Every kind of input, good and bad, through the one ingestion service."""

import pytest

from apps.articles.ingestion import InputError
from apps.articles.ingestion.fetch import resolve_checked
from apps.articles.models import Article
from apps.articles.services import DuplicateArticle, article_ingest, article_update_body

pytestmark = pytest.mark.django_db

TEXT = (
    "Ministers from 14 countries agreed on Monday to put $4 billion into a new fund. "
    '"This is the largest commitment we have made," the chair told reporters.'
)


def test_plain_text_is_stored_as_given_and_extracted_in_process(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article = article_ingest(text=TEXT, title="Fund")
    assert len(callbacks) == 1  # extraction is queued once, after the commit
    article.refresh_from_db()
    assert article.body == TEXT
    assert article.source == Article.Source.TEXT
    assert article.status == Article.Status.EXTRACTED
    assert article.language == "en"
    assert article.extractor_version


def test_html_is_reduced_to_its_main_text():
    html = (
        "<html><head><title>Fund agreed</title></head><body><nav>Home | World | Sport</nav>"
        f"<article><p>{TEXT}</p></article><script>var x = 1;</script></body></html>"
    )
    article = article_ingest(text=html)
    assert article.source == Article.Source.HTML
    assert "Ministers from 14 countries" in article.body
    assert "<p>" not in article.body and "var x" not in article.body
    assert article.title == "Fund agreed"


def test_broken_html_still_gives_text():
    article = article_ingest(text=f"<div><p>{TEXT}<p>unclosed <b>tags</div></i>")
    assert "Ministers from 14 countries" in article.body


def test_file_bytes_in_latin1_are_decoded():
    article = article_ingest(raw=("Café owners said 30 people " + TEXT).encode("latin-1"), filename="a.txt")
    assert article.body.startswith("Café owners")
    assert article.source == Article.Source.FILE


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"text": ""}, "empty"),
        ({"text": "   \n\t "}, "empty"),
        ({"raw": b""}, "empty"),
        ({"raw": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01"}, "binary"),
        ({"raw": bytes(range(1, 32)) * 100}, "binary"),
        ({"text": "<html><body><script>x()</script></body></html>"}, "no article text"),
        ({"text": "Ministers met.\x00 They agreed."}, "NUL"),
        ({"text": "Ministers met.", "url": "https://news.example.org/a\x00b"}, "NUL"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_stored(kwargs, message):
    with pytest.raises(InputError, match=message):
        article_ingest(**kwargs)
    assert Article.objects.count() == 0


def test_oversized_input_is_refused(settings):
    settings.NEWSROOM_MAX_ARTICLE_BYTES = 1000
    with pytest.raises(InputError, match="too large"):
        article_ingest(text="word " * 1000)
    with pytest.raises(InputError, match="too large"):
        article_ingest(raw=b"word " * 1000)
    assert Article.objects.count() == 0


def test_same_text_twice_is_one_article():
    first = article_ingest(text=TEXT)
    with pytest.raises(DuplicateArticle) as exc:
        article_ingest(text=TEXT)
    assert exc.value.article == first
    assert Article.objects.count() == 1


def test_non_english_article_is_stored_marked_and_gets_no_machine_rows(django_capture_on_commit_callbacks):
    german = (
        "Die Regierung wird über eine militärische Beteiligung entscheiden, sobald die Bedingungen geklärt sind. "
        "Mehr als zwanzig Länder haben ihre Teilnahme zugesagt, sagte ein Sprecher am Donnerstag in Berlin."
    )
    with django_capture_on_commit_callbacks(execute=True):
        article = article_ingest(text=german)
    article.refresh_from_db()
    assert article.language == "de"
    assert article.status == Article.Status.EXTRACTED
    assert article.claims.count() == article.quotes.count() == article.commitments.count() == 0


def test_body_change_requeues_and_reextracts(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = article_ingest(text=TEXT)
    new = TEXT + " Officials said 200 people attended."
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article_update_body(article=article, body=new)
    assert len(callbacks) == 1
    article.refresh_from_db()
    assert article.body == new
    assert article.status == Article.Status.EXTRACTED


def test_a_nul_in_the_title_is_dropped_and_a_new_body_with_one_refused():
    article = article_ingest(text=TEXT, title="Ti\x00tle")
    assert Article.objects.get().title == "Title"
    with pytest.raises(InputError, match="NUL"):
        article_update_body(article=article, body=TEXT + "\x00")
    article.refresh_from_db()
    assert article.body == TEXT


# --- URLs ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/article",
        "http://localhost/article",
        "http://10.1.2.3/",
        "http://192.168.0.10/",
        "http://172.16.5.4/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://0.0.0.0/",
    ],
)
def test_urls_to_private_or_local_addresses_are_refused_before_connecting(url):
    with pytest.raises(InputError, match="private or local"):
        article_ingest(url=url)
    assert Article.objects.count() == 0


@pytest.mark.parametrize("url", ["ftp://example.org/a", "file:///etc/passwd", "javascript:alert(1)"])
def test_only_http_urls(url):
    with pytest.raises(InputError, match="only http and https"):
        article_ingest(url=url)


def test_resolve_checked_allows_loopback_only_when_configured():
    assert resolve_checked("127.0.0.1", 80, allow_private=True) == "127.0.0.1"
    with pytest.raises(InputError):
        resolve_checked("127.0.0.1", 80, allow_private=False)


def test_url_is_fetched_reduced_and_given_an_outlet(settings, local_site):
    settings.NEWSROOM_FETCH_ALLOW_PRIVATE = True  # the test site lives on loopback
    article = article_ingest(url=f"{local_site}/redirect")
    assert article.source == Article.Source.URL
    assert "Ministers from 14 countries" in article.body
    assert "Copyright" not in article.body
    assert article.outlet.domain == "127.0.0.1"
    with pytest.raises(DuplicateArticle):
        article_ingest(url=f"{local_site}/redirect")


@pytest.mark.parametrize(
    ("path", "message"), [("/missing", "HTTP 404"), ("/binary", "binary"), ("/big.html", "too large")]
)
def test_bad_urls_are_refused(settings, local_site, path, message):
    settings.NEWSROOM_FETCH_ALLOW_PRIVATE = True
    settings.NEWSROOM_MAX_ARTICLE_BYTES = 4000
    with pytest.raises(InputError, match=message):
        article_ingest(url=local_site + path)
    assert Article.objects.count() == 0


def test_fetch_timeout_is_reported(settings):
    import socket
    import threading

    settings.NEWSROOM_FETCH_ALLOW_PRIVATE = True
    settings.NEWSROOM_FETCH_TIMEOUT = 0.5
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1)  # accepts the connection, never answers
    conns = []
    t = threading.Thread(target=lambda: conns.append(sock.accept()), daemon=True)
    t.start()
    try:
        with pytest.raises(InputError, match="timed out"):
            article_ingest(url=f"http://127.0.0.1:{sock.getsockname()[1]}/slow")
    finally:
        sock.close()
