import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from apps.articles.models import Article

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seeds" / "004_e190f107e8b93090.txt"
DEMO = ROOT / "apps" / "articles" / "demo"


def extract_cli(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "manage.py", "extract", *args], cwd=ROOT, input=stdin, capture_output=True, timeout=120
    )


def test_extract_prints_contract_json_for_a_file():
    path = SEED if SEED.exists() else DEMO / "01-climate-fund.txt"
    proc = extract_cli("--format", "json", str(path))
    assert proc.returncode == 0, proc.stderr.decode()
    data = json.loads(proc.stdout)
    text = path.read_text(encoding="utf-8")
    assert set(data) >= {"actors", "quotes", "claims", "commitments"}
    for actor in data["actors"]:
        assert actor["kind"] in {"person", "country", "organisation", "group"}
        for m in actor["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    for item in data["quotes"] + data["claims"] + data["commitments"]:
        assert 0 <= item["start"] <= item["end"] <= len(text)
    for claim in data["claims"]:
        assert claim["kind"] in {"quantitative", "attributed", "factual"} and 0 <= claim["score"] <= 1


@pytest.mark.parametrize(("stdin", "message"), [(b"", b"empty"), (b"\x00\x01\x02binary\x00", b"binary")])
def test_extract_refuses_bad_input_with_one_line_and_nonzero_status(stdin, message):
    proc = extract_cli("-", stdin=stdin)
    assert proc.returncode != 0
    assert message in proc.stderr
    assert b"Traceback" not in proc.stderr


def test_extract_refuses_deeply_nested_html_with_only_its_own_line():
    """The HTML libraries log their own complaints about such a page; only the refusal reaches stderr."""
    page = "<html><body>" + "<div>" * 10_000 + "A sentence." + "</div>" * 10_000 + "</body></html>"
    proc = extract_cli("-", stdin=page.encode())
    assert proc.returncode != 0
    lines = proc.stderr.decode().strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("CommandError:")


def test_extract_jsonl_answers_each_line():
    lines = [
        json.dumps({"id": "a", "text": "Ministers from 14 countries agreed to put $4 billion into a fund."}),
        json.dumps({"id": "b", "text": ""}),
    ]
    proc = extract_cli("--jsonl", stdin=("\n".join(lines) + "\n").encode())
    assert proc.returncode == 0, proc.stderr.decode()
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == ["a", "b"]
    assert "claims" in out[0]["result"]
    assert "empty" in out[1]["error"]


@pytest.mark.django_db
def test_ingest_directory_reports_created_and_refused(tmp_path):
    (tmp_path / "a.txt").write_text("Officials said 40 people were evacuated from the valley on Sunday.")
    (tmp_path / "b.html").write_text("<p>The council approved a budget of 3 million euros for schools.</p>")
    (tmp_path / "empty.txt").write_text("   ")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    out = io.StringIO()
    call_command("ingest", str(tmp_path), "--outlet", "Local Paper", "--published", "2026-11-01", stdout=out)
    text = out.getvalue()
    assert "2 created, 1 refused" in text
    assert "empty.txt: the input is empty" in text
    assert Article.objects.count() == 2
    assert set(Article.objects.values_list("outlet__name", flat=True)) == {"Local Paper"}
    assert all(a.published_at.date().isoformat() == "2026-11-01" for a in Article.objects.all())


@pytest.mark.django_db
def test_ingest_missing_path_is_an_error():
    with pytest.raises(CommandError, match="no such file"):
        call_command("ingest", "/nonexistent/file.txt", stdout=io.StringIO())


@pytest.mark.django_db
def test_reextract_requires_a_selection_and_queues_articles(django_capture_on_commit_callbacks):
    from tests.factories import ArticleFactory

    article = ArticleFactory(status=Article.Status.FAILED)
    with pytest.raises(CommandError):
        call_command("reextract", stdout=io.StringIO())
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        call_command("reextract", "--failed", stdout=out)
    assert "queued 1 article" in out.getvalue()
    assert len(callbacks) == 1
    article.refresh_from_db()
    assert article.status == Article.Status.QUEUED


@pytest.mark.django_db
def test_reextract_stuck_takes_only_articles_past_the_time_limit():
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import ArticleFactory

    now = timezone.now()
    stuck = ArticleFactory(status=Article.Status.EXTRACTING, extraction_started_at=now - timedelta(hours=3))
    running = ArticleFactory(status=Article.Status.EXTRACTING, extraction_started_at=now)
    out = io.StringIO()
    call_command("reextract", "--stuck", stdout=out)
    assert "queued 1 article" in out.getvalue()
    stuck.refresh_from_db()
    running.refresh_from_db()
    assert (stuck.status, running.status) == (Article.Status.QUEUED, Article.Status.EXTRACTING)


@pytest.mark.django_db
def test_load_demo_is_repeatable():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    count = Article.objects.count()
    assert count == len(list(DEMO.iterdir()))
    call_command("load_demo", stdout=out)
    assert Article.objects.count() == count
    assert "Demo login: editor" in out.getvalue()
